using Pilot.Messaging.Events;
using Pilot.Vision.Scenes;

namespace Pilot.Camerad.Sources;

/// <summary>
/// The road scene of a simulator state when the simulator supplies none of its own: a three-lane highway with the ego
/// car in the middle lane, painted lines, a clear day. Messages say y LEFT and curvature positive left; the renderer's
/// road frame says y RIGHT, so lateral quantities change sign here.
/// </summary>
public static class SimulatorScenes
{
    public const double CameraHeight = 1.22;      // m, openpilot's default mounting height
    public const double CameraToFrontBumper = 2.0; // m: the windshield camera sits this far behind the front bumper

    private static readonly Marking Solid = new(MarkingStyle.Solid, false, 0, 0.15f), Dashed = new(MarkingStyle.Dashed, false, 0, 0.15f);
    private static readonly SceneLook Day = new(Asphalt: (0.35f, 0.35f, 0.37f), Verge: (0.25f, 0.4f, 0.18f), Sky: (0.7f, 0.8f, 0.95f),
        Brightness: 1, Contrast: 1, Shadows: [], Glare: (0, 0, 0), Noise: 0, Blur: 0, NoiseSeed: 0);

    public static RoadScene Highway(SimulatorState.Reader state)
    {
        var others = state.Vehicles;
        var vehicles = new Vehicle[others.Count];
        for (int i = 0; i < vehicles.Length; i++)
        {
            var v = others[i];
            vehicles[i] = new Vehicle(v.Gap + CameraToFrontBumper, -v.Lateral, v.Speed, v.Accel, 0, 1.8, 1.5, (0.6f, 0.1f, 0.1f));
        }
        return new RoadScene
        {
            LaneCount = 3, EgoLane = 1, LaneWidth = state.LaneWidth > 0 ? state.LaneWidth : 3.7,
            EgoOffset = -state.LaneOffset, HeadingError = state.HeadingError,
            Curvature = -state.RoadCurvature, CurvatureRate = -state.RoadCurvatureRate, VerticalCurvature = 0,
            CameraHeight = CameraHeight, EgoSpeed = state.VEgo,
            Lines = [Solid, Dashed, Dashed, Solid], Shoulders = (1.0, 2.5), Odometer = state.Odometer,
            Vehicles = vehicles, Look = Day,
        };
    }
}
