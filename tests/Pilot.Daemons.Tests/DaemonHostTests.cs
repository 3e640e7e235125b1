using Pilot.Capnp;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Daemons.Tests;

public class DaemonHostTests
{
    /// <summary>A daemon that records what it saw and throws when asked to.</summary>
    private sealed class Probe(ITransport bus, Schedule schedule) : IDaemon
    {
        public string Name => "probe";
        public Schedule Schedule { get; } = schedule;
        public SubMaster Inputs { get; } = new(["carState", "modelV2"], poll: "modelV2", transport: bus);
        public List<float> Speeds { get; } = [];
        public List<bool> CarStateUpdated { get; } = [];
        public volatile int Steps;
        public Action? OnStep;

        public void Step()
        {
            lock (Speeds)
            {
                Speeds.Add(new Event.Reader(Inputs["carState"].Event).CarState.VEgo);
                CarStateUpdated.Add(Inputs["carState"].Updated);
            }
            Steps++;
            OnStep?.Invoke();
        }

        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    private static void Send(PubMaster pub, string service, float speed = 0)
    {
        var message = new MessageBuilder();
        var ev = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        if (service == "carState") ev.InitCarState().SetVEgo(speed);
        else ev.InitModelV2();
        pub.Send(service, message);
    }

    [Fact]
    public async Task APolledDaemonStepsOnlyWhenItsPollServiceArrives()
    {
        // Real NetMQ sockets (in-process endpoints): the host runs the daemon on its own thread as a process would.
        var bus = new NetMqTransport(new Bus(Transport.Inproc, 0, $"host-{Guid.NewGuid():N}"));
        using var pub = new PubMaster(["carState", "modelV2"], bus);
        var probe = new Probe(bus, new Schedule.Polled("modelV2"));
        using var stop = new CancellationTokenSource();
        var host = Task.Run(() => DaemonHost.Run(probe, stop.Token));
        for (int i = 0; i < 250 && probe.Steps == 0; i++)   // subscriptions take a moment to reach the publisher
        {
            Send(pub, "carState", 12.5f);
            Send(pub, "modelV2");
            await Task.Delay(20);
        }
        await Task.Delay(200);
        int steps = probe.Steps;
        Assert.True(steps > 0, "no step after 5 s of messages");
        for (int i = 0; i < 5; i++)
        {
            Send(pub, "carState", 20f);
            await Task.Delay(20);
        }
        await Task.Delay(100);
        Assert.Equal(steps, probe.Steps);                   // carState alone does not step it
        Send(pub, "modelV2");
        for (int i = 0; i < 250 && probe.Steps == steps; i++) await Task.Delay(20);
        stop.Cancel();
        Assert.Equal(0, await host.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(steps + 1, probe.Steps);
        lock (probe.Speeds)
        {
            Assert.Equal(20f, probe.Speeds[^1]);      // the step saw the newest carState
            Assert.True(probe.CarStateUpdated[^1]);   // and knows it is new: a poll timeout in between did not take it
        }
        Assert.True(probe.Disposed);
    }

    [Fact]
    public void ATimedDaemonSurvivesExceptionsFromItsSteps()
    {
        var bus = new StepTransport();
        var probe = new Probe(bus, new Schedule.Timed(200));
        using var stop = new CancellationTokenSource();
        var stderr = new StringWriter();
        var previous = Console.Error;
        Console.SetError(stderr);
        try
        {
            probe.OnStep = () =>
            {
                if (probe.Steps == 10) stop.Cancel();
                throw new FormatException($"bad input in step {probe.Steps}");
            };
            Assert.Equal(0, DaemonHost.Run(probe, stop.Token));
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.Equal(10, probe.Steps);
        // Reported once (at most once a second), naming the daemon and the error.
        Assert.StartsWith("probe: step failed: FormatException: bad input in step 1", stderr.ToString());
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ATimedScheduleRefusesARateThatIsNotPositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Schedule.Timed(0));
        Assert.Contains("above 0 Hz", e.Message);
    }
}
