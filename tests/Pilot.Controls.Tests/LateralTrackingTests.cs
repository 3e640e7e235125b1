using Pilot.Controls.Car;
using Pilot.Controls.Lateral;

namespace Pilot.Controls.Tests;

/// <summary>
/// controlsd steering a simple car along a lane: the car's curvature follows the commanded torque through a lag and a
/// torque scale 12% weaker than carParams says, and the bench shows controlsd the lane centre in the car's frame, as
/// the model would. The path-to-torque chain must settle offsets without oscillating and hold a highway curve.
/// </summary>
public sealed class LateralTrackingTests
{
    private const double Dt = 0.01;
    private const double TrueLatAccelFactor = 2.2;   // m/s² per unit torque; carParams says 2.5
    private const double SteerLagS = 0.15;           // s, first-order lag of the car's response to torque

    [Fact]
    public void SettlesALaneOffsetWithoutOscillating()
    {
        var run = new Drive(speed: 25, roadCurvature: 0, offset: 0.5);
        run.For(8, out double maxAbsAfter4s, out _);
        Assert.InRange(Math.Abs(run.Offset), 0, 0.02);
        Assert.InRange(maxAbsAfter4s, 0, 0.05);
        Assert.InRange(run.MinOffset, -0.08, 0.5);   // overshoot to the other side stays small
    }

    [Theory]
    [InlineData(30.0, 1.0 / 500)]
    [InlineData(30.0, -1.0 / 500)]
    [InlineData(15.0, 1.0 / 150)]
    public void HoldsACurve(double speed, double roadCurvature)
    {
        var run = new Drive(speed, roadCurvature, offset: 0);
        run.For(10, out double maxAbsAfter4s, out double rms);
        Assert.InRange(maxAbsAfter4s, 0, 0.08);
        Assert.InRange(rms, 0, 0.06);
    }

    private sealed class Drive
    {
        private readonly ControlsBench _bench = new();
        private readonly VehicleModel _vm = new(LateralTests.Civic);
        private readonly double _speed, _roadCurvature;
        private double _heading;       // rad, car heading minus lane heading, positive left
        private double _curvature;     // 1/m the car drives

        public Drive(double speed, double roadCurvature, double offset)
        {
            _speed = speed;
            _roadCurvature = roadCurvature;
            _curvature = roadCurvature;
            Offset = offset;
            MinOffset = offset;
            _bench.Car = _bench.Car with { VEgo = speed, SteeringAngleDeg = AngleDeg() };
            _bench.PathY = LaneCentreY;
            _bench.Engage();
        }

        /// <summary>Car centre to lane centre, m, positive when the car is left of it.</summary>
        public double Offset { get; private set; }
        public double MinOffset { get; private set; }

        public void For(double seconds, out double maxAbsAfter4s, out double rms)
        {
            maxAbsAfter4s = 0;
            double sum = 0;
            int n = 0, steps = (int)(seconds / Dt);
            for (int i = 0; i < steps; i++)
            {
                _bench.Step();
                double torque = _bench.CarControl.Actuators.Torque;
                double target = torque * TrueLatAccelFactor / (_speed * _speed);
                _curvature += (target - _curvature) * Dt / SteerLagS;
                Offset += _speed * Math.Sin(_heading) * Dt;
                _heading += _speed * (_curvature - _roadCurvature) * Dt;
                _bench.Car = _bench.Car with { SteeringAngleDeg = AngleDeg() };
                MinOffset = Math.Min(MinOffset, Offset);
                if (i * Dt >= 4)
                {
                    maxAbsAfter4s = Math.Max(maxAbsAfter4s, Math.Abs(Offset));
                    sum += Offset * Offset;
                    n++;
                }
            }
            rms = Math.Sqrt(sum / Math.Max(n, 1));
        }

        private double AngleDeg() => _vm.SteeringWheelAngle(_curvature, _speed) * 180 / Math.PI;

        /// <summary>The lane centre (a circle of the road's curvature through the car's projection) seen from the car.</summary>
        private double LaneCentreY(double x)
        {
            // Walk the centre line until its car-frame x passes the asked x; the line is smooth, so a fine step suffices.
            double prevX = double.NegativeInfinity, prevY = 0;
            for (double s = -5; s < 400; s += 0.5)
            {
                double k = _roadCurvature;
                double px = Math.Abs(k) < 1e-9 ? s : Math.Sin(k * s) / k;
                double py = Math.Abs(k) < 1e-9 ? 0 : (1 - Math.Cos(k * s)) / k;
                double dx = px, dy = py - Offset;
                double cx = dx * Math.Cos(_heading) + dy * Math.Sin(_heading);
                double cy = -dx * Math.Sin(_heading) + dy * Math.Cos(_heading);
                if (cx >= x)
                    return double.IsNegativeInfinity(prevX) ? cy : prevY + (cy - prevY) * (x - prevX) / (cx - prevX);
                prevX = cx;
                prevY = cy;
            }
            return prevY;
        }
    }
}
