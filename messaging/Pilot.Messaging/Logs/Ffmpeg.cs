using System.Diagnostics;
using System.Text;

namespace Pilot.Messaging.Logs;

/// <summary>Starts the system's ffmpeg/ffprobe with piped standard streams; stderr is collected for error messages.</summary>
internal sealed class Ffmpeg : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly string _what;

    public Ffmpeg(string tool, IEnumerable<string> args, string what, bool writeStdin)
    {
        _what = what;
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = writeStdin,
            RedirectStandardOutput = !writeStdin,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        try { _process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new IOException($"{what}: cannot start {tool} ({e.Message}); install the ffmpeg package", e); }
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
    }

    public Stream Input => _process.StandardInput.BaseStream;
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Waits for the tool to finish; throws with its stderr when it failed.</summary>
    public void Finish()
    {
        if (_process.StartInfo.RedirectStandardInput) _process.StandardInput.Close();
        _process.WaitForExit();
        if (_process.ExitCode != 0)
            lock (_stderr) throw new IOException($"{_what}: ffmpeg exited with {_process.ExitCode}: {_stderr.ToString().Trim()}");
    }

    /// <summary>Runs ffprobe and returns the (width, height) of the first video stream of <paramref name="path"/>.</summary>
    public static (int Width, int Height) ProbeSize(string path)
    {
        using var p = new Ffmpeg("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path],
            $"probing {path}", writeStdin: false);
        string text = new StreamReader(p.Output).ReadToEnd().Trim();
        p.Finish();
        var parts = text.Split(',');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int w) || !int.TryParse(parts[1], out int h))
            throw new InvalidDataException($"{path}: ffprobe reported no video size ('{text}')");
        return (w, h);
    }

    public void Dispose()
    {
        if (!_process.HasExited) { try { _process.Kill(); } catch (InvalidOperationException) { } }
        _process.Dispose();
    }
}
