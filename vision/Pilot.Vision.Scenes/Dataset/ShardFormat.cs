namespace Pilot.Vision.Scenes.Dataset;

/// <summary>
/// A data-set shard file: a 40-byte header, then one record per sample. All integers little-endian.
/// <code>
/// header:  magic "PLDS" | version u16 | reserved u16 | input bytes u32 | label floats u32 | samples u32 |
///          seed u64 | first index u64 | reserved u32
/// record:  compressed length u32 | CRC-32 of the uncompressed payload u32 | zstd(payload)
/// payload: input [12, 128, 256] bytes, then labels (LabelVector.Length float32)
/// </code>
/// Records are compressed one by one so any sample can be read alone; the CRC catches corruption that zstd does not.
/// </summary>
public static class ShardFormat
{
    public static ReadOnlySpan<byte> Magic => "PLDS"u8;
    public const ushort Version = 1;
    public const int HeaderSize = 40;
    public const int RecordHeaderSize = 8;

    /// <summary>Largest compressed record accepted: a corrupt length must not make the reader allocate gigabytes.</summary>
    public const int MaxRecordBytes = 4 << 20;

    public static string ShardName(int shard) => $"shard-{shard:D5}.plds";
}
