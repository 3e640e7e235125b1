using Pilot.Car.Daemon;
using Pilot.Car.Messaging;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using EventCarParams = Pilot.Messaging.Events.CarParams;
using CanFrame = Pilot.Can.Packing.CanFrame;

namespace Pilot.Car.Tests;

public sealed class CardDaemonTests
{
    private const long Cycle = 10_000_000;   // ns
    private static readonly ServiceInfo CanService = Pilot.Messaging.Services.Get("can");
    private static readonly ServiceInfo ControlService = Pilot.Messaging.Services.Get("carControl");

    private sealed class Harness : IDisposable
    {
        public readonly StepTransport Bus = new();
        public readonly CardDaemon Card;
        public readonly CivicTraffic Traffic = new() { SpeedKph = 72 };
        public long Now;

        public Harness(string? car = null) => Card = new CardDaemon(Bus, new CardOptions { Car = car });

        /// <summary>One 10 ms cycle: a can message with <paramref name="frames"/> (default: the Civic's), one step.</summary>
        public IReadOnlyList<Published> Step(List<CanFrame>? frames = null)
        {
            Now += Cycle;
            return Bus.Step(CanService, BusEvents.Can(Now, frames ?? Traffic.Cycle()), () =>
            {
                Card.Inputs.Update(0);
                Card.Step();
            });
        }

        public void Control(bool enabled, bool latActive, double torque, bool cancel = false, ulong frameSof = 0) =>
            Bus.Inject(ControlService, BusEvents.CarControl(Now, enabled, latActive, torque, cancel, frameSof));

        public void Dispose() => Card.Dispose();
    }

    private static Dictionary<string, double> SteeringControl(IReadOnlyList<Published> published) => Sent(published, 0xE4)!;

    // The decoded frame with id <paramref name="address"/> in the step's sendcan, or null when it was not sent.
    private static Dictionary<string, double>? Sent(IReadOnlyList<Published> published, uint address)
    {
        var sendcan = BusEvents.Read(published.Single(p => p.Service.Name == "sendcan")).Sendcan;
        var frames = new List<CanFrame>();
        CanEvents.Read(sendcan, frames);
        var frame = frames.SingleOrDefault(f => f.Address == address);
        return frame.Data is null ? null : CivicTraffic.Dbc.GetMessage(address).Decode(frame.Data);
    }

    [Fact]
    public void CanEventsBecomeCarStateCarParamsAndSendcanOnceTheCarIsRecognized()
    {
        using var h = new Harness();
        for (int i = 0; i < 50; i++) Assert.Empty(h.Step());   // fingerprinting for 500 ms: nothing published yet
        var first = h.Step();
        Assert.Equal(["carState", "carParams", "sendcan", "carOutput"], first.Select(p => p.Service.Name));
        Assert.Equal("HONDA_CIVIC", h.Card.Port?.Platform);

        var carParams = BusEvents.Read(first[1]).CarParams;
        Assert.Equal("honda", carParams.Brand.ToString());
        Assert.Equal(EventCarParams.FingerprintSource.Can, carParams.FingerprintSource);
        Assert.Equal(EventCarParams.SafetyModel.Honda, carParams.SafetyConfigs[0].SafetyModel);
        Assert.Equal(1, carParams.SafetyConfigs[0].SafetyParam);   // Nidec
        Assert.Equal(1462f, carParams.Mass);

        for (int i = 0; i < 20; i++)
        {
            var published = h.Step();
            Assert.Equal(["carState", "sendcan", "carOutput"], published.Select(p => p.Service.Name));   // carParams only every 50 s
            var ev = BusEvents.Read(published[0]);
            Assert.True(ev.Valid);
            Assert.Equal(20f, ev.CarState.VEgoRaw, 4);
            Assert.True(ev.CarState.CanValid);
            Assert.Equal(CarState.GearShifter.Drive, ev.CarState.GearShifter);
            Assert.Equal((ulong)h.Now, ev.LogMonoTime);
            Assert.Equal(0, SteeringControl(published)["STEER_TORQUE_REQUEST"]);   // no carControl: nothing actuates
        }
    }

    [Fact]
    public void AFreshEnabledCarControlSteersAndAStaleOneStops()
    {
        using var h = new Harness(car: "honda_civic");
        var first = h.Step();
        Assert.Equal(EventCarParams.FingerprintSource.Fixed, BusEvents.Read(first.Single(p => p.Service.Name == "carParams")).CarParams.FingerprintSource);
        h.Control(enabled: true, latActive: true, torque: -0.5);
        var steer = SteeringControl(h.Step());
        Assert.Equal(1, steer["STEER_TORQUE_REQUEST"]);
        Assert.Equal(40, steer["STEER_TORQUE"]);
        h.Control(enabled: true, latActive: true, torque: -0.5);
        Assert.Equal(80, SteeringControl(h.Step())["STEER_TORQUE"]);
        for (int i = 0; i < 9; i++) Assert.Equal(1, SteeringControl(h.Step())["STEER_TORQUE_REQUEST"]);   // 100 ms old at most
        var stale = SteeringControl(h.Step());
        Assert.Equal(0, stale["STEER_TORQUE_REQUEST"]);
        Assert.Equal(0, stale["STEER_TORQUE"]);
    }

