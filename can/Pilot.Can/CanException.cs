namespace Pilot.Can;

/// <summary>
/// Base type of every error the CAN library raises for bad input (a malformed DBC file, a frame that does not decode,
/// a value that does not encode, a corrupt log). Misuse of the API (null arguments, unknown names) raises the usual
/// <see cref="ArgumentException"/> family instead, so callers can tell "the data is wrong" from "the call is wrong".
/// </summary>
public class CanException : Exception
{
    public CanException(string message) : base(message) { }
    public CanException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A frame could not be decoded (too short, unknown id, multiplexer value without signals).</summary>
public sealed class CanDecodeException(string message) : CanException(message);

/// <summary>A value could not be encoded (out of the signal's range in strict mode, not finite, unknown choice).</summary>
public sealed class CanEncodeException(string message) : CanException(message);
