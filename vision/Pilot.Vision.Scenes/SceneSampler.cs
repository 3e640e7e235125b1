using Pilot.Vision.Data;

namespace Pilot.Vision.Scenes;

/// <summary>
/// Draws random road scenes (domain randomisation): the ranges below are wide on purpose, so that a model trained on
/// them transfers to real footage. A scene depends only on (seed, index), so data sets are reproducible and any sample
/// can be regenerated on its own.
/// </summary>
public static class SceneSampler
{
    /// <summary>Lead vehicles are placed this far ahead, m.</summary>
    public const double MinLeadDistance = 5, MaxLeadDistance = 120;

    /// <summary>Share of scenes with a vehicle in the ego lane.</summary>
    public const double LeadShare = 0.6;

    /// <summary>Share of leads that are cutting in from a neighbouring lane.</summary>
    public const double CutInShare = 0.15;

    public static RoadScene Sample(ulong seed, long index)
    {
        var rng = Rng.Derive(seed, index);
        int lanes = rng.NextInt(1, 4);
        int ego = rng.NextInt(lanes);
        double width = rng.NextFloat(2.8f, 4.0f);
        double curvature = rng.NextFloat() < 0.3 ? 0.0005 * rng.NextGaussian()
            : Math.Sign(rng.NextFloat() - 0.5) * Math.Exp(rng.NextFloat((float)Math.Log(1 / 2500.0), (float)Math.Log(1 / 120.0)));
        var scene = new RoadScene
        {
            LaneCount = lanes,
            EgoLane = ego,
            LaneWidth = width,
            EgoOffset = Math.Clamp(0.25 * rng.NextGaussian(), -0.6, 0.6),
            HeadingError = Math.Clamp(0.01 * rng.NextGaussian(), -0.03, 0.03),
            Curvature = curvature,
            // Bounded so that curvature stays within ±1/80 m over the 192 m the labels cover.
            CurvatureRate = Math.Clamp(2e-5 * rng.NextGaussian(), (-1 / 80.0 - curvature) / 192, (1 / 80.0 - curvature) / 192),
            VerticalCurvature = Math.Clamp(2.5e-4 * rng.NextGaussian(), -6e-4, 6e-4),
            CameraHeight = rng.NextFloat(1.1f, 1.5f),
            EgoSpeed = rng.NextFloat(0, 35),
            Lines = SampleLines(ref rng, lanes),
            Shoulders = (rng.NextFloat(0.3f, 3f), rng.NextFloat(0.3f, 3f)),
            Odometer = rng.NextFloat(0, 1000),
            Vehicles = [],
            Look = SampleLook(ref rng),
            MountingError = (0.01 * rng.NextGaussian(), 0.005 * rng.NextGaussian(), 0.005 * rng.NextGaussian()),
        };
        return scene with { Vehicles = SampleVehicles(ref rng, scene) };
    }

    private static Marking[] SampleLines(ref Rng rng, int lanes)
    {
        var lines = new Marking[lanes + 1];
        for (int i = 0; i <= lanes; i++)
        {
            bool outer = i == 0 || i == lanes;
            var style = outer ? MarkingStyle.Solid : rng.NextFloat() < 0.1 ? MarkingStyle.Solid : MarkingStyle.Dashed;
            if (outer && rng.NextFloat() < 0.05) style = MarkingStyle.None;  // unpainted edge: only the road edge remains
            bool yellow = i == 0 ? rng.NextFloat() < 0.5 : rng.NextFloat() < 0.05;
            float wear = rng.NextFloat() < 0.1 ? rng.NextFloat(0.6f, 0.85f) : rng.NextFloat(0, 0.5f);
            lines[i] = new Marking(style, yellow, wear, rng.NextFloat(0.10f, 0.15f));
        }
        return lines;
    }

