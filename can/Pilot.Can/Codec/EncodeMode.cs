namespace Pilot.Can.Codec;

/// <summary>What encoding does with a value outside a signal's range.</summary>
public enum EncodeMode
{
    /// <summary>
    /// Reject (throw <see cref="CanEncodeException"/>) a physical value outside the DBC <c>[min|max]</c> (when the DBC
    /// gives one, i.e. not 0|0) or a raw value that does not fit the signal's bits. The default.
    /// </summary>
    Strict,

    /// <summary>
    /// Saturate: clamp the raw value to what the signal's bits can hold, ignoring the DBC <c>[min|max]</c> (opendbc's
    /// ranges are often placeholders such as [0|3] on a 4-bit checksum). Used by <see cref="Packing.CanPacker"/>.
    /// </summary>
    Clamp,
}
