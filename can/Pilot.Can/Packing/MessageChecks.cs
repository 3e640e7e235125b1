using Pilot.Can.Checksums;
using Pilot.Can.Dbc;

namespace Pilot.Can.Packing;

/// <summary>The checksum and counter signals of one message under a <see cref="ChecksumProfile"/>, found once.</summary>
internal readonly struct MessageChecks
{
    public readonly Signal? Checksum;
    public readonly Signal? Counter;
    public readonly ChecksumAlgorithm Algorithm;

    public MessageChecks(Message message, ChecksumProfile profile)
    {
        Checksum = message.Signals.FirstOrDefault(s => profile.IsChecksum(s.Name));
        Counter = message.Signals.FirstOrDefault(s => profile.IsCounter(s.Name));
        Algorithm = Checksum is null ? ChecksumAlgorithm.None : profile.Algorithm;
    }

    /// <summary>The checksum the frame should carry.</summary>
    public uint Compute(uint address, ReadOnlySpan<byte> frame) =>
        CarChecksums.Compute(Algorithm, address, frame, Checksum!.StartBit);
}
