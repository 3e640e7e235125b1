using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Daemons.Tests;

public class StepSchedulerTests
{
    /// <summary>Publishes <paramref name="output"/> on each step; records the logMonoTime of its poll input.</summary>
    private sealed class Relay : IDaemon
    {
        private readonly PubMaster _pub;
        private readonly string _output;
        private readonly MessageBuilder _message = new();

        public Relay(StepTransport bus, string name, Schedule schedule, string input, string output)
        {
            Name = name;
            Schedule = schedule;
            Inputs = new SubMaster([input], poll: schedule is Schedule.Polled p ? p.Service : null, transport: bus);
            _pub = new PubMaster([output], bus);
            _output = output;
            _input = input;
        }

        private readonly string _input;
        public string Name { get; }
        public Schedule Schedule { get; }
        public SubMaster Inputs { get; }
        public List<ulong> SeenInputTimes { get; } = [];
        public List<long> StepTimes { get; } = [];
        public Func<long>? Clock;

        public void Step()
        {
            SeenInputTimes.Add(Inputs[_input].LogMonoTime);
            StepTimes.Add(Clock!());
            _message.Reset();
            var ev = new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
            switch (_output)
            {
                case "modelV2": ev.InitModelV2(); break;
                case "radarState": ev.InitRadarState(); break;
                default: ev.InitLongitudinalPlan(); break;
            }
            _pub.Send(_output, _message);
        }

        public void Dispose() => _pub.Dispose();
    }

    [Fact]
    public void TimedDaemonsRunOnTheirGridAndPolledChainsCompleteInTheSameTick()
    {
        var bus = new StepTransport();
        var scheduler = new StepScheduler(bus);
        var model = new Relay(bus, "modeld", new Schedule.Timed(20), "carState", "modelV2") { Clock = bus.NowNs };
        var radar = new Relay(bus, "radard", new Schedule.Polled("modelV2"), "modelV2", "radarState") { Clock = bus.NowNs };
        var planner = new Relay(bus, "plannerd", new Schedule.Polled("radarState"), "radarState", "longitudinalPlan") { Clock = bus.NowNs };
        var carTicks = new List<long>();
        scheduler.AddTimed("car", 100, now => carTicks.Add(now));
        foreach (var d in new IDaemon[] { model, radar, planner }) scheduler.Add(d);

        scheduler.RunFor(1.0);

        Assert.Equal(100, carTicks.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (i * 10 + 1) * 1_000_000L), carTicks);
        Assert.Equal(20, model.StepTimes.Count);
        Assert.Equal(20, radar.StepTimes.Count);
        Assert.Equal(20, planner.StepTimes.Count);
        // Each polled daemon stepped in the tick its input was published in, and saw exactly that message.
        Assert.Equal(model.StepTimes, radar.StepTimes);
        Assert.Equal(radar.StepTimes.Select(t => (ulong)t), planner.SeenInputTimes);
        Assert.Equal(model.StepTimes.Select(t => (ulong)t), radar.SeenInputTimes);
    }

    [Fact]
    public void ARemovedDaemonStopsStepping()
    {
        var bus = new StepTransport();
        var scheduler = new StepScheduler(bus);
        var model = new Relay(bus, "modeld", new Schedule.Timed(20), "carState", "modelV2") { Clock = bus.NowNs };
        var radar = new Relay(bus, "radard", new Schedule.Polled("modelV2"), "modelV2", "radarState") { Clock = bus.NowNs };
        scheduler.Add(model);
        scheduler.Add(radar);
        scheduler.RunFor(0.5);
        Assert.True(scheduler.Remove("modeld"));
        scheduler.RunFor(0.5);
        Assert.Equal(10, model.StepTimes.Count);
        Assert.Equal(10, radar.StepTimes.Count);
        Assert.False(scheduler.Remove("modeld"));
    }

    /// <summary>Polled on modelV2; counts the steps at which a liveTracks had arrived since the previous step.</summary>
    private sealed class TrackReader(StepTransport bus) : IDaemon
    {
        public string Name => "radard";
        public Schedule Schedule { get; } = new Schedule.Polled("modelV2");
        public SubMaster Inputs { get; } = new(["modelV2", "liveTracks"], poll: "modelV2", transport: bus);
        public int Steps { get; private set; }
        public int StepsWithNewTracks { get; private set; }

        public void Step()
        {
            Steps++;
            if (Inputs["liveTracks"].Updated) StepsWithNewTracks++;
        }

        public void Dispose() => Inputs.Dispose();
    }

    [Fact]
    public void APolledDaemonSeesTheOtherInputsThatArrivedBetweenItsSteps()
    {
        // liveTracks and modelV2 both at 20 Hz, in different ticks: every step must see the tracks that came since the
        // last one, as a daemon waiting on its poll socket does (radard updates its radar tracks only then).
        var bus = new StepTransport();
        var scheduler = new StepScheduler(bus);
        var reader = new TrackReader(bus);
        using var pub = new PubMaster(["modelV2", "liveTracks"], bus);
        var message = new MessageBuilder();
        int tick = 0;
        scheduler.AddTimed("sources", 100, _ =>
        {
            message.Reset();
            var ev = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
            if (tick % 5 == 1) { ev.InitLiveTracks(); pub.Send("liveTracks", message); }
            else if (tick % 5 == 3) { ev.InitModelV2(); pub.Send("modelV2", message); }
            tick++;
        });
        scheduler.Add(reader);
        scheduler.RunFor(1.0);
        Assert.Equal(20, reader.Steps);
        Assert.Equal(20, reader.StepsWithNewTracks);
    }
}
