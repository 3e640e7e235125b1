using Pilot.Vision.Camera.Geometry;

namespace Pilot.Vision.Scenes.Tests;

public class SceneGeometryTests
{
    private static readonly ModelView View = ModelView.Default;

    private static byte[] RenderLuma(RoadScene scene)
    {
        var renderer = new SceneRenderer(RayTable.ForModel(View));
        var frame = new byte[View.Width * View.Height * 3 / 2];
        renderer.RenderI420(scene, frame);
        return frame;
    }

    /// <summary>Centre of the bright paint in one image row, searching ±<paramref name="window"/> px around <paramref name="near"/>.</summary>
    private static double PaintCentre(byte[] luma, int row, double near, int window)
    {
        double weighted = 0, total = 0;
        int background = luma[row * View.Width + Math.Clamp((int)near - window - 5, 0, View.Width - 1)];
        for (int x = Math.Max(0, (int)near - window); x <= Math.Min(View.Width - 1, (int)near + window); x++)
        {
            double excess = Math.Max(0, luma[row * View.Width + x] - background - 10);
            weighted += excess * x;
            total += excess;
        }
        Assert.True(total > 0, $"no paint in row {row} near x {near:F1}");
        return weighted / total;
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1 / 300.0, 0.4)]
    [InlineData(-1 / 500.0, -0.3)]
    public void A_rendered_line_lands_on_the_pixel_its_label_projects_to(double curvature, double offset)
    {
        var scene = Scenes.Straight(lanes: 1, curvature: curvature, offset: offset);
        var labels = SceneLabels.From(scene);
        var luma = RenderLuma(scene);
        foreach (int i in new[] { 8, 10, 12, 14 })  // 12 m, 18.75 m, 27 m, 36.75 m
        {
            double x = ModelGrid.Distances[i];
            foreach (int line in new[] { 1, 2 })  // the ego lane's left and right lines
            {
                Assert.True(View.TryProjectRoad(x, labels.LaneLines[line, i], scene.CameraHeight, out double u, out double v));
                // The label's row v is fractional: find the paint in the rows either side and interpolate to v.
                int row = (int)Math.Floor(v);
                double above = PaintCentre(luma, row, u, 25), below = PaintCentre(luma, row + 1, u, 25);
                double found = above + (v - row) * (below - above);
                Assert.True(Math.Abs(found - u) < 0.5, $"line {line} at {x} m: paint at x {found:F2}, label projects to {u:F2} (v {v:F2})");
            }
        }
    }

    [Fact]
    public void A_lead_vehicle_stands_where_its_label_says()
    {
        // A blue car: nothing else in the scene has a strong blue chroma, so its pixels are unambiguous.
        var lead = new Vehicle(25, 0.5, 15, 0, 0, 1.8, 1.5, (0.1f, 0.2f, 0.9f));
        var scene = Scenes.Straight(lanes: 1, vehicles: lead);
        var labels = SceneLabels.From(scene);
        Assert.True(labels.HasLead);
        Assert.Equal(25, labels.LeadX, 5);
        Assert.Equal(0.5, labels.LeadY, 5);
        var frame = RenderLuma(scene);
        // The car's bottom edge (where it meets the road) projects from (x, y, camera height below).
        Assert.True(View.TryProjectRoad(labels.LeadX, labels.LeadY, scene.CameraHeight, out double u, out double v));
        int chromaRow = ((int)Math.Floor(v) - 16) / 2;  // through the body, above the bumper, below the tail lights
        int chromaWidth = View.Width / 2, uPlane = View.Width * View.Height;
        int left = -1, right = -1;
        for (int x = 0; x < chromaWidth; x++)
            if (frame[uPlane + chromaRow * chromaWidth + x] > 180) { if (left < 0) left = x; right = x; }
        double centre = (left + right) / 2.0 * 2 + 0.5, halfWidth = right - left + 1;  // back in luma pixels
        double expectedHalf = 0.9 * View.Focal / 25;
        Assert.True(Math.Abs(centre - u) < 2, $"car centre at x {centre}, label projects to {u:F1}");
        Assert.True(Math.Abs(halfWidth - expectedHalf) < 2, $"car half-width {halfWidth} px, expected {expectedHalf:F1}");
    }

    [Fact]
    public void The_road_meets_each_ray_where_the_road_surface_is()
    {
        Assert.Equal(1.3 / 0.1, SceneRenderer.GroundDistance(0.1, 1.3, 0), 9);
        foreach (double g in new[] { 3e-4, -3e-4 })
        {
            double x = SceneRenderer.GroundDistance(0.05, 1.3, g);
            Assert.Equal(1.3 - g * x * x / 2, 0.05 * x, 9);  // ray depth equals road depth
        }
        Assert.True(double.IsPositiveInfinity(SceneRenderer.GroundDistance(-0.01, 1.3, 0)));      // above the horizon
        Assert.True(double.IsPositiveInfinity(SceneRenderer.GroundDistance(0.001, 1.3, -6e-4)));  // over a crest
    }
}
