using Pilot.Can.Checksums;
using Pilot.Can.Codec;
using Pilot.Can.Dbc;

namespace Pilot.Can.Packing;

/// <summary>
/// Builds frames from physical values, as opendbc's CANPacker does: values are encoded (saturating, see
/// <see cref="EncodeMode.Clamp"/>; rounding half away from zero), signals left out are raw 0, the rolling COUNTER
/// is filled from a per-message counter when the caller does not give it, and the CHECKSUM is computed last with the
/// database's <see cref="ChecksumProfile"/>. Not thread-safe (the counters are state); use one packer per sender.
/// </summary>
public sealed class CanPacker
{
    private readonly Dictionary<uint, MessageChecks> _checks = [];
    private readonly Dictionary<uint, ulong> _counters = [];

    /// <param name="database">The database to pack with.</param>
    /// <param name="profile">Checksum profile; by default chosen from the database name as opendbc does.</param>
    public CanPacker(DbcDatabase database, ChecksumProfile? profile = null)
    {
        Database = database;
        Profile = profile ?? ChecksumProfile.ForDatabase(database.Name);
        foreach (var m in database.Messages) _checks[m.FrameId] = new MessageChecks(m, Profile);
    }

    public DbcDatabase Database { get; }
    public ChecksumProfile Profile { get; }

    /// <summary>Packs message <paramref name="messageName"/> from values by signal name.</summary>
    public CanFrame Pack(string messageName, IReadOnlyDictionary<string, double> values, int bus = 0) =>
        Pack(Database.GetMessage(messageName), values, bus);

    /// <summary>Packs the message with id <paramref name="address"/> from values by signal name.</summary>
    public CanFrame Pack(uint address, IReadOnlyDictionary<string, double> values, int bus = 0) =>
        Pack(Database.GetMessage(address), values, bus);

    private CanFrame Pack(Message message, IReadOnlyDictionary<string, double> values, int bus)
    {
        var span = new double[message.Signals.Count];
        span.AsSpan().Fill(double.NaN);
        foreach (var (name, value) in values) span[message.GetSignal(name).Index] = value;
        var data = new byte[message.Length];
        Pack(message, span, data);
        return new CanFrame(message.FrameId, data, bus);
    }

    /// <summary>
    /// Allocation-free packing: <paramref name="values"/> by signal index, NaN meaning "not given" (raw 0; for the
    /// counter, "fill it in"). Writes <see cref="Message.Length"/> bytes into <paramref name="frame"/>.
    /// </summary>
    public void Pack(Message message, ReadOnlySpan<double> values, Span<byte> frame)
    {
        var checks = _checks[message.FrameId];
        Span<double> filled = stackalloc double[message.Signals.Count];
        var codec = message.Codec;
        for (int i = 0; i < filled.Length; i++) filled[i] = double.IsNaN(values[i]) ? codec.RawZeroValue(i) : values[i];
        codec.Encode(filled, frame, EncodeMode.Clamp);
        if (checks.Counter is { } counter && double.IsNaN(values[counter.Index]))
        {
            _counters.TryGetValue(message.FrameId, out ulong next);
            codec.EncodeRaw(frame[..message.Length], counter.Index, next);
            _counters[message.FrameId] = counter.Length >= 64 ? next + 1 : (next + 1) % (1UL << counter.Length);
        }
        if (checks.Algorithm != ChecksumAlgorithm.None)
            codec.EncodeRaw(frame[..message.Length], checks.Checksum!.Index, checks.Compute(message.FrameId, frame[..message.Length]));
    }
}
