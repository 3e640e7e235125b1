using Pilot.Messaging.Vision;

namespace Pilot.Messaging;

/// <summary>How processes reach each other.</summary>
public enum Transport
{
    /// <summary>TCP on the loopback interface: between OS processes (the default).</summary>
    Tcp,
    /// <summary>In-process NetMQ transport: publishers and subscribers share one process (tests).</summary>
    Inproc,
    /// <summary>Shared-memory rings under /dev/shm with futex wake-ups: between OS processes of one machine, lowest latency (msgq).</summary>
    Shm,
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

    /// <summary>The bus from the environment: PILOT_PORT_BASE (default 8100), PILOT_TRANSPORT (tcp|inproc|shm, default tcp).</summary>
    public static Bus FromEnvironment()
    {
        string? port = Environment.GetEnvironmentVariable("PILOT_PORT_BASE");
        string? transport = Environment.GetEnvironmentVariable("PILOT_TRANSPORT");
        return new Bus(
            string.IsNullOrEmpty(transport) ? Transport.Tcp
                : Enum.TryParse<Transport>(transport, ignoreCase: true, out var t) && Enum.IsDefined(t) ? t
                : throw new ArgumentException($"PILOT_TRANSPORT='{transport}': expected tcp, inproc or shm"),
            string.IsNullOrEmpty(port) ? DefaultPortBase : int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The environment variables that carry this bus to a child process (read back by <see cref="FromEnvironment"/>).</summary>
    public void ExportTo(IDictionary<string, string?> environment)
    {
        environment["PILOT_PORT_BASE"] = PortBase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["PILOT_TRANSPORT"] = Transport.ToString().ToLowerInvariant();
    }

    /// <summary>The NetMQ endpoint of <paramref name="service"/> (publishers bind it, subscribers connect to it).</summary>
    public string Endpoint(ServiceInfo service) => Make(service.Name, service.Which);

    /// <summary>The NetMQ endpoint carrying frame descriptors of camera stream <paramref name="stream"/>.</summary>
    public string VisionEndpoint(VisionStream stream) => Make("vision-" + stream.Name, VisionPortOffset + stream.Index);

    /// <summary>The shared-memory file holding camera stream <paramref name="stream"/>'s frame buffers.</summary>
    public string SharedMemoryPath(VisionStream stream) =>
        Path.Combine(SharedMemoryDir, PortBase == DefaultPortBase ? $"{Prefix}-{stream.Name}" : $"{Prefix}-{stream.Name}-{PortBase}");

    /// <summary>The shared-memory ring carrying messages called <paramref name="name"/> (a service, or a camera stream's descriptors).</summary>
    public string RingPath(string name) => Path.Combine(SharedMemoryDir, RingPrefix + name);

    /// <summary>The bus-wide futex word every shared-memory publish bumps (waiters on several services sleep on it).</summary>
    public string DoorbellPath => Path.Combine(SharedMemoryDir, $"{Prefix}-doorbell-{PortBase}");

    /// <summary>File name pattern matching every ring of this bus and nothing of another (cleanup).</summary>
    public string RingPattern => RingPrefix + "*";

    // The port base is always part of the name: it is what tells buses apart (a child process learns only it and the kind).
    private string RingPrefix => $"{Prefix}-msgq-{PortBase}-";

    /// <summary>Where frame pools live: /dev/shm (RAM-backed) where it exists, else the temp folder.</summary>
    public static string SharedMemoryDir { get; } = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    private string Make(string name, int offset) => Transport switch
    {
        Transport.Tcp => $"tcp://127.0.0.1:{PortBase + offset}",
        Transport.Shm => "shm://" + RingPath(name),
        _ => $"inproc://{Prefix}-{name}",
    };
}
