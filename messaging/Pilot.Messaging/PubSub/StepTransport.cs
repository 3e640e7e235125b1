using Pilot.Capnp;
using Pilot.Messaging.Schema;

namespace Pilot.Messaging.PubSub;

/// <summary>A message a process published in step mode.</summary>
public readonly record struct Published(ServiceInfo Service, byte[] Message);

/// <summary>
/// Deterministic in-memory bus for replay tests (openpilot's process_replay): feed a process one input, let it run one
/// step, collect what it published. Nothing waits on a clock: <see cref="WaitAny"/> returns at once, and "now" is the
/// logMonoTime of the last input, so alive/frequency checks see the log's timing, not the test machine's.
/// </summary>
public sealed class StepTransport : ITransport
{
    private readonly Dictionary<string, List<StepSubscriber>> _subscribers = new(StringComparer.Ordinal);
    private readonly List<Published> _published = [];
    private long _nowNs;

    public IPublisher Publish(ServiceInfo service) => new StepPublisher(this, service);

    public ISubscriber Subscribe(ServiceInfo service, bool conflate)
    {
        var sub = new StepSubscriber(service, conflate);
        if (!_subscribers.TryGetValue(service.Name, out var list)) _subscribers[service.Name] = list = [];
        list.Add(sub);
        return sub;
    }

    public bool WaitAny(IReadOnlyList<ISubscriber> subscribers, int timeoutMs) =>
        subscribers.Any(s => s is StepSubscriber { Count: > 0 });

    public long NowNs() => _nowNs;

    /// <summary>Moves the clock forward to <paramref name="nowNs"/> (a closed loop on simulated time); never backwards.</summary>
    public void AdvanceTo(long nowNs) => _nowNs = Math.Max(_nowNs, nowNs);

    /// <summary>
    /// Delivers <paramref name="message"/> (a framed Event of <paramref name="service"/>) to every subscriber, moves the
    /// clock to its logMonoTime, runs <paramref name="step"/> once, and returns what was published during the step.
    /// </summary>
    public IReadOnlyList<Published> Step(ServiceInfo service, byte[] message, Action step)
    {
        Inject(service, message);
        step();
        return Collect();
    }

    /// <summary>Delivers a message from outside the process under test and advances the clock to its logMonoTime.</summary>
    public void Inject(ServiceInfo service, byte[] message)
    {
        var ev = MessageReader.ReadFramed(message).Root;
        _nowNs = Math.Max(_nowNs, (long)EventLayout.ReadLogMonoTime(ev));
        Deliver(service, message);
    }

    /// <summary>Everything published since the last call, in publish order.</summary>
    public IReadOnlyList<Published> Collect()
    {
        var result = _published.ToArray();
        _published.Clear();
        return result;
    }

    private void Deliver(ServiceInfo service, byte[] message)
    {
        if (_subscribers.TryGetValue(service.Name, out var list))
            foreach (var sub in list) sub.Enqueue(message);
    }

    private sealed class StepPublisher(StepTransport bus, ServiceInfo service) : IPublisher
    {
        public ServiceInfo Service { get; } = service;

        public void Send(ReadOnlySpan<byte> message)
        {
            var copy = message.ToArray();
            bus._published.Add(new Published(Service, copy));
            bus.Deliver(Service, copy);   // processes chained on one step bus see each other's output
        }

        public void Dispose() { }
    }

    private sealed class StepSubscriber(ServiceInfo service, bool conflate) : ISubscriber
    {
        private readonly Queue<byte[]> _queue = new();

        public ServiceInfo Service { get; } = service;
        public int Count => _queue.Count;

        public void Enqueue(byte[] message)
        {
            if (conflate) _queue.Clear();
            _queue.Enqueue(message);
        }

        public bool TryReceive(out byte[] message) => _queue.TryDequeue(out message!);

        public void Dispose() { }
    }
}
