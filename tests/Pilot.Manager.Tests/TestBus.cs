using Pilot.Messaging;
using Pilot.Messaging.PubSub;

namespace Pilot.Manager.Tests;

/// <summary>A bus of its own per test (in-process NetMQ under a unique prefix), so tests never hear each other or a live system.</summary>
internal static class TestBus
{
    public static NetMqTransport Create() => new(new Bus(Transport.Inproc, Prefix: $"test-{Guid.NewGuid():N}"));

    /// <summary>
    /// A TCP bus on a random port base, for tests whose subscribers connect before any publisher binds (NetMQ's inproc
    /// transport refuses that). Port bases 20000..29750 stay below Linux's ephemeral range with room for every service.
    /// </summary>
    public static NetMqTransport CreateTcp() => new(new Bus(Transport.Tcp, PortBase: 20_000 + Random.Shared.Next(40) * 250));

    /// <summary>Calls <paramref name="step"/> every 20 ms until <paramref name="done"/> holds; fails after <paramref name="seconds"/>.</summary>
    public static void StepUntil(Action step, Func<bool> done, double seconds, string what) => StepUntil(step, done, seconds, () => what);

    /// <summary>As above, with the failure message made only when it fails (a log read at that moment).</summary>
    public static void StepUntil(Action step, Func<bool> done, double seconds, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (true)
        {
            step();
            if (done()) return;
            if (DateTime.UtcNow >= deadline) Assert.Fail($"not within {seconds} s: {what()}");
            Thread.Sleep(20);
        }
    }

    /// <summary>The process exists and is not a zombie (an exited child its parent has not reaped yet).</summary>
    public static bool IsAlive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z'); }
        catch (IOException) { return false; }
    }
}
