using System.Diagnostics.CodeAnalysis;

namespace Pilot.Capnp;

/// <summary>
/// Cold throw paths, kept out of the inlined readers so that field reads stay small. Bad input throws
/// <see cref="CapnpException"/>/<see cref="CapnpLimitException"/>; caller misuse (an offset outside the declared
/// struct size) throws the framework's argument exceptions.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Malformed(int segment, long word, string message) =>
        throw new CapnpException(message, segment, word);

    [DoesNotReturn]
    public static void Framing(string message) => throw new CapnpException(message);

    [DoesNotReturn]
    public static void Limit(string limit, int segment, long word, string message) =>
        throw new CapnpLimitException(limit, message, segment, word);

    [DoesNotReturn]
    public static void OutOfRange(string what, long index, long size) =>
        throw new ArgumentOutOfRangeException(what, index, $"{what} {index} is outside 0..{size - 1}");

    [DoesNotReturn]
    public static void Misuse(string message) => throw new InvalidOperationException(message);
}
