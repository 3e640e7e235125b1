using System.CommandLine;
using Pilot.Car.Daemon;
using Pilot.Car.Ports;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;
using Bus = Pilot.Messaging.Bus;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot card</c>: the car interface process on the bus.</summary>
internal static class CardCommand
{
    public static Command Create()
    {
        string names = string.Join(", ", CarPorts.All.Select(p => p.Platform.ToLowerInvariant()));
        var car = new Option<string?>("--car")
        {
            Description = $"Use this car without fingerprinting (carParams.fingerprintSource = fixed). One of: {names}. " +
                          "Default: recognize the car from its CAN traffic during the first 0.5..2 s.",
        };
        var dbc = new Option<string?>("--dbc")
        {
            Description = "Folder holding the car DBC files (default: the dbc/ folder beside the binaries).",
        };
        var cmd = new Command("card",
            "Run card, the car interface: on every `can` message decode the car's CAN into carState (100 Hz, valid = CAN " +
            "checksums, counters and timeouts good), radar tracks into liveTracks (20 Hz) and publish carParams once the " +
            "car is recognized and every 50 s; then encode the newest carControl into sendcan (nothing actuates when it is " +
            "missing, older than 0.1 s or not enabled). Stops on SIGTERM or Ctrl+C.");
        cmd.Options.Add(car);
        cmd.Options.Add(dbc);
        cmd.SetAction(r =>
        {
            string? name = r.GetValue(car);
            if (name is not null && !CarPorts.All.Any(p => string.Equals(p.Platform, name, StringComparison.OrdinalIgnoreCase)))
            {
                Console.Error.WriteLine($"card: unknown car '{name}'; known: {names}");
                return 2;
            }
            var options = new CardOptions { Car = name };
            if (r.GetValue(dbc) is { } folder) options = options with { Dbc = new DbcFolder(Path.GetFullPath(folder)) };
            return DaemonHost.Run(new CardDaemon(Transports.FromEnvironment(), options));
        });
        return cmd;
    }
}
