using Pilot.Sim.Vehicle;

namespace Pilot.Sim.Tests.Vehicle;

public class VehicleModelTests
{
    private static readonly VehicleParams Civic = VehicleParams.HondaCivic2016;

    [Fact]
    public void CivicParametersAreOpenpilotsReferenceCar()
    {
        Assert.Equal(1462, Civic.MassKg);
        Assert.Equal(1.08, Civic.CenterToFrontM, 1e-9);
        Assert.Equal(192150, Civic.FrontStiffnessNPerRad, 1e-6);
        Assert.Equal(202500, Civic.RearStiffnessNPerRad, 1e-6);
        Assert.Equal(2500, Civic.YawInertiaKgM2, 1e-9);
        Assert.True(Civic.UndersteerGradient > 0, "the Civic understeers");
    }

    [Theory]
    [InlineData(10, 0.02)]
    [InlineData(20, 0.01)]
    [InlineData(30, -0.005)]
    public void SteadyStateCorneringMatchesTheUndersteerGradient(double speed, double roadWheelAngle)
    {
        var model = new BicycleModel(Civic);
        for (int i = 0; i < 1000; i++) model.Step(0.01, speed, roadWheelAngle);
        double k = Civic.UndersteerGradient;
        double expected = speed * roadWheelAngle / (Civic.WheelbaseM * (1 + k * speed * speed));
        Assert.Equal(expected, model.YawRate, Math.Abs(expected) * 1e-4);
        // The curvature is below the kinematic (no-slip) one by exactly the understeer factor.
        Assert.Equal(roadWheelAngle / Civic.WheelbaseM / (1 + k * speed * speed), model.YawRate / speed, 1e-7);
    }

    [Fact]
    public void StandstillAndCrawlAreKinematicAndStable()
    {
        var model = new BicycleModel(Civic);
        model.Step(0.01, 0, 0.3);
        Assert.Equal(0, model.YawRate);
        Assert.Equal(0, model.LateralVelocity);
        for (int i = 0; i < 100; i++) model.Step(0.01, 1.0, 0.3);
        Assert.Equal(Math.Tan(0.3) * Math.Cos(Math.Atan(Civic.CenterToRearM * Math.Tan(0.3) / Civic.WheelbaseM)) / Civic.WheelbaseM, model.YawRate, 1e-9);
    }

    [Fact]
    public void ConstantAccelCommandReachesItsSpeed()
    {
        var car = new Longitudinal(Civic);
        car.Reset(10);
        for (int i = 0; i < 500; i++) car.Step(0.01, 1.0, 0, 0);
        // 5 s at 1 m/s² less the lag's deficit (τ·a = 0.25 m/s): 14.75 m/s.
        Assert.Equal(10 + 5 - Longitudinal.ActuatorLagS, car.Speed, 0.02);
        Assert.Equal(1.0, car.Acceleration, 0.01);
    }

    [Fact]
    public void CoastingDeceleratesByDragAndRolling()
    {
        var car = new Longitudinal(Civic);
        car.Reset(30);
        car.Step(0.01, null, 0, 0);
        double expected = -(0.5 * Longitudinal.AirDensityKgM3 * Civic.DragAreaM2 * 900 + Civic.RollingCoefficient * Civic.MassKg * Longitudinal.Gravity) / Civic.MassKg;
        Assert.Equal(expected, car.Acceleration, 1e-6);
        Assert.InRange(car.Acceleration, -0.5, -0.3);
        Assert.Equal(0, car.EngineForce);
        Assert.Equal(0, car.BrakeForce);
    }

    [Fact]
    public void EngineAndBrakeForcesAreLimitedAndTheCarNeverReverses()
    {
        var car = new Longitudinal(Civic);
        car.Reset(30);
        for (int i = 0; i < 300; i++) car.Step(0.01, 5.0, 0, 0);
        Assert.Equal(Civic.MaxEnginePowerW / car.Speed, car.EngineForce, Civic.MaxEnginePowerW / car.Speed * 1e-3);   // power-limited at speed
        car.Reset(2);
        for (int i = 0; i < 300; i++) car.Step(0.01, -20, 0, 0);
        Assert.Equal(0, car.Speed);
        car.Step(0.01, -20, 0, 0);
        Assert.Equal(0, car.Speed);
        Assert.Equal(0, car.Acceleration);
        car.Step(0.01, null, 0, 1);
        Assert.Equal(0, car.Speed);
    }

