using System.Diagnostics.CodeAnalysis;

namespace Pilot.Hardware.Gnss;

/// <summary>A sentence that passed framing and checksum but whose fields are malformed; names the field and byte.</summary>
public sealed class NmeaFormatException(string message, string sentence, int field, int byteOffset)
    : FormatException($"{sentence}: {message} (field {field}, byte {byteOffset})")
{
    public string Sentence { get; } = sentence;
    public int Field { get; } = field;
    public int ByteOffset { get; } = byteOffset;
}

/// <summary>A UBX payload that does not match its message definition.</summary>
public sealed class UbxFormatException(string message, byte messageClass, byte messageId, int byteOffset)
    : FormatException($"UBX 0x{messageClass:X2} 0x{messageId:X2}: {message} (payload byte {byteOffset})")
{
    public int ByteOffset { get; } = byteOffset;
}

internal static class GnssThrow
{
    [DoesNotReturn]
    public static void Nmea(string message, string sentence, int field, int byteOffset) =>
        throw new NmeaFormatException(message, sentence, field, byteOffset);

    [DoesNotReturn]
    public static void Ubx(string message, byte cls, byte id, int byteOffset) =>
        throw new UbxFormatException(message, cls, id, byteOffset);
}
