using Pilot.Messaging.PubSub;

namespace Pilot.Controls.Detection;

/// <summary>
/// Turns the SubMaster checks into the short, named reason a commIssue alert shows ("modelV2 not alive"). Services a
/// bench may lack count only once they have been heard; the reason strings are made once per service so a failing
/// input does not allocate every step.
/// </summary>
public sealed class ServiceHealth
{
    private readonly SubMaster _inputs;
    private readonly HashSet<string> _untimed, _optional;
    private readonly Dictionary<string, string[]> _reasons;   // per service: never received, not alive, frequency, invalid

    /// <param name="untimed">services the SubMaster exempts from the alive and frequency checks (its ignoreAlive)</param>
    /// <param name="optional">services that may never arrive (a bench without them)</param>
    public ServiceHealth(SubMaster inputs, IEnumerable<string> untimed, IEnumerable<string> optional)
    {
        _inputs = inputs;
        _untimed = new HashSet<string>(untimed, StringComparer.Ordinal);
        _optional = new HashSet<string>(optional, StringComparer.Ordinal);
        _reasons = inputs.States.ToDictionary(s => s.Service.Name,
            s => new[] { $"{s.Service.Name} not received", $"{s.Service.Name} not alive", $"{s.Service.Name} frequency out of band", $"{s.Service.Name} invalid" },
            StringComparer.Ordinal);
    }

    /// <summary>Why the first failing input fails, or null when every input is healthy.</summary>
    public string? FirstFailure()
    {
        foreach (var failure in _inputs.AllChecks())
        {
            var state = _inputs[failure.Service];
            if (state.ReceiveCount == 0 && _optional.Contains(failure.Service)) continue;
            var reasons = _reasons[failure.Service];
            bool timed = !_untimed.Contains(failure.Service);
            if (state.ReceiveCount == 0) return reasons[0];
            if (timed && !state.Alive) return reasons[1];
            if (timed && !state.FrequencyOk) return reasons[2];
            return reasons[3];
        }
        return null;
    }
}
