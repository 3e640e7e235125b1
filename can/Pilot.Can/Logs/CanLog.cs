using System.IO.Compression;

namespace Pilot.Can.Logs;

/// <summary>Reads and writes CAN logs by file extension: .log (candump), .asc (also .asc.gz), .blf, .trc.</summary>
public static class CanLog
{
    /// <summary>Reads every frame of <paramref name="path"/>.</summary>
    public static IReadOnlyList<CanLogFrame> ReadFile(string path, CanLogLimits? limits = null)
    {
        string name = Path.GetFileName(path);
        string ext = Extension(path);
        using var stream = File.OpenRead(path);
        Stream input = ext == ".asc.gz" ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var text = new StreamReader(input, System.Text.Encoding.Latin1);
        return ext switch
        {
            ".log" => CandumpLog.Read(text, name, limits).ToList(),
            ".asc" or ".asc.gz" => AscLog.Read(text, name, limits).ToList(),
            ".trc" => TrcLog.Read(text, name, limits).ToList(),
            ".blf" => BlfLog.Read(stream, name, limits).ToList(),
            _ => throw new ArgumentException($"unknown CAN log format '{ext}' for {path}: expected .log, .asc, .asc.gz, .blf or .trc"),
        };
    }

    /// <summary>Writes <paramref name="frames"/> to <paramref name="path"/> as candump (.log) or ASC (.asc).</summary>
    public static void WriteFile(string path, IEnumerable<CanLogFrame> frames)
    {
        string ext = Extension(path);
        if (ext is not (".log" or ".asc"))
            throw new ArgumentException($"cannot write '{ext}' logs ({path}): Pilot writes .log (candump) and .asc");
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        if (ext == ".log") CandumpLog.Write(writer, frames);
        else AscLog.Write(writer, frames);
    }

    private static string Extension(string path) =>
        path.EndsWith(".asc.gz", StringComparison.OrdinalIgnoreCase) ? ".asc.gz" : Path.GetExtension(path).ToLowerInvariant();
}
