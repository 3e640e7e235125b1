namespace Pilot.Vision.Scenes.Tests;

/// <summary>Hand-built scenes with nothing random about their look, so tests can find things in the image.</summary>
internal static class Scenes
{
    public static SceneLook PlainLook => new((0.3f, 0.3f, 0.3f), (0.2f, 0.4f, 0.15f), (0.7f, 0.8f, 0.95f),
        Brightness: 1, Contrast: 1, Shadows: [], Glare: (0, 0, 0), Noise: 0, Blur: 0, NoiseSeed: 1);

    public static RoadScene Straight(int lanes = 2, int ego = 0, double curvature = 0, double offset = 0, params Vehicle[] vehicles) => new()
    {
        LaneCount = lanes,
        EgoLane = ego,
        LaneWidth = 3.6,
        EgoOffset = offset,
        HeadingError = 0,
        Curvature = curvature,
        CurvatureRate = 0,
        VerticalCurvature = 0,
        CameraHeight = 1.3,
        EgoSpeed = 20,
        Lines = Enumerable.Repeat(new Marking(MarkingStyle.Solid, false, 0, 0.15f), lanes + 1).ToArray(),
        Shoulders = (1.0, 1.0),
        Odometer = 0,
        Vehicles = vehicles,
        Look = PlainLook,
    };
}
