using System.CommandLine;
using Pilot.Messaging.PubSub;
using Pilot.Planning.Daemons;
using Pilot.Planning.Longitudinal;
using Pilot.Daemons;
using Bus = Pilot.Messaging.Bus;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot plannerd</c>: the longitudinal planner on the bus.</summary>
internal static class PlannerdCommand
{
    public static Command Create()
    {
        var defaults = new PlannerOptions();
        var delay = new Option<double>("--actuator-delay")
        {
            Description = "Longitudinal actuator delay, s, until carParams gives the car's own (aTarget looks this far ahead).",
            DefaultValueFactory = _ => defaults.ActuatorDelayS,
        };
        var stopping = new Option<double>("--stopping-speed")
        {
            Description = "Speed below which a plan counts as a stop, m/s, until carParams gives the car's vEgoStopping.",
            DefaultValueFactory = _ => defaults.VEgoStopping,
        };
        var cmd = new Command("plannerd",
            "Run plannerd at radard's 20 Hz: a longitudinal MPC over 2.5 s (17 points) keeping the set speed within comfort limits " +
            "(−3.5..+2.0 m/s², jerk ≤ 5 m/s³ outside emergencies) and the safe distance v²/(2·2.5) + T·v + 6 m to the leads " +
            "(T = 1.25/1.45/1.75 s by selfdriveState.personality). Reads radarState, carState, controlsState, selfdriveState, carParams; " +
            "publishes longitudinalPlan. Stops on SIGTERM or Ctrl+C.");
        cmd.Options.Add(delay);
        cmd.Options.Add(stopping);
        cmd.SetAction(r =>
        {
            var options = new PlannerdOptions
            {
                Planner = defaults with { ActuatorDelayS = r.GetValue(delay), VEgoStopping = r.GetValue(stopping) },
            };
            return DaemonHost.Run(new Plannerd(Transports.FromEnvironment(), options));
        });
        return cmd;
    }
}
