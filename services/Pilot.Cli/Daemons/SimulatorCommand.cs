using System.CommandLine;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;
using Pilot.Sim.Car;
using Pilot.Sim.Daemon;
using Pilot.Sim.Scenarios;
using Bus = Pilot.Messaging.Bus;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot simulator</c>: the simulated car and world as a process, served to the bridge through a bench device.</summary>
internal static class SimulatorCommand
{
    public static Command Create()
    {
        var defaults = new SimulatorOptions();
        string scenarios = string.Join("; ", ScenarioRegistry.Names.Select(n => $"{n}: {ScenarioRegistry.Get(n).Description}"));
        var scenario = new Option<string>("--scenario")
        {
            Description = $"Scenario to drive. {scenarios}.",
            DefaultValueFactory = _ => defaults.Scenario,
        };
        var car = new Option<string>("--car")
        {
            Description = $"The car the simulator is, on CAN: {string.Join(" or ", CarCans.Names)} (the sim car needs the device's all-output mode, which its bench device allows).",
            DefaultValueFactory = _ => defaults.Car,
        };
        var speed = new Option<double>("--speed")
        {
            Description = "Real-time factor: simulated seconds per wall-clock second (the car's buses run that much faster too).",
            DefaultValueFactory = _ => defaults.Speed,
        };
        var link = new Option<string?>("--link")
        {
            Description = "Also make this path a symbolic link to the bench device's pseudo-terminal, for `pilot bridge run --port PATH`.",
        };
        var waitFor = new Option<string>("--wait-for")
        {
            Description = "Comma-separated services that must be alive before the scenario starts (\"\" = start at once); " +
                          "the car talks on its buses meanwhile. bridgeState must also report a car safety mode.",
            DefaultValueFactory = _ => string.Join(",", defaults.WaitFor),
        };
        var noDevice = new Option<bool>("--no-device")
        {
            Description = "Run the world and publish simulatorState without serving the car on a bench device.",
        };
        var cmd = new Command("simulator",
            "Run the simulator: the ego car (bicycle model, EPS, powertrain), road, traffic and driver of a scenario, stepped " +
            "at 100 Hz in real time; publishes simulatorState (ground truth) at 100 Hz and is the car on the far side of a " +
            "bench device on a pseudo-terminal whose path it prints. Stops on SIGTERM or Ctrl+C.");
        foreach (var o in new Option[] { scenario, car, speed, link, waitFor, noDevice }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            string name = r.GetValue(scenario)!, carName = r.GetValue(car)!;
            if (!ScenarioRegistry.Names.Contains(name))
            {
                Console.Error.WriteLine($"simulator: unknown scenario '{name}'; known: {string.Join(", ", ScenarioRegistry.Names)}");
                return 2;
            }
            if (!CarCans.Names.Contains(carName))
            {
                Console.Error.WriteLine($"simulator: unknown car '{carName}'; known: {string.Join(", ", CarCans.Names)}");
                return 2;
            }
            if (!(r.GetValue(speed) > 0))
            {
                Console.Error.WriteLine("simulator: --speed must be above 0");
                return 2;
            }
            var options = new SimulatorOptions
            {
                Scenario = name,
                Car = carName,
                Speed = r.GetValue(speed),
                Link = r.GetValue(link) is { } l ? Path.GetFullPath(l) : null,
                WaitFor = Pilot.Messaging.Services.Parse(r.GetValue(waitFor) ?? "").Select(s => s.Name).ToArray(),
                BenchDevice = !r.GetValue(noDevice),
            };
            var daemon = new SimulatorDaemon(Transports.FromEnvironment(), options);
            if (daemon.DevicePath is { } path) Console.WriteLine($"simulator: {carName} on the bench device at {path}");
            Console.Out.Flush();
            return DaemonHost.Run(daemon);
        });
        return cmd;
    }
}
