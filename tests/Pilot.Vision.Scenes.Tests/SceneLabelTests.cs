namespace Pilot.Vision.Scenes.Tests;

public class SceneLabelTests
{
    [Fact]
    public void Lines_are_placed_around_the_ego_lane_and_missing_ones_have_zero_probability()
    {
        var scene = Scenes.Straight(lanes: 2, ego: 0, offset: 0.3);
        var labels = SceneLabels.From(scene);
        // The camera is 0.3 m right of the lane centre, so the lane's lines are at −1.8 − 0.3 and +1.8 − 0.3.
        Assert.Equal(-2.1f, labels.LaneLines[1, 0], 5);
        Assert.Equal(1.5f, labels.LaneLines[2, 0], 5);
        Assert.Equal(5.1f, labels.LaneLines[3, 0], 5);
        Assert.Equal([0f, 1f, 1f, 1f], labels.LaneLineProbs);  // no lane to the left of the ego lane
        Assert.Equal(-2.1f - 1.0f, labels.RoadEdges[0, 0], 5);
        Assert.Equal(-0.3f, labels.Path[0], 5);
    }

    [Fact]
    public void Curvature_bends_every_label_by_x_squared_over_two()
    {
        var labels = SceneLabels.From(Scenes.Straight(curvature: 0.002));
        int i = 16;  // 48 m
        double bend = 0.002 * 48 * 48 / 2;
        Assert.Equal(bend, labels.Path[i], 4);
        Assert.Equal(bend - 1.8, labels.LaneLines[1, i], 4);
    }

    [Fact]
    public void The_lead_is_the_nearest_vehicle_inside_the_ego_lane()
    {
        Vehicle Car(double distance, double lateral) => new(distance, lateral, 10, 0, 0, 1.8, 1.5, (0.5f, 0.5f, 0.5f));
        var scene = Scenes.Straight(lanes: 2, vehicles: [Car(40, 0.2), Car(15, 3.6), Car(60, -0.1)]);
        var labels = SceneLabels.From(scene);
        Assert.True(labels.HasLead);
        Assert.Equal(40f, labels.LeadX);
        Assert.False(SceneLabels.From(Scenes.Straight(vehicles: Car(15, 3.6))).HasLead);
    }

    [Fact]
    public void Advancing_moves_vehicles_by_their_relative_speed_and_the_road_by_the_ego_speed()
    {
        var scene = Scenes.Straight(vehicles: new Vehicle(30, 0, 15, -2, 0.5, 1.8, 1.5, (0.5f, 0.5f, 0.5f)));
        var later = scene.Advance(0.5);
        var v = later.Vehicles[0];
        Assert.Equal(30 + (15 - 20) * 0.5 - 2 * 0.25 / 2, v.Distance, 9);
        Assert.Equal(14, v.Speed, 9);
        Assert.Equal(0.25, v.Lateral, 9);
        Assert.Equal(10, later.Odometer, 9);
    }

    [Fact]
    public void The_grid_matches_openpilots()
    {
        Assert.Equal(33, ModelGrid.Distances.Length);
        Assert.Equal(0f, ModelGrid.Distances[0]);
        Assert.Equal(192f, ModelGrid.Distances[32]);
        Assert.Equal(48f, ModelGrid.Distances[16]);
        Assert.Equal(10f, ModelGrid.Times[32]);
        Assert.Equal(16, ModelGrid.IndexOfDistance(50));
    }
}
