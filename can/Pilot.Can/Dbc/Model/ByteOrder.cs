namespace Pilot.Can.Dbc;

/// <summary>Bit numbering of a signal: DBC <c>@1</c> is little endian (Intel), <c>@0</c> big endian (Motorola).</summary>
public enum ByteOrder
{
    LittleEndian,
    BigEndian,
}

/// <summary>How the raw bits are interpreted: an integer (signed per <c>+/-</c>) or IEEE float/double (SIG_VALTYPE_ 1/2).</summary>
public enum SignalValueType
{
    Integer,
    Float32,
    Float64,
}
