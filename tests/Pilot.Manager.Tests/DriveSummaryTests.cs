using Pilot.Messaging;
using Pilot.Capnp;
using Pilot.Manager.Drive;
using Pilot.Messaging.Events;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;

namespace Pilot.Manager.Tests;

/// <summary>The drive summary and live snapshot from hand-built Events: live from a bus, and read back from a recorded route.</summary>
public sealed class DriveSummaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pilot-drive-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const ulong T0 = 5_000_000_000;
    private static ulong At(double s) => T0 + (ulong)(s * 1e9);

    /// <summary>A short drive: four ground-truth samples, six selfdriveState messages, two managerState reports.</summary>
    private static IReadOnlyList<(string Service, byte[] Event)> Drive() =>
    [
        ("simulatorState", TestEvents.Simulator(At(0), 0, 100, 20, 0.1f, leadGap: 30)),      // gap 1.5 s
        ("selfdriveState", TestEvents.Selfdrive(At(0.1), false)),
        ("selfdriveState", TestEvents.Selfdrive(At(0.2), true)),
        ("managerState", TestEvents.Manager(At(0.5), ("modeld", true, 40, 300_000_000, 0), ("card", true, 10, 50_000_000, 0))),
        ("simulatorState", TestEvents.Simulator(At(1), 1, 120, 25, -0.3f, leadGap: 25)),     // gap 1.0 s: the minimum
        ("selfdriveState", TestEvents.Selfdrive(At(1.1), true, "steerSaturated/warning", "Take control")),
        ("selfdriveState", TestEvents.Selfdrive(At(1.2), false, "steerSaturated/warning")),  // disengagement 1 (the alert goes on: counted once)
        ("managerState", TestEvents.Manager(At(1.5), ("modeld", true, 60, 350_000_000, 1), ("card", false, 0, 0, 0))),
        ("simulatorState", TestEvents.Simulator(At(2), 2, 140, 20, 0.2f)),                  // no lead
        ("selfdriveState", TestEvents.Selfdrive(At(2.1), true)),
        ("selfdriveState", TestEvents.Selfdrive(At(2.2), false, "brakeDisengage/userPrompt")),  // disengagement 2
        ("simulatorState", TestEvents.Simulator(At(3), 3, 160, 0.5f, 0f, leadGap: 2)),       // crawling: no time gap judged
        ("carState", TestEvents.CarState(At(3), 0.5f)),
    ];

    private static void AssertReport(DriveReport r)
    {
        Assert.Equal(3, r.DurationS, 9);
        Assert.Equal(60, r.DistanceM, 9);
        Assert.Equal(Math.Sqrt((0.01 + 0.09 + 0.04 + 0) / 4), r.LateralErrorRmsM!.Value, 6);
        Assert.Equal(0.3, r.LateralErrorMaxM!.Value, 6);
        Assert.Equal(1.0, r.MinTimeGapS!.Value, 6);
        Assert.False(r.Collision);
        Assert.Equal(2, r.Disengagements);
        Assert.Equal(3.0 / 6, r.EngagedFraction, 9);
        Assert.Equal(new Dictionary<string, int> { ["steerSaturated/warning"] = 1, ["brakeDisengage/userPrompt"] = 1 }, r.Alerts);
        var modeld = r.Processes.Single(p => p.Name == "modeld");
        Assert.Equal(50, modeld.MeanCpuPercent, 6);
        Assert.Equal(350_000_000UL, modeld.PeakMemoryBytes);
        Assert.Equal(1, modeld.Restarts);
        Assert.Equal(10, r.Processes.Single(p => p.Name == "card").MeanCpuPercent, 6);   // only the report where it ran
        Assert.Equal(55, r.StackCpuPercent, 6);                                            // (40 + 10 + 60) / 2 reports
    }

    [Fact]
    public void SummaryOfEventsFromABus()
    {
        var bus = new StepTransport();
        var subs = DriveSession.Watched.Select(s => bus.Subscribe(Services.Get(s), conflate: false)).ToArray();
        var summary = new DriveSummary();
        foreach (var (service, ev) in Drive())
        {
            bus.Inject(Services.Get(service), ev);
            foreach (var sub in subs)
                while (sub.TryReceive(out var message)) summary.Add(new Event.Reader(MessageReader.ReadFramed(message).Root));
        }
        AssertReport(summary.Report());
    }

    [Fact]
    public void SummaryOfARecordedRouteIsTheSame()
    {
        using (var logger = new RouteLogger(_dir, new RouteLoggerOptions { RouteName = "drive", SegmentLength = TimeSpan.FromSeconds(1) }))
        {
            foreach (var (_, ev) in Drive()) logger.Write(ev);
        }
        var summary = new DriveSummary();
        foreach (var ev in new LogReader(Path.Combine(_dir, "drive")).ReadAll()) summary.Add(new Event.Reader(ev.Event));
        AssertReport(summary.Report());
    }

    [Fact]
    public void FrameToSendcanLatencyCountsEachFrameOnceAndJitterIsTheStrayFromTenMilliseconds()
    {
        var summary = new DriveSummary();
        void Add(byte[] ev) => summary.Add(new Event.Reader(MessageReader.ReadFramed(ev).Root));
        static ulong Ms(double ms) => T0 + (ulong)(ms * 1e6);
        Add(TestEvents.Output(Ms(90), 0, 0, Ms(90)));                       // not engaged: no latency
        Add(TestEvents.Output(Ms(130), Ms(125), Ms(100), Ms(130)));         // frame at 100 ms reaches the car at 130: 30 ms
        Add(TestEvents.Output(Ms(140), Ms(135), Ms(100), Ms(140)));         // the same frame again: not a new latency
        Add(TestEvents.Output(Ms(185), Ms(180), Ms(150), Ms(185)));         // 35 ms
        foreach (double t in new[] { 0, 10, 20.5, 30, 41 }) Add(TestEvents.Controls(Ms(t), 30));
        var r = summary.Report();
        static (int, double, double, double) Rounded(Distribution d) => (d.Count, Math.Round(d.P50, 6), Math.Round(d.P99, 6), Math.Round(d.Max, 6));
        Assert.Equal((2, 30.0, 35.0, 35.0), Rounded(r.FrameToSendcanMs!));
        Assert.Equal((4, 0.5, 1.0, 1.0), Rounded(r.ControlsJitterMs!));   // periods 10, 10.5, 9.5, 11 ms
        Assert.Contains("camera frame to sendcan: p50 30.00 ms, p99 35.00 ms, max 35.00 ms (2 samples)", ReportText.Lines(r));
    }

    [Fact]
    public void CollisionAndAnEmptyDriveAreReported()
    {
        var summary = new DriveSummary();
        Assert.Null(summary.Report().LateralErrorRmsM);
        Assert.Null(summary.Report().MinTimeGapS);
        Assert.Null(summary.Report().FrameToSendcanMs);
        Assert.Contains("controlsd period jitter: n/a", ReportText.Lines(summary.Report()));
        summary.Add(new Event.Reader(MessageReader.ReadFramed(TestEvents.Simulator(At(0), 0, 0, 10, 0, leadGap: 0, collision: true)).Root));
        var r = summary.Report();
        Assert.True(r.Collision);
        Assert.Equal(0, r.MinTimeGapS);
        Assert.Contains(ReportText.Lines(r), l => l.Contains("COLLISION"));
    }

    [Fact]
    public void SessionFeedsTheSnapshotFromTheBus()
    {
        var bus = new StepTransport();
        using var session = new DriveSession(bus, new ManagerOptions([]));
        bus.Inject(Services.Get("carState"), TestEvents.CarState(At(0), 25));
        bus.Inject(Services.Get("controlsState"), TestEvents.Controls(At(0), 30));
        bus.Inject(Services.Get("radarState"), TestEvents.Radar(At(0), 50));
        bus.Inject(Services.Get("simulatorState"), TestEvents.Simulator(At(0), 12.5, 0, 25, -0.4f, leadGap: 48));
        bus.Inject(Services.Get("selfdriveState"), TestEvents.Selfdrive(At(0), true, "fcw/critical", "BRAKE!"));
        session.Step();
        var s = session.Snapshot;
        Assert.Equal(25f, s.Speed);
        Assert.Equal(30f, s.SetSpeed);
        Assert.Equal(50f, s.LeadDistance);
        Assert.Equal(2.0, s.LeadTimeGap!.Value, 6);
        Assert.Equal(48f, s.TrueLeadGap);
        Assert.Equal(-0.4f, s.LaneOffset);
        Assert.Equal(12.5, s.SimTime);
        Assert.Equal("highway", s.Scenario);
        Assert.True(s.Engaged);
        Assert.Equal(SelfdriveState.State.Enabled, s.State);
        Assert.Equal("BRAKE!", s.Alert);
        Assert.Equal(0, session.Summary.Report().DurationS);   // one ground-truth sample spans no time
        Assert.Equal(0.4, session.Summary.Report().LateralErrorMaxM!.Value, 6);
    }
}
