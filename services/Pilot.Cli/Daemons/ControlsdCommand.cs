using System.CommandLine;
using Pilot.Controls.Daemon;
using Bus = Pilot.Messaging.Bus;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot controlsd</c>: the 100 Hz control process on the bus.</summary>
internal static class ControlsdCommand
{
    public static Command Create()
    {
        var defaults = new ControlsdOptions();
        var lookahead = new Option<double>("--lookahead")
        {
            Description = "Seconds past the car's steering actuator delay that the path lookahead aims at (shorter corrects lane offsets harder).",
            DefaultValueFactory = _ => defaults.LookaheadS,
        };
        var minLookahead = new Option<double>("--min-lookahead")
        {
            Description = "Shortest path lookahead distance, m (what steering aims at when slow).",
            DefaultValueFactory = _ => defaults.MinLookaheadM,
        };
        var startAccel = new Option<double>("--start-accel")
        {
            Description = "Acceleration commanded while pulling away from a stop, m/s².",
            DefaultValueFactory = _ => defaults.StartAccel,
        };
        var optional = new Option<string>("--optional")
        {
            Description = "Comma-separated inputs a bench may lack: they count for health only once heard, and are never timed.",
            DefaultValueFactory = _ => string.Join(",", defaults.Optional),
        };
        var cmd = new Command("controlsd",
            "Run controlsd at 100 Hz: engagement state machine, events and alerts, lateral (torque) and longitudinal (PID) control. " +
            "Reads carState, modelV2, longitudinalPlan, radarState, carParams, bridgeState, managerState, deviceState; " +
            "publishes carControl, controlsState and selfdriveState. Stops on SIGTERM or Ctrl+C.");
        cmd.Options.Add(lookahead);
        cmd.Options.Add(minLookahead);
        cmd.Options.Add(startAccel);
        cmd.Options.Add(optional);
        cmd.SetAction(r =>
        {
            var options = new ControlsdOptions
            {
                LookaheadS = r.GetValue(lookahead),
                MinLookaheadM = r.GetValue(minLookahead),
                StartAccel = r.GetValue(startAccel),
                Optional = Pilot.Messaging.Services.Parse(r.GetValue(optional) ?? "").Select(s => s.Name).ToArray(),
            };
            return DaemonHost.Run(new Controlsd(Transports.FromEnvironment(), options));
        });
        return cmd;
    }
}
