using Pilot.Manager.Drive;
using Pilot.Manager.Processes;
using Pilot.Messaging;
using Pilot.Messaging.PubSub;
using Pilot.Testing;
using State = Pilot.Messaging.Events.SelfdriveState.State;

namespace Pilot.Manager.Tests;

/// <summary>
/// A whole drive as real processes (simulator, bridge on the bench device's pseudo-terminal, card, camerad, modeld,
/// radard, plannerd, controlsd, loggerd), supervised by the manager: modeld killed with SIGKILL mid-drive is noticed by
/// controlsd through its missing modelV2, and started again by the manager.
/// </summary>
[Collection(nameof(DriveProcessRestartTests))]
public sealed class DriveProcessRestartTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("pilot-drive-test-").FullName;

    [SkippableFact]
    public void AKilledModeldRaisesANamedAlertSoftDisablesAndIsRestarted()
    {
        TestData.RequireTool("socat");
        var bus = new Bus(Transport.Tcp, PortBase: 20_000 + Random.Shared.Next(40) * 250);
        // Time-shared: at realtime priority nine starting processes would starve the test projects running beside this one.
        var table = DriveProcesses.Table(new DriveConfig { OutDir = _out, Route = "restart" }, new PilotLauncher("dotnet", [TestData.Cli]), bus)
            .Select(row => row with { RealtimePriority = null }).ToArray();
        var lines = new List<string>();
        var options = new ManagerOptions(table) { Output = (name, line) => { lock (lines) lines.Add($"[{name}] {line}"); } };
        using var session = new DriveSession(new NetMqTransport(bus), options);
        string Log() { lock (lines) return string.Join("\n", lines.TakeLast(40)); }
        try
        {
            // Nine .NET processes start on a machine that may be running other tests: allow them time to come up.
            // Engaged and settled (5 s without a break: the processes' start-up, JIT included, is over) before the kill.
            var engagedSince = DateTime.MaxValue;
            TestBus.StepUntil(session.Step, () =>
            {
                if (!session.Snapshot.Engaged) engagedSince = DateTime.MaxValue;
                else if (engagedSince == DateTime.MaxValue) engagedSince = DateTime.UtcNow;
                return DateTime.UtcNow - engagedSince > TimeSpan.FromSeconds(5);
            }, 120, () => $"engaged for 5 s (now {session.Snapshot.State}: {session.Snapshot.Alert})\n" + Log());
            var modeld = session.Manager.Processes.Single(p => p.Name == "modeld");
            Assert.True(Posix.Signal(modeld.Pid, Posix.SigKill));

            var alerts = new List<string>();
            TestBus.StepUntil(session.Step, () =>
            {
                alerts.Add($"{session.Snapshot.State}: {session.Snapshot.Alert}");
                return session.Snapshot.State == State.SoftDisabling;
            }, 20, () => $"soft disable after modeld was killed; seen {string.Join(" | ", alerts.Distinct())}\n" + Log());
            // Named for the model: modeldLagging (its messages stopped coming) or a communication issue naming modelV2.
            Assert.True(alerts.Any(a => a.Contains("Driving Model Lagging", StringComparison.Ordinal) || a.Contains("modelV2", StringComparison.Ordinal)),
                "alerts: " + string.Join(" | ", alerts.Distinct()));

            TestBus.StepUntil(session.Step, () => session.Manager.Processes.Single(p => p.Name == "modeld") is { Running: true, RestartCount: 1 } p && p.Pid != modeld.Pid,
                30, () => "modeld restarted\n" + Log());
            Assert.All(session.Manager.Processes.Where(p => p.Name != "modeld"), p => Assert.Equal(0, p.RestartCount));
        }
        finally
        {
            session.Stop();
        }
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}

/// <summary>Nine processes starting at once: run alone, not beside the manager tests that time their own children.</summary>
[CollectionDefinition(nameof(DriveProcessRestartTests), DisableParallelization = true)]
public sealed class DriveProcessRestartCollection;
