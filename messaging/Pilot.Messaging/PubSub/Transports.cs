using Pilot.Messaging.PubSub.Shm;

namespace Pilot.Messaging.PubSub;

/// <summary>The one place a <see cref="Bus"/>'s transport kind becomes an <see cref="ITransport"/>.</summary>
public static class Transports
{
    /// <summary>NetMQ for tcp and inproc buses, shared-memory rings for shm buses.</summary>
    public static ITransport Open(Bus bus) => bus.Transport == Transport.Shm ? new ShmTransport(bus) : new NetMqTransport(bus);

    /// <summary>The transport of the bus the environment names (PILOT_TRANSPORT, PILOT_PORT_BASE): what daemons run on.</summary>
    public static ITransport FromEnvironment() => Open(Bus.FromEnvironment());
}
