using Pilot.Messaging;
using Pilot.Messaging.PubSub;

namespace Pilot.Manager.Tests;

/// <summary>A bus of its own per test (in-process NetMQ under a unique prefix), so tests never hear each other or a live system.</summary>
internal static class TestBus
{
    public static NetMqTransport Create() => new(new Bus(Transport.Inproc, Prefix: $"test-{Guid.NewGuid():N}"));

    /// <summary>Calls <paramref name="step"/> every 20 ms until <paramref name="done"/> holds; fails after <paramref name="seconds"/>.</summary>
    public static void StepUntil(Action step, Func<bool> done, double seconds, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (true)
        {
            step();
            if (done()) return;
            Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s: {what}");
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
