using Pilot.Messaging;
using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Manager.Drive;

/// <summary>
/// A drive in progress: the manager running the process table, and every message of the services the live view and the
/// summary read, fed to a <see cref="DriveSnapshot"/> and a <see cref="DriveSummary"/>. Reads its own subscribers (not a
/// SubMaster), so the summary sees every 100 Hz sample, not only the newest at each step.
/// </summary>
public sealed class DriveSession : IDisposable
{
    /// <summary>The services a drive watches.</summary>
    public static readonly IReadOnlyList<string> Watched =
        ["carState", "controlsState", "radarState", "selfdriveState", "simulatorState", "managerState", "carOutput"];

    private readonly ISubscriber[] _subscribers;

    public DriveSession(ITransport transport, ManagerOptions manager)
    {
        // Subscribed before the manager starts anything, so the first messages are not missed.
        _subscribers = Watched.Select(s => transport.Subscribe(Services.Get(s), conflate: false)).ToArray();
        Manager = new ProcessManager(transport, manager);
    }

    public ProcessManager Manager { get; }
    public DriveSnapshot Snapshot { get; } = new();
    public DriveSummary Summary { get; } = new();
    /// <summary>Messages that could not be read as Events (counted, never fatal).</summary>
    public long Malformed { get; private set; }

    /// <summary>One iteration: the manager's step, then every queued message into the snapshot and the summary.</summary>
    public void Step()
    {
        Manager.Step();
        foreach (var sub in _subscribers)
            while (sub.TryReceive(out var message))
            {
                Event.Reader ev;
                try { ev = new Event.Reader(MessageReader.ReadFramed(message).Root); }
                catch (CapnpException) { Malformed++; continue; }
                Snapshot.Add(ev);
                Summary.Add(ev);
            }
    }

    /// <summary>
    /// Takes what is queued, then stops every process (SIGTERM, then SIGKILL after the timeout). What they send while going
    /// down is not the drive: controlsd sees its inputs stop one by one and raises alerts that belong to the shutdown.
    /// </summary>
    public void Stop()
    {
        Step();
        Manager.Stop();
    }

    public void Dispose()
    {
        Manager.Dispose();
        foreach (var sub in _subscribers) sub.Dispose();
    }
}
