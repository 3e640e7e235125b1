using Pilot.Messaging.Vision;

namespace Pilot.Messaging;

/// <summary>How processes reach each other.</summary>
public enum Transport
{
    /// <summary>TCP on the loopback interface: between OS processes (the default).</summary>
    Tcp,
    /// <summary>In-process NetMQ transport: publishers and subscribers share one process (tests).</summary>
    Inproc,
}

/// <summary>
/// Where every service and camera stream lives. The only place endpoint strings are made: a service's TCP port is
/// <see cref="PortBase"/> + its union discriminant, a camera stream's is <see cref="PortBase"/> + 200 + its index, so one
/// number (environment variable PILOT_PORT_BASE) moves a whole bus, e.g. to run tests beside a live system.
/// </summary>
public sealed record Bus(Transport Transport = Transport.Tcp, int PortBase = Bus.DefaultPortBase, string Prefix = "pilot")
{
    public const int DefaultPortBase = 8100;     // above the well-known ports, below Linux's ephemeral range (32768+)
    private const int VisionPortOffset = 200;    // after every possible Event union member (<200)

    /// <summary>The bus from the environment: PILOT_PORT_BASE (default 8100), PILOT_TRANSPORT (tcp|inproc).</summary>
    public static Bus FromEnvironment()
    {
        string? port = Environment.GetEnvironmentVariable("PILOT_PORT_BASE");
        string? transport = Environment.GetEnvironmentVariable("PILOT_TRANSPORT");
        return new Bus(
            string.Equals(transport, "inproc", StringComparison.OrdinalIgnoreCase) ? Transport.Inproc : Transport.Tcp,
            string.IsNullOrEmpty(port) ? DefaultPortBase : int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The NetMQ endpoint of <paramref name="service"/> (publishers bind it, subscribers connect to it).</summary>
    public string Endpoint(ServiceInfo service) => Make(service.Name, service.Which);

    /// <summary>The NetMQ endpoint carrying frame descriptors of camera stream <paramref name="stream"/>.</summary>
    public string VisionEndpoint(VisionStream stream) => Make("vision-" + stream.Name, VisionPortOffset + stream.Index);

    /// <summary>The shared-memory file holding camera stream <paramref name="stream"/>'s frame buffers.</summary>
    public string SharedMemoryPath(VisionStream stream) =>
        Path.Combine(SharedMemoryDir, PortBase == DefaultPortBase ? $"{Prefix}-{stream.Name}" : $"{Prefix}-{stream.Name}-{PortBase}");

    /// <summary>Where frame pools live: /dev/shm (RAM-backed) where it exists, else the temp folder.</summary>
    public static string SharedMemoryDir { get; } = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    private string Make(string name, int offset) => Transport switch
    {
        Transport.Tcp => $"tcp://127.0.0.1:{PortBase + offset}",
        _ => $"inproc://{Prefix}-{name}",
    };
}
