using Pilot.Can.Packing;
using Pilot.Car.Ports;

namespace Pilot.Car.Fingerprinting;

/// <summary>The outcome of fingerprinting: the recognized port, or null with the reason none was.</summary>
public sealed record FingerprintResult(CarPort? Port, string Reason);

/// <summary>
/// Recognizes the car from its CAN traffic (openpilot can_fingerprint): every frame seen eliminates the candidates
/// whose fingerprint does not list its id with its length; once one candidate is left and traffic has been watched
/// for <see cref="DecideAfterNs"/>, it is the car. No candidate left, or still several after
/// <see cref="GiveUpAfterNs"/>, refuses: an unknown car is never driven with a guessed port.
/// </summary>
public sealed class Fingerprinter
{
    /// <summary>Watch at least this long (ns) before deciding, so messages slower than 100 Hz have appeared.</summary>
    public const long DecideAfterNs = 500_000_000;

    /// <summary>Refuse when no single candidate remains after this long (ns) (openpilot gives up after 2 s).</summary>
    public const long GiveUpAfterNs = 2_000_000_000;

    /// <summary>Ids at or above this are extended/diagnostic frames that no fingerprint lists (openpilot ignores them too).</summary>
    public const uint FirstIgnoredAddress = 0x800;

    /// <summary>Buses at or above this number carry frames echoed back after our own transmission.</summary>
    public const int EchoBusOffset = 128;

    private static readonly HashSet<uint> DiagnosticIds = [0x7DF, 0x7E0, 0x7E8];   // OBD requests/responses (VIN query)

    private readonly List<CarPort> _candidates;
    private long _firstNs = -1;
    private string? _lastElimination;

    public Fingerprinter(IEnumerable<CarPort> candidates) => _candidates = candidates.ToList();

    /// <summary>The ports still possible.</summary>
    public IReadOnlyList<CarPort> Candidates => _candidates;

    /// <summary>Feeds one batch received at <paramref name="nowNs"/>; returns the result once decided, else null.</summary>
    public FingerprintResult? Feed(long nowNs, IReadOnlyList<CanFrame> frames)
    {
        foreach (var f in frames)
        {
            if (f.Bus >= EchoBusOffset || f.Address >= FirstIgnoredAddress || DiagnosticIds.Contains(f.Address)) continue;
            if (_firstNs < 0) _firstNs = nowNs;
            int removed = _candidates.RemoveAll(p => !p.Fingerprint.Allows(f.Bus, f.Address, f.Data.Length));
            if (removed > 0) _lastElimination = $"0x{f.Address:X} [{f.Data.Length}] on bus {f.Bus}";
        }
        if (_firstNs < 0) return null;
        long watched = nowNs - _firstNs;
        if (_candidates.Count == 0)
            return new FingerprintResult(null, $"unknown car: no port sends {_lastElimination}");
        if (_candidates.Count == 1 && watched >= DecideAfterNs)
            return new FingerprintResult(_candidates[0], $"matched {_candidates[0].Platform} after {watched / 1e6:F0} ms of traffic");
        if (watched >= GiveUpAfterNs)
            return new FingerprintResult(null, $"ambiguous car after {watched / 1e6:F0} ms: {string.Join(", ", _candidates)} all fit");
        return null;
    }
}