    [Fact]
    public void SteeringRateLimitHoldsAndTheWheelSettlesWithItsLag()
    {
        var eps = new SteeringActuator(Civic);
        double maxRate = 0;
        for (int i = 0; i < 300; i++)
        {
            eps.Step(0.01, 1.0, 0, 5);
            maxRate = Math.Max(maxRate, Math.Abs(eps.Rate));
        }
        Assert.Equal(SteeringActuator.MaxRateRadPerS, maxRate, 1e-9);   // a full command at low speed saturates the rate
        Assert.Equal(eps.BalanceAngle(1.0, 0, 5), eps.Angle, 1e-6);

        eps.Reset();
        double target = eps.BalanceAngle(0.2, 0, 30);
        for (int i = 0; i < 10; i++) eps.Step(0.01, 0.2, 0, 30);        // one time constant
        Assert.Equal(target * (1 - Math.Exp(-1)), eps.Angle, Math.Abs(target) * 1e-9);
    }

    [Fact]
    public void DriverTorqueAddsToTheMotorAndFullTorqueHoldsItsLateralAcceleration()
    {
        var eps = new SteeringActuator(Civic);
        Assert.Equal(eps.BalanceAngle(0.5, 0, 25), eps.BalanceAngle(0, SteeringActuator.DriverTorqueForFull / 2, 25), 1e-12);
        Assert.Equal(2 * eps.BalanceAngle(0.5, 0, 25), eps.BalanceAngle(0.5, SteeringActuator.DriverTorqueForFull / 2, 25), 1e-12);
        var model = new BicycleModel(Civic);
        double delta = eps.BalanceAngle(1, 0, 25) / Civic.SteerRatio;
        Assert.Equal(SteeringActuator.FullTorqueLatAccel, 25 * model.SteadyStateYawRate(25, delta), 1e-9);
    }

    [Fact]
    public void EgoFollowsAConstantRadiusRoadWhenSteeredForIt()
    {
        var car = new EgoVehicle(Civic);
        car.Reset(0, 0, 20);
        double curvature = 1.0 / 500;
        double torque = curvature * 400 / SteeringActuator.FullTorqueLatAccel;  // u²κ / full lateral acceleration
        var inputs = new VehicleInputs(torque, 0, 0, 0, 0);
        for (int i = 0; i < 1000; i++) car.Step(0.01, inputs, curvature);
        double pathHeading = car.HeadingError + Math.Atan2(car.LateralVelocity, car.Speed);   // body heading + side slip
        for (int i = 0; i < 1000; i++) car.Step(0.01, inputs, curvature);
        Assert.Equal(20 * 20, car.S, 1.0);
        // The path's curvature is the road's, so it stays next to the lane centre: what the steering lag cost
        // during the transient remains as a small heading and offset instead of growing.
        Assert.InRange(Math.Abs(pathHeading), 0, 0.01);
        Assert.InRange(Math.Abs(car.HeadingError + Math.Atan2(car.LateralVelocity, car.Speed)), 0, 0.01);
        Assert.Equal(curvature * 20, car.YawRate, 1e-5);
    }

    [Fact]
    public void FrenetPoseOfAStraightPathAlongACurvedRoadIsExact()
    {
        var car = new EgoVehicle(Civic);
        car.Reset(0, 0, 20);
        const double radius = 500;
        for (int i = 0; i < 200; i++) car.Step(0.01, new VehicleInputs(0, 0, 0, 0, 0), 1 / radius);
        double x = car.Speed * 2;   // straight ahead, tangent to the left-turning reference circle
        Assert.Equal(radius - Math.Sqrt(radius * radius + x * x), car.Offset, 1e-3);
        Assert.Equal(-Math.Atan(x / radius), car.HeadingError, 1e-5);
        Assert.Equal(radius * Math.Atan(x / radius), car.S, 1e-3);
    }
}
