using Pilot.Messaging.Events;
using Pilot.Vision.Scenes;

namespace Pilot.Sim.World;

/// <summary>
/// The camera's view of the simulated world as a <see cref="RoadScene"/> for the road-scene renderer (camerad's
/// simulator source). The world says y LEFT and curvature positive left; the renderer's road frame says y RIGHT, so
/// lateral quantities change sign here.
/// </summary>
public static class SimScene
{
    /// <summary>Camera height above the road, m (openpilot's default mounting height).</summary>
    public const double CameraHeightM = 1.22;
    /// <summary>How far the windshield camera sits behind the front bumper, m.</summary>
    public const double CameraBehindBumperM = 2.0;
    /// <summary>Height of the other cars, m.</summary>
    public const double VehicleHeightM = 1.5;

    private static readonly Marking Solid = new(MarkingStyle.Solid, false, 0, 0.15f);
    private static readonly Marking Dashed = new(MarkingStyle.Dashed, false, 0, 0.15f);
    private static readonly SceneLook Day = new(Asphalt: (0.35f, 0.35f, 0.37f), Verge: (0.25f, 0.4f, 0.18f), Sky: (0.7f, 0.8f, 0.95f),
        Brightness: 1, Contrast: 1, Shadows: [], Glare: (0, 0, 0), Noise: 0, Blur: 0, NoiseSeed: 0);
    private static readonly (float R, float G, float B)[] Paints = [(0.6f, 0.1f, 0.1f), (0.15f, 0.25f, 0.6f), (0.8f, 0.8f, 0.8f), (0.1f, 0.1f, 0.1f)];

    /// <summary>The scene the ego camera sees in <paramref name="state"/>.</summary>
    public static RoadScene FromState(SimState state)
    {
        var vehicles = new Pilot.Vision.Scenes.Vehicle[state.Vehicles.Count];
        for (int i = 0; i < vehicles.Length; i++)
        {
            var v = state.Vehicles[i];
            vehicles[i] = Vehicle(i, v.Gap, v.Lateral, v.Speed, v.Accel, v.LateralSpeed, v.Width);
        }
        return Scene(state.LaneCount, state.EgoLane, state.LaneWidth, state.LaneOffset, state.HeadingError, state.RoadCurvature,
            state.RoadCurvatureRate, state.VEgo, state.Odometer, vehicles);
    }

    /// <summary>
    /// The scene of a received <c>simulatorState</c> event. The event does not carry the lane layout, so it is
    /// given (the scenarios drive in the middle of three lanes).
    /// </summary>
    public static RoadScene FromState(SimulatorState.Reader state, int laneCount = 3, int egoLane = 1)
    {
        var others = state.Vehicles;
        var vehicles = new Pilot.Vision.Scenes.Vehicle[others.Count];
        for (int i = 0; i < vehicles.Length; i++)
        {
            var v = others[i];
            vehicles[i] = Vehicle(i, v.Gap, v.Lateral, v.Speed, v.Accel, 0, Traffic.TrafficVehicle.DefaultWidthM);
        }
        return Scene(laneCount, egoLane, state.LaneWidth, state.LaneOffset, state.HeadingError, state.RoadCurvature,
            state.RoadCurvatureRate, state.VEgo, state.Odometer, vehicles);
    }

    private static Pilot.Vision.Scenes.Vehicle Vehicle(int index, double gap, double lateral, double speed, double accel, double lateralSpeed, double width) =>
        new(gap + CameraBehindBumperM, -lateral, speed, accel, -lateralSpeed, width, VehicleHeightM, Paints[index % Paints.Length]);

    private static RoadScene Scene(int laneCount, int egoLane, double laneWidth, double laneOffset, double headingError,
        double curvature, double curvatureRate, double speed, double odometer, Pilot.Vision.Scenes.Vehicle[] vehicles)
    {
        var lines = new Marking[laneCount + 1];
        for (int i = 0; i <= laneCount; i++) lines[i] = i == 0 || i == laneCount ? Solid : Dashed;
        return new RoadScene
        {
            LaneCount = laneCount,
            EgoLane = egoLane,
            LaneWidth = laneWidth,
            EgoOffset = -laneOffset,
            HeadingError = headingError,   // ego left of the lane's heading = the road turning right in the camera
            Curvature = -curvature,
            CurvatureRate = -curvatureRate,
            VerticalCurvature = 0,
            CameraHeight = CameraHeightM,
            EgoSpeed = speed,
            Lines = lines,
            Shoulders = (1.0, 2.5),
            Odometer = odometer,
            Vehicles = vehicles,
            Look = Day,
        };
    }
}
