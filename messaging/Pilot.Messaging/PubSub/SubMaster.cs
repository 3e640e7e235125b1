namespace Pilot.Messaging.PubSub;

/// <summary>A service that fails the <see cref="SubMaster"/> checks, and why.</summary>
public readonly record struct ServiceFailure(string Service, string Reason)
{
    public override string ToString() => $"{Service}: {Reason}";
}

/// <summary>
/// Subscribes to a set of services and tracks their health (openpilot's SubMaster). <see cref="Update"/> waits up to a
/// timeout for any service (or only for the poll service), then takes everything queued; the newest message of each
/// service is kept, every one counts for the frequency.
/// </summary>
public sealed class SubMaster : IDisposable
{
    private readonly ITransport _transport;
    private readonly ISubscriber[] _subscribers;
    private readonly ServiceState[] _states;
    private readonly Dictionary<string, ServiceState> _byName = new(StringComparer.Ordinal);
    private readonly ISubscriber[] _waitOn;
    private readonly HashSet<string> _ignoreAlive, _ignoreValid;

    /// <param name="services">service names to subscribe to</param>
    /// <param name="poll">when set, <see cref="Update"/> waits only for this service (a process driven by one input)</param>
    /// <param name="transport">the bus (default: the transport of the bus from the environment)</param>
    /// <param name="conflate">overrides each service's conflate default for all services</param>
    /// <param name="ignoreAlive">services exempt from the alive and frequency checks</param>
    /// <param name="ignoreValid">services exempt from the valid check</param>
    public SubMaster(IEnumerable<string> services, string? poll = null, ITransport? transport = null, bool? conflate = null,
        IEnumerable<string>? ignoreAlive = null, IEnumerable<string>? ignoreValid = null)
    {
        _transport = transport ?? Transports.FromEnvironment();
        var infos = services.Select(Services.Get).ToArray();
        _subscribers = infos.Select(s => _transport.Subscribe(s, conflate ?? s.Conflate)).ToArray();
        _states = infos.Select(s => new ServiceState(s)).ToArray();
        foreach (var st in _states) _byName[st.Service.Name] = st;
        if (poll is not null && !_byName.ContainsKey(poll))
            throw new ArgumentException($"poll service '{poll}' is not among the subscribed services", nameof(poll));
        _waitOn = poll is null ? _subscribers : [_subscribers[Array.FindIndex(infos, s => s.Name == poll)]];
        _ignoreAlive = new HashSet<string>(ignoreAlive ?? [], StringComparer.Ordinal);
        _ignoreValid = new HashSet<string>(ignoreValid ?? [], StringComparer.Ordinal);
    }

    public ServiceState this[string service] => _byName.TryGetValue(service, out var s) ? s
        : throw new ArgumentException($"SubMaster is not subscribed to '{service}'", nameof(service));

    public IReadOnlyList<ServiceState> States => _states;

    /// <summary>Number of frames this SubMaster has updated (one per <see cref="Update"/>).</summary>
    public long Frame { get; private set; }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for a message (on the poll service when one was given), then takes every
    /// queued message of every service without waiting. Returns the number of messages taken.
    /// </summary>
    public int Update(int timeoutMs = 100)
    {
        foreach (var st in _states) st.Updated = false;
        _transport.WaitAny(_waitOn, timeoutMs);
        int taken = 0;
        long now = _transport.NowNs();
        for (int i = 0; i < _subscribers.Length; i++)
            while (_subscribers[i].TryReceive(out var msg))
            {
                _states[i].Receive(msg, now);
                taken++;
            }
        foreach (var st in _states) st.Check(now);
        Frame++;
        return taken;
    }

    /// <summary>
    /// A message is queued on the poll service (on any service without one), waited for up to
    /// <paramref name="timeoutMs"/> without taking anything: what <see cref="Update"/> would wait for. A host calls
    /// <see cref="Update"/> only then, so the other services' <see cref="ServiceState.Updated"/> flags survive until the
    /// step that reads them (an Update on a timeout would take them and the next one clear them).
    /// </summary>
    public bool Pending(int timeoutMs = 0) => _transport.WaitAny(_waitOn, timeoutMs);

    /// <summary>Every service that is not alive, out of its frequency band or invalid, by name and reason.</summary>
    public IReadOnlyList<ServiceFailure> AllChecks()
    {
        long now = _transport.NowNs();
        var failures = new List<ServiceFailure>();
        foreach (var st in _states)
        {
            bool timed = !_ignoreAlive.Contains(st.Service.Name);
            string? reason = st.Failure(now, timed, timed, !_ignoreValid.Contains(st.Service.Name));
            if (reason is not null) failures.Add(new ServiceFailure(st.Service.Name, reason));
        }
        return failures;
    }

    /// <summary>All services alive, in band and valid: what a process sets as its outputs' <c>valid</c>.</summary>
    public bool AllOk() => AllChecks().Count == 0;

    public void Dispose()
    {
        foreach (var s in _subscribers) s.Dispose();
    }
}