    [Fact]
    public void CarOutputNamesTheEngagedCarControlAndItsCameraFrameAfterTheSendcan()
    {
        using var h = new Harness(car: "honda_civic");
        CarOutput.Reader Output(IReadOnlyList<Published> step) => BusEvents.Read(step.Single(p => p.Service.Name == "carOutput")).CarOutput;
        var idle = Output(h.Step());
        Assert.Equal((0UL, 0UL), (idle.ControlMonoTime, idle.FrameSofMonoTime));   // no carControl: the all-off command

        const ulong sof = 123_456_789;
        h.Control(enabled: true, latActive: true, torque: -0.5, frameSof: sof);
        ulong controlTime = (ulong)h.Now;
        var step = h.Step();
        var output = Output(step);
        Assert.Equal((controlTime, sof), (output.ControlMonoTime, output.FrameSofMonoTime));
        Assert.True(output.SendcanMonoTime >= BusEvents.Read(step.Single(p => p.Service.Name == "sendcan")).LogMonoTime);

        h.Control(enabled: false, latActive: false, torque: 0, frameSof: sof);
        Assert.Equal(0UL, Output(h.Step()).FrameSofMonoTime);   // disengaged: nothing of the frame reaches the car
    }

    [Fact]
    public void ADisabledCarControlActuatesNothing()
    {
        using var h = new Harness(car: "HONDA_CIVIC");
        h.Step();
        h.Control(enabled: false, latActive: true, torque: -0.5);
        Assert.Equal(0, SteeringControl(h.Step())["STEER_TORQUE_REQUEST"]);
    }

    [Fact]
    public void ADisengagedCarControlStillCancelsTheCarsCruise()
    {
        using var h = new Harness(car: "honda_civic");
        h.Step();
        h.Control(enabled: false, latActive: false, torque: 0, cancel: true);
        var published = h.Step();
        var brake = Sent(published, 0x1FA) ?? Sent(h.Step(), 0x1FA)!;   // BRAKE_COMMAND goes out every other cycle
        Assert.Equal(1, brake["CRUISE_CANCEL_CMD"]);
        Assert.Equal(0, brake["COMPUTER_BRAKE"]);
    }

    [Fact]
    public void InvalidCanMakesCarStateInvalid()
    {
        using var h = new Harness(car: "honda_civic");
        var frames = h.Traffic.Cycle().Where(f => f.Address != 0x18F).ToList();   // STEER_STATUS never arrives
        var carState = BusEvents.Read(h.Step(frames).First(p => p.Service.Name == "carState"));
        Assert.False(carState.Valid);
        Assert.False(carState.CarState.CanValid);
    }

    [Fact]
    public void UnknownTrafficIsNeverDriven()
    {
        using var h = new Harness();
        for (int i = 0; i < 300; i++) Assert.Empty(h.Step([new CanFrame(0x123, new byte[8])]));
        Assert.Null(h.Card.Port);
        Assert.Contains("0x123", h.Card.RecognitionFailure);
    }

    [Fact]
    public void RadarScansBecomeLiveTracksAt20Hz()
    {
        using var h = new Harness(car: "honda_civic");
        var radar = new Pilot.Can.Packing.CanPacker(Pilot.Car.Ports.DbcFolder.Default.Load(Pilot.Car.Ports.Honda.HondaCivic.RadarDbc));
        int tracks = 0;
        for (int i = 0; i < 20; i++)
        {
            var frames = h.Traffic.Cycle();
            if (i % 5 == 4)   // a scan every 50 ms
            {
                frames.Add(radar.Pack("RADAR_DIAGNOSTIC", new Dictionary<string, double> { ["RADAR_STATE"] = 0x79 }, bus: 1));
                for (int t = 0; t < 16; t++)
                    frames.Add(radar.Pack($"TRACK_{t}", new Dictionary<string, double> { ["LONG_DIST"] = t == 0 ? 42 : 255.5 }, bus: 1));
            }
            foreach (var p in h.Step(frames).Where(p => p.Service.Name == "liveTracks"))
            {
                var live = BusEvents.Read(p).LiveTracks;
                Assert.Equal(1, live.Points.Count);
                Assert.Equal(42f, live.Points[0].DRel);
                tracks++;
            }
        }
        Assert.Equal(4, tracks);
    }

    [Fact]
    public void ACorruptCanMessageIsCountedNotThrown()
    {
        using var h = new Harness(car: "honda_civic");
        h.Now += Cycle;
        // A well-framed Event whose frame list points far outside its segment.
        var corrupt = BusEvents.Can(h.Now, h.Traffic.Cycle());
        BitConverter.TryWriteBytes(corrupt.AsSpan(8 + 3 * 8), (1000u << 2) | 1u);   // Event pointer 0: list at +1000 words
        BitConverter.TryWriteBytes(corrupt.AsSpan(8 + 3 * 8 + 4), (100u << 3) | 7u);  // composite, 100 words
        var published = h.Bus.Step(CanService, corrupt, () => { h.Card.Inputs.Update(0); h.Card.Step(); });
        Assert.Equal(1, h.Card.BadCanMessages);
        Assert.False(BusEvents.Read(published.First(p => p.Service.Name == "carState")).CarState.CanValid);
    }
}
