using System.Collections.Concurrent;
using System.Diagnostics;
using Pilot.Messaging.TestPeer;

namespace Pilot.Messaging.Tests;

/// <summary>A Pilot.Messaging.TestPeer child process on a given bus; its stdout lines are queued for the test.</summary>
public sealed class PeerProcess : IDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);   // generous: 2 cores shared by many builds
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];

    public PeerProcess(Bus bus, params string[] args)
    {
        string dll = typeof(PeerEvents).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        bus.ExportTo(info.Environment);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is null) _lines.CompleteAdding(); else _lines.Add(e.Data); };
        _process.BeginOutputReadLine();
    }

    public int Id => _process.Id;

    /// <summary>The next stdout line; throws when the process ended or nothing came in time.</summary>
    public string NextLine(TimeSpan? wait = null) =>
        _lines.TryTake(out var line, wait ?? DefaultWait) ? line
            : throw new TimeoutException($"peer {Id} printed nothing more (exited: {_process.HasExited})");

    /// <summary>The next stdout line if one comes within <paramref name="wait"/>.</summary>
    public string? TryNextLine(TimeSpan wait) => _lines.TryTake(out var line, wait) ? line : null;

    /// <summary>Skips lines until one starts with <paramref name="prefix"/>; returns it.</summary>
    public string WaitFor(string prefix)
    {
        while (true)
        {
            string line = NextLine();
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        }
    }

    /// <summary>Every remaining line until the process exits.</summary>
    public List<string> ReadToEnd()
    {
        var all = new List<string>();
        foreach (var line in _lines.GetConsumingEnumerable()) all.Add(line);
        _process.WaitForExit();
        return all;
    }

    public void WriteLine(string line) => _process.StandardInput.WriteLine(line);

    /// <summary>SIGKILL: the process gets no chance to flush or clean up.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}

/// <summary>A fresh bus per test so tests running in parallel (and a live system on 8100) never share ports.</summary>
public static class TestBus
{
    // Port bases 10000..21750 (+ at most 224 per service): below Linux's ephemeral ports (32768+), which any outgoing
    // connection on the machine may hold and so make a bind fail, and below the benchmark's 28000..32500.
    private const int First = 10000, Span = 12000;
    private static int _next = Random.Shared.Next(0, 40) * 500;

    private static int NextBase() => First + Interlocked.Add(ref _next, 250) % Span;

    public static Bus Tcp() => new(Transport.Tcp, NextBase());

    public static Bus Inproc() => new(Transport.Inproc, NextBase(), $"t{Guid.NewGuid():N}");

    /// <summary>A shared-memory bus; its files carry the port base, which is all a child process learns of the bus.</summary>
    public static Bus Shm() => new(Transport.Shm, NextBase());

    public static Bus Of(Transport transport) => transport switch
    {
        Transport.Tcp => Tcp(),
        Transport.Shm => Shm(),
        _ => Inproc(),
    };
}

/// <summary>Deletes a shared-memory bus's rings and doorbell when a test ends (they outlive their processes, as msgq's do).</summary>
public sealed class ShmFiles(Bus bus) : IDisposable
{
    public void Dispose()
    {
        if (bus.Transport == Transport.Shm) Pilot.Messaging.PubSub.Shm.ShmTransport.DeleteFiles(bus);
    }
}
