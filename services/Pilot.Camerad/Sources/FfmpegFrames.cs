using System.Diagnostics;
using System.Text;

namespace Pilot.Camerad.Sources;

/// <summary>
/// Decodes a video file with the system's ffmpeg into raw frames of a fixed size on its standard output, one
/// <see cref="TryRead"/> per frame. ffmpeg's errors are kept for the exception when it stops early.
/// </summary>
internal sealed class FfmpegFrames : IDisposable
{
    private readonly Process _process;
    private readonly Stream _output;
    private readonly StringBuilder _stderr = new();
    private readonly string _path;

    public FfmpegFrames(string path, IEnumerable<string> arguments)
    {
        _path = path;
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try { _process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new IOException($"{path}: cannot start ffmpeg ({e.Message}); install the ffmpeg package", e); }
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _output = _process.StandardOutput.BaseStream;
    }

    /// <summary>Fills <paramref name="frame"/> with the next frame; false at the end of the video.</summary>
    public bool TryRead(Span<byte> frame)
    {
        int got = 0;
        while (got < frame.Length)
        {
            int n = _output.Read(frame[got..]);
            if (n == 0) break;
            got += n;
        }
        if (got == frame.Length) return true;
        _process.WaitForExit();
        if (_process.ExitCode != 0)
            lock (_stderr) throw new IOException($"{_path}: ffmpeg exited with {_process.ExitCode}: {_stderr.ToString().Trim()}");
        return false;
    }

    public void Dispose()
    {
        if (!_process.HasExited) { try { _process.Kill(); } catch (InvalidOperationException) { } }
        _process.Dispose();
    }
}
