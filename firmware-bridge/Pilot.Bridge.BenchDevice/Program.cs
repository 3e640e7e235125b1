using Pilot.Bridge.Bench;
using Pilot.Bridge.Serial;

// Pilot.Bridge.BenchDevice (--port PATH | --pty LINK) [--buses N] [--allow-all-output] [--heartbeat-timeout-ms MS]
// --port serves an existing tty (a socat pty end); --pty opens its own pseudo-terminal and links LINK to it, the way a
// USB-CDC device appears (no relay process between host and device). Prints "ready PATH|LINK" once it serves; exits 0
// when the port closes, 2 on bad arguments, 3 when the link is lost.
string? port = null, pty = null;
var options = new BenchDeviceOptions();
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--port": port = Value(); break;
            case "--pty": pty = Value(); break;
            case "--buses": options = options with { Buses = int.Parse(Value()) }; break;
            case "--allow-all-output": options = options with { AllowAllOutput = true }; break;
            case "--heartbeat-timeout-ms": options = options with { HeartbeatTimeoutUs = long.Parse(Value()) * 1000 }; break;
            default: throw new ArgumentException($"unknown option {args[i]}");
        }
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine($"bench device: {e.Message}");
        return 2;
    }
}
if ((port is null) == (pty is null))
{
    Console.Error.WriteLine("usage: Pilot.Bridge.BenchDevice (--port PATH | --pty LINK) [--buses 1..3] [--allow-all-output] [--heartbeat-timeout-ms MS]");
    return 2;
}
try
{
    using var own = pty is null ? null : PseudoTerminal.Open(pty);
    using var device = own is null ? new BenchDevice(port!, options) : new BenchDevice(own.Master, options);
    Console.Out.WriteLine($"ready {port ?? pty}");
    Console.Out.Flush();
    device.Run();
    return 0;
}
catch (LinkException e)
{
    Console.Error.WriteLine($"bench device: {e.Message}");
    return 3;
}
