namespace Pilot.Vision.Data;

/// <summary>
/// A data file (IDX, image, checkpoint) is malformed or does not match what the caller expected. The message names
/// the file and, where one applies, the byte offset and tensor; the same facts are properties for programs.
/// Misuse of the API (bad arguments) throws <see cref="ArgumentException"/> instead.
/// </summary>
public sealed class DataFormatException : Exception
{
    public string File { get; }

    /// <summary>Byte offset in the (decompressed) file where the problem was found, or -1 when none applies.</summary>
    public long Offset { get; }

    /// <summary>The checkpoint tensor concerned, when one is.</summary>
    public string? Tensor { get; }

    public DataFormatException(string file, long offset, string problem, string? tensor = null, Exception? inner = null)
        : base(Compose(file, offset, problem, tensor), inner)
    {
        File = file;
        Offset = offset;
        Tensor = tensor;
    }

    private static string Compose(string file, long offset, string problem, string? tensor)
    {
        string where = offset >= 0 ? $"{file} at byte {offset}" : file;
        return tensor is null ? $"{where}: {problem}" : $"{where}, tensor '{tensor}': {problem}";
    }
}