    private static Vehicle[] SampleVehicles(ref Rng rng, RoadScene scene)
    {
        var vehicles = new List<Vehicle>();
        if (rng.NextFloat() < LeadShare)
        {
            // Log-uniform distance: near leads matter most and are rarer in a uniform draw.
            double distance = Math.Exp(rng.NextFloat((float)Math.Log(MinLeadDistance), (float)Math.Log(MaxLeadDistance)));
            double lateral = 0.3 * rng.NextGaussian(), lateralSpeed = 0;
            if (rng.NextFloat() < CutInShare)
            {
                double side = rng.NextFloat() < 0.5 ? -1 : 1;
                lateral = side * scene.LaneWidth * rng.NextFloat(0.35f, 0.55f);
                lateralSpeed = -side * rng.NextFloat(0.5f, 1.5f);
            }
            vehicles.Add(SampleVehicle(ref rng, scene, distance, lateral, lateralSpeed));
        }
        int others = rng.NextInt(0, 3);
        for (int i = 0; i < others; i++)
        {
            int lane = rng.NextInt(scene.LaneCount);
            if (lane == scene.EgoLane) continue;
            double lateral = (lane - scene.EgoLane) * scene.LaneWidth + 0.3 * rng.NextGaussian();
            vehicles.Add(SampleVehicle(ref rng, scene, rng.NextFloat(4, 150), lateral, 0));
        }
        return vehicles.ToArray();
    }

    private static Vehicle SampleVehicle(ref Rng rng, RoadScene scene, double distance, double lateral, double lateralSpeed)
    {
        bool truck = rng.NextFloat() < 0.1;
        float shade = rng.NextFloat(0.05f, 0.95f);
        var tint = (rng.NextFloat(0.8f, 1.2f), rng.NextFloat(0.8f, 1.2f), rng.NextFloat(0.8f, 1.2f));
        var color = rng.NextFloat() < 0.6 ? (shade, shade, shade)
            : (Math.Clamp(shade * tint.Item1, 0, 1), Math.Clamp(shade * tint.Item2, 0, 1), Math.Clamp(shade * tint.Item3, 0, 1));
        return new Vehicle(distance, lateral,
            Speed: Math.Max(0, scene.EgoSpeed + 5 * rng.NextGaussian()),
            Acceleration: Math.Clamp(rng.NextGaussian(), -4, 2),
            LateralSpeed: lateralSpeed,
            Width: truck ? rng.NextFloat(2.3f, 2.6f) : rng.NextFloat(1.6f, 2.0f),
            Height: truck ? rng.NextFloat(2.8f, 3.8f) : rng.NextFloat(1.3f, 1.9f),
            Color: color);
    }

    private static SceneLook SampleLook(ref Rng rng)
    {
        float asphalt = rng.NextFloat(0.22f, 0.55f);
        var shadows = new (double, double, double, double, float)[rng.NextFloat() < 0.4 ? rng.NextInt(1, 6) : 0];
        for (int i = 0; i < shadows.Length; i++)
            shadows[i] = (rng.NextFloat(3, 80), rng.NextFloat(-8, 8), rng.NextFloat(2, 15), rng.NextFloat(1, 8), rng.NextFloat(0.3f, 0.7f));
        return new SceneLook(
            Asphalt: (asphalt * rng.NextFloat(0.95f, 1.05f), asphalt, asphalt * rng.NextFloat(0.95f, 1.1f)),
            Verge: rng.NextFloat() < 0.6
                ? (rng.NextFloat(0.15f, 0.35f), rng.NextFloat(0.3f, 0.5f), rng.NextFloat(0.1f, 0.25f))   // grass
                : (rng.NextFloat(0.4f, 0.6f), rng.NextFloat(0.35f, 0.5f), rng.NextFloat(0.25f, 0.4f)), // dirt, sand
            Sky: (rng.NextFloat(0.55f, 0.9f), rng.NextFloat(0.65f, 0.95f), rng.NextFloat(0.8f, 1f)),
            Brightness: rng.NextFloat(0.55f, 1.3f),
            Contrast: rng.NextFloat(0.7f, 1.2f),
            Shadows: shadows,
            Glare: rng.NextFloat() < 0.2 ? (rng.NextFloat(0.1f, 0.9f), rng.NextFloat(0f, 0.3f), rng.NextFloat(0.2f, 0.8f)) : (0, 0, 0),
            Noise: rng.NextFloat(0, 0.03f),
            Blur: rng.NextFloat() < 0.3 ? rng.NextInt(1, 2) : 0,
            NoiseSeed: (int)(rng.NextUInt64() & 0x7FFFFFFF));
    }
}
