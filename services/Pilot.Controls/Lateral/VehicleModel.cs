using Pilot.Controls.Car;

namespace Pilot.Controls.Lateral;

/// <summary>
/// Steady-state single-track (bicycle) model, openpilot's vehicle_model.py: the curvature a car settles on for a road
/// wheel angle at a speed, with the understeer that the tyre stiffnesses and the weight split give. Angles and curvature
/// are positive left.
/// </summary>
public sealed class VehicleModel
{
    private readonly double _wheelbase;     // m
    private readonly double _steerRatio;    // steering wheel angle / road wheel angle
    private readonly double _slipFactor;    // s²/m²: negative for an understeering car (curvature falls with speed)

    public VehicleModel(CarParameters cp)
    {
        _wheelbase = cp.WheelbaseM;
        _steerRatio = cp.SteerRatio;
        double aF = cp.CenterToFrontM, aR = cp.WheelbaseM - cp.CenterToFrontM;
        _slipFactor = cp.MassKg * (cp.TireStiffnessFront * aF - cp.TireStiffnessRear * aR)
            / (cp.WheelbaseM * cp.WheelbaseM * cp.TireStiffnessFront * cp.TireStiffnessRear);
    }

    /// <summary>Understeer gradient K in κ = δ / (L·(1 + K·v²)), s²/m² (positive: understeer).</summary>
    public double UndersteerGradient => -_slipFactor;

    /// <summary>Curvature per radian of steering wheel angle at <paramref name="speed"/> m/s, 1/m/rad.</summary>
    public double CurvatureFactor(double speed) => 1.0 / (1.0 - _slipFactor * speed * speed) / _wheelbase;

    /// <summary>Steady-state path curvature, 1/m, for a steering wheel angle in radians.</summary>
    public double Curvature(double steeringWheelAngleRad, double speed) =>
        CurvatureFactor(speed) * steeringWheelAngleRad / _steerRatio;

    /// <summary>Steering wheel angle, rad, that settles on <paramref name="curvature"/> (1/m) at <paramref name="speed"/>.</summary>
    public double SteeringWheelAngle(double curvature, double speed) =>
        curvature * _steerRatio / CurvatureFactor(speed);
}
