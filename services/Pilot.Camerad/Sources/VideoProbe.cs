using System.Diagnostics;

namespace Pilot.Camerad.Sources;

/// <summary>Frame size of a video file, from ffprobe.</summary>
internal static class VideoProbe
{
    public static (int Width, int Height) Size(string path)
    {
        var info = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path })
            info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new IOException($"{path}: cannot start ffprobe; install the ffmpeg package");
        string text = p.StandardOutput.ReadToEnd().Trim(), errors = p.StandardError.ReadToEnd().Trim();
        p.WaitForExit();
        var parts = text.Split(',');
        if (p.ExitCode != 0 || parts.Length != 2 || !int.TryParse(parts[0], out int w) || !int.TryParse(parts[1], out int h))
            throw new InvalidDataException($"{path}: ffprobe found no video stream ({(errors.Length > 0 ? errors : text)})");
        return (w, h);
    }
}
