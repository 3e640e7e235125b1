using Pilot.Capnp;
using Pilot.Messaging.Schema;

namespace Pilot.Messaging.PubSub;

/// <summary>
/// Publishes Events for a fixed set of services (openpilot's PubMaster). <see cref="Send(string, MessageBuilder, bool)"/>
/// stamps logMonoTime (now, monotonic ns) and valid into the Event, checks that its union member is the service's, and sends.
/// </summary>
public sealed class PubMaster : IDisposable
{
    private readonly Dictionary<string, IPublisher> _publishers = new(StringComparer.Ordinal);
    private readonly ITransport _transport;
    private readonly MemoryStream _frame = new(4096);   // reused framing buffer: sends after warm-up do not grow it

    public PubMaster(IEnumerable<string> services, ITransport? transport = null)
    {
        _transport = transport ?? Transports.FromEnvironment();
        foreach (var name in services) _publishers[name] = _transport.Publish(Services.Get(name));
    }

    /// <summary>Stamps <paramref name="valid"/> and the current monotonic time into the Event and sends it.</summary>
    public void Send(string service, MessageBuilder message, bool valid = true)
    {
        var publisher = Get(service);
        var root = message.GetRoot(EventLayout.DataWords, EventLayout.Pointers);
        ushort which = EventLayout.ReadWhich(root.AsReader());
        if (which != publisher.Service.Which)
            throw new ArgumentException($"Event union member {which} ({Services.FromWhich(which)?.Name ?? "unknown"}) sent on service '{service}' (member {publisher.Service.Which})", nameof(message));
        EventLayout.Stamp(root, (ulong)_transport.NowNs(), valid);
        _frame.SetLength(0);
        message.WriteFramed(_frame);
        publisher.Send(_frame.GetBuffer().AsSpan(0, (int)_frame.Length));
    }

    /// <summary>Sends an already framed Event unchanged (replay: the log's timestamps are kept).</summary>
    public void SendRaw(string service, ReadOnlySpan<byte> framedEvent) => Get(service).Send(framedEvent);

    private IPublisher Get(string service) => _publishers.TryGetValue(service, out var p) ? p
        : throw new ArgumentException($"PubMaster was not created for service '{service}' (has: {string.Join(", ", _publishers.Keys)})", nameof(service));

    public void Dispose()
    {
        foreach (var p in _publishers.Values) p.Dispose();
    }
}
