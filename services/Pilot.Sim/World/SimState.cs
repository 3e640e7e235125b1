namespace Pilot.Sim.World;

/// <summary>Another vehicle relative to the ego car (the simulatorState Vehicle).</summary>
/// <param name="Gap">Ego front bumper to its rear bumper along the road, m (negative: behind).</param>
/// <param name="Lateral">Its centre to the ego lane centre, m, positive left.</param>
/// <param name="Speed">m/s.</param>
/// <param name="Accel">m/s².</param>
/// <param name="LateralSpeed">m/s, positive left.</param>
/// <param name="Width">m.</param>
public readonly record struct VehicleTruth(double Gap, double Lateral, double Speed, double Accel, double LateralSpeed, double Width);

/// <summary>
/// Ground truth of the simulated world at one instant: everything the simulatorState event carries (same names,
/// same conventions: y left, curvature positive left), plus the lane layout the renderer needs.
/// </summary>
public sealed class SimState
{
    public string Scenario { get; set; } = "";
    /// <summary>Simulated time since the scenario started, s.</summary>
    public double Time { get; set; }
    /// <summary>Distance driven along the road, m.</summary>
    public double Odometer { get; set; }
    public double VEgo { get; set; }
    public double AEgo { get; set; }
    /// <summary>rad/s, positive left.</summary>
    public double YawRate { get; set; }
    /// <summary>Steering-wheel angle, degrees, positive left.</summary>
    public double SteeringAngleDeg { get; set; }
    /// <summary>Ego centre to the lane centre, m, positive when ego is left of it.</summary>
    public double LaneOffset { get; set; }
    /// <summary>Ego heading minus the lane heading, rad, positive left.</summary>
    public double HeadingError { get; set; }
    public double LaneWidth { get; set; }
    public int LaneCount { get; set; }
    /// <summary>The ego lane, 0 = leftmost.</summary>
    public int EgoLane { get; set; }
    /// <summary>Lane-centre curvature at the ego, 1/m, positive left.</summary>
    public double RoadCurvature { get; set; }
    /// <summary>Change of that curvature per metre ahead, 1/m².</summary>
    public double RoadCurvatureRate { get; set; }
    public bool LeadPresent { get; set; }
    /// <summary>Ego front bumper to the lead's rear bumper, m.</summary>
    public double LeadGap { get; set; }
    public double LeadSpeed { get; set; }
    public double LeadAccel { get; set; }
    /// <summary>Lead centre to the ego lane centre, m, positive left.</summary>
    public double LeadLateral { get; set; }
    /// <summary>Ego touched another vehicle (stays true once set).</summary>
    public bool Collision { get; set; }
    /// <summary>A wheel crossed a line of the ego lane (stays true once set).</summary>
    public bool OffRoad { get; set; }
    public double DriverBrake { get; set; }
    public double DriverGas { get; set; }
    /// <summary>N·m, positive left.</summary>
    public double DriverTorque { get; set; }
    /// <summary>Every other vehicle.</summary>
    public List<VehicleTruth> Vehicles { get; } = [];
}
