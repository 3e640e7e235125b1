using System.Diagnostics;

namespace Pilot.Bridge.Bench;

/// <summary>
/// A real pseudo-terminal pair from socat (the bench's stand-in for a USB cable): bytes written to <see cref="A"/> come
/// out of <see cref="B"/> and back. Used by the bench command, the benchmark and the tests.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;
    private readonly string _dir;
    private readonly bool _ownsDir;

    /// <param name="socat">the socat executable</param>
    /// <param name="directory">where the two links go (a fresh temporary folder when null); reuse one to "plug back in"</param>
    public PtyPair(string socat = "socat", string? directory = null)
    {
        _dir = directory ?? System.IO.Directory.CreateTempSubdirectory("pilot-pty-").FullName;
        _ownsDir = directory is null;
        A = Path.Combine(_dir, "a");
        B = Path.Combine(_dir, "b");
        try
        {
            _socat = Process.Start(new ProcessStartInfo(socat, ["-d", "-d", $"pty,raw,echo=0,link={A}", $"pty,raw,echo=0,link={B}"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start '{socat}' for a pty pair (install the Debian package socat): {e.Message}", e);
        }
        _socat.ErrorDataReceived += (_, _) => { };
        _socat.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(File.Exists(A) && File.Exists(B)))
        {
            if (DateTime.UtcNow > deadline || _socat.HasExited) throw new InvalidOperationException("socat did not create the pty pair");
            Thread.Sleep(10);
        }
    }

    public string A { get; }
    public string B { get; }

    /// <summary>Ends socat: both ptys go away, as when a USB device is unplugged.</summary>
    public void Unplug()
    {
        // The links go first. Left behind (a killed socat leaves them), they name /dev/pts numbers the kernel hands to
        // the next pty opened anywhere: a host reconnecting by path would then open another pair and steal its bytes.
        File.Delete(A);
        File.Delete(B);
        if (!_socat.HasExited) _socat.Kill();
        _socat.WaitForExit();
    }

    public string Directory => _dir;

    public void Dispose()
    {
        Unplug();
        _socat.Dispose();
        if (_ownsDir) System.IO.Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>The bench device as a real child process serving one end of a pty pair.</summary>
public sealed class BenchDeviceProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly string? _ownLink;  // the link to the device's own pseudo-terminal (--pty), removed on kill
    private bool _disposed;

    /// <summary>Where a project that references Pilot.Bridge.BenchDevice finds it: beside its own assembly.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Pilot.Bridge.BenchDevice.dll");

    public BenchDeviceProcess(string port, params string[] extra) : this(DefaultPath, port, extra) { }

    public BenchDeviceProcess(string dll, string port, string[] extra) : this(dll, "--port", port, extra) { }

    /// <summary>The device on a pseudo-terminal of its own, linked at <paramref name="link"/> (no socat relay in between).</summary>
    public static BenchDeviceProcess OnOwnPty(string link, params string[] extra) => new(DefaultPath, "--pty", link, extra);

    private BenchDeviceProcess(string dll, string how, string port, string[] extra)
    {
        _ownLink = how == "--pty" ? port : null;
        if (!File.Exists(dll)) throw new FileNotFoundException($"bench device not built: {dll}", dll);
        _process = Process.Start(new ProcessStartInfo("dotnet", [dll, how, port, .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Add(e.Data); };
        _process.BeginErrorReadLine();
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result != $"ready {port}")
            throw new InvalidOperationException($"bench device did not start: {ready.Status} {string.Join('\n', _stderr)}");
    }

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Kill()
    {
        if (_ownLink is not null) File.Delete(_ownLink);  // first, as PtyPair.Unplug does: a killed device cannot remove it
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Kills and releases the process; a second call does nothing (a test's unplug may have disposed it already).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Kill();
        _process.Dispose();
    }
}
