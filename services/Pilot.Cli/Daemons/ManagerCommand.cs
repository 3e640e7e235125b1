using System.CommandLine;
using Pilot.Manager;
using Pilot.Manager.Drive;
using Pilot.Manager.Processes;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;
using Bus = Pilot.Messaging.Bus;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot manager</c>: starts and supervises every Pilot process.</summary>
internal static class ManagerCommand
{
    public static Command Create()
    {
        var o = new DriveCommandOptions();
        var device = new Option<string?>("--device") { Description = "A real CAN interface device (e.g. /dev/ttyACM0) instead of the simulator: the simulator is not started." };
        var list = new Option<bool>("--list") { Description = "Print the process table (command lines and conditions) and exit." };
        var cmd = new Command("manager",
            "Run the manager: start every process of the table as a child (simulator, bridge, card, camerad, modeld, radard, " +
            "plannerd, controlsd, loggerd), restart those that exit with exponential backoff, give up on crash loops, publish " +
            "managerState (pid, exit code, restarts, CPU, memory) at 2 Hz, and on SIGTERM or Ctrl+C stop them all (SIGTERM, " +
            "SIGKILL after 5 s).") { device, list };
        o.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var bus = Bus.FromEnvironment();
            var table = DriveProcesses.Table(o.Config(r) with { Device = r.GetValue(device) }, PilotLauncher.Current(), bus);
            if (r.GetValue(list))
            {
                foreach (var p in table) Console.WriteLine(p.Enabled ? p.ToString() : $"{p.Name}: off, {p.DisabledBecause}");
                return 0;
            }
            return DaemonHost.Run(new ProcessManager(Transports.Open(bus), new ManagerOptions(table)));
        });
        return cmd;
    }
}
