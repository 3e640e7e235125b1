using System.CommandLine;
using Pilot.Messaging.PubSub;
using Pilot.Planning.Daemons;
using Pilot.Planning.Fusion;
using Pilot.Daemons;
using Bus = Pilot.Messaging.Bus;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot radard</c>: radar tracks fused with the model's leads, on the bus.</summary>
internal static class RadardCommand
{
    public static Command Create()
    {
        var defaults = new LeadFusionOptions();
        var cameraToRadar = new Option<double>("--camera-to-radar")
        {
            Description = "Distance from the camera forward to the radar (the car's front), m: model leads are measured from the camera.",
            DefaultValueFactory = _ => defaults.CameraToRadarM,
        };
        var minProb = new Option<double>("--min-lead-prob")
        {
            Description = "Model lead probability above which the lead is believed, 0..1.",
            DefaultValueFactory = _ => defaults.MinLeadProb,
        };
        var cmd = new Command("radard",
            "Run radard at the model's 20 Hz: a Kalman filter per radar track (liveTracks), the model's lead matched to a track by " +
            "likelihood, vision-only leads when no track matches or the car has no radar (carParams.radarUnavailable). " +
            "Reads modelV2, carState, liveTracks, carParams; publishes radarState. Stops on SIGTERM or Ctrl+C.");
        cmd.Options.Add(cameraToRadar);
        cmd.Options.Add(minProb);
        cmd.SetAction(r =>
        {
            var options = new RadardOptions
            {
                Fusion = defaults with { CameraToRadarM = r.GetValue(cameraToRadar), MinLeadProb = r.GetValue(minProb) },
            };
            return DaemonHost.Run(new Radard(Transports.FromEnvironment(), options));
        });
        return cmd;
    }
}
