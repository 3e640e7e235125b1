using Pilot.Messaging.PubSub;

namespace Pilot.Daemons;

/// <summary>
/// One Pilot process's work, independent of how it is run: <see cref="DaemonHost"/> runs it as a process on the live bus,
/// the closed-loop harness steps it on a <see cref="StepTransport"/> with simulated time. The host updates
/// <see cref="Inputs"/> right before each <see cref="Step"/>.
/// </summary>
public interface IDaemon : IDisposable
{
    /// <summary>Process name (camerad, modeld, ...), as the manager and alerts call it.</summary>
    string Name { get; }

    Schedule Schedule { get; }

    /// <summary>The daemon's subscriptions; for <see cref="Schedule.Polled"/> its poll service is the one polled.</summary>
    SubMaster Inputs { get; }

    /// <summary>One iteration: read <see cref="Inputs"/>, publish outputs. Bad input is reported, never thrown.</summary>
    void Step();
}
