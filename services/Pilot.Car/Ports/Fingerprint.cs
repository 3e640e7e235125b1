namespace Pilot.Car.Ports;

/// <summary>
/// The CAN traffic a platform produces: per bus, every arbitration id it sends with its payload length (openpilot's
/// CAN fingerprints). A frame is compatible when its bus is not fingerprinted or its id and length are listed.
/// </summary>
public sealed class Fingerprint
{
    private readonly Dictionary<int, Dictionary<uint, int>> _buses;

    public Fingerprint(IReadOnlyDictionary<int, IReadOnlyDictionary<uint, int>> buses) =>
        _buses = buses.ToDictionary(b => b.Key, b => b.Value.ToDictionary(m => m.Key, m => m.Value));

    /// <summary>Buses this fingerprint judges.</summary>
    public IEnumerable<int> Buses => _buses.Keys;

    /// <summary>The addresses and lengths listed for <paramref name="bus"/> (empty when the bus is not fingerprinted).</summary>
    public IReadOnlyDictionary<uint, int> On(int bus) => _buses.TryGetValue(bus, out var m) ? m : new Dictionary<uint, int>();

    /// <summary>True when this platform could have sent a frame of <paramref name="length"/> bytes at <paramref name="address"/> on <paramref name="bus"/>.</summary>
    public bool Allows(int bus, uint address, int length) =>
        !_buses.TryGetValue(bus, out var messages) || (messages.TryGetValue(address, out int l) && l == length);
}
