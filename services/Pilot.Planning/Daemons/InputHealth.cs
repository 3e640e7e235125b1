using Pilot.Messaging.PubSub;

namespace Pilot.Planning.Daemons;

/// <summary>
/// The SubMaster health rule (alive, in frequency band, marked valid by its publisher) for one input, read from its
/// state without building the failure list <see cref="SubMaster.AllChecks"/> allocates: the daemons ask every cycle.
/// </summary>
internal static class InputHealth
{
    public static bool Ok(ServiceState state) => state.ReceiveCount > 0 && state.Alive && state.FrequencyOk && state.Valid;

    /// <summary>Heard recently enough, whatever its rate or valid flag (for inputs whose validity may depend on ours).</summary>
    public static bool Alive(ServiceState state) => state.ReceiveCount > 0 && state.Alive;
}
