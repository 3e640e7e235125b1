namespace Pilot.Vision.Scenes;

/// <summary>
/// The fixed grids the driving model's outputs live on (openpilot's X_IDXS / T_IDXS): 33 points, dense near the car
/// and sparse far away.
/// </summary>
public static class ModelGrid
{
    public const int Points = 33;

    /// <summary>Distance grid, m: 192·(i/32)², 0 .. 192 m.</summary>
    public static readonly float[] Distances = Enumerable.Range(0, Points).Select(i => 192f * (i / 32f) * (i / 32f)).ToArray();

    /// <summary>Time grid, s: 10·(i/32)², 0 .. 10 s.</summary>
    public static readonly float[] Times = Enumerable.Range(0, Points).Select(i => 10f * (i / 32f) * (i / 32f)).ToArray();

    /// <summary>Index of the grid distance nearest to <paramref name="metres"/>.</summary>
    public static int IndexOfDistance(double metres) =>
        Math.Clamp((int)Math.Round(32 * Math.Sqrt(Math.Max(0, metres) / 192)), 0, Points - 1);
}
