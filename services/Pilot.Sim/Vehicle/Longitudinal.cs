namespace Pilot.Sim.Vehicle;

/// <summary>
/// Longitudinal dynamics: the powertrain delivers a commanded net acceleration (after an actuator lag) by choosing
/// engine or brake force against the road load (drag + rolling resistance), within the engine's force/power limit
/// and the brakes' force limit. The driver's pedals add engine or brake force on top. The car never reverses.
/// </summary>
public sealed class Longitudinal(VehicleParams p)
{
    /// <summary>Time constant of the powertrain and brakes reaching a commanded acceleration, s.</summary>
    public const double ActuatorLagS = 0.25;
    public const double AirDensityKgM3 = 1.225;   // sea level, 15 °C
    public const double Gravity = 9.81;           // m/s²

    /// <summary>Speed, m/s (never negative).</summary>
    public double Speed { get; private set; }
    /// <summary>Acceleration over the last step, m/s².</summary>
    public double Acceleration { get; private set; }
    /// <summary>The acceleration the actuators are delivering after their lag, m/s².</summary>
    public double ActuatedAccel { get; private set; }
    /// <summary>Engine force of the last step, N.</summary>
    public double EngineForce { get; private set; }
    /// <summary>Brake force of the last step, N.</summary>
    public double BrakeForce { get; private set; }

    public void Reset(double speed)
    {
        Speed = Math.Max(0, speed);
        Acceleration = ActuatedAccel = EngineForce = BrakeForce = 0;
    }

    /// <summary>Drag and rolling resistance at speed <paramref name="v"/>, N (zero at standstill: nothing pushes a stopped car).</summary>
    public double RoadLoad(double v) => v <= 0 ? 0
        : 0.5 * AirDensityKgM3 * p.DragAreaM2 * v * v + p.RollingCoefficient * p.MassKg * Gravity;

    /// <summary>Tractive force available at <paramref name="v"/> m/s, N: traction-limited, then power-limited.</summary>
    public double MaxEngineForce(double v) => Math.Min(p.MaxEngineForceN, p.MaxEnginePowerW / Math.Max(v, 1));

    /// <param name="dt">Step, s.</param>
    /// <param name="accelCommand">Commanded net acceleration, m/s², or null when nothing is commanded (coasting).</param>
    /// <param name="gasPedal">Driver's accelerator, 0..1 of the engine's force.</param>
    /// <param name="brakePedal">Driver's brake, 0..1 of the brakes' force.</param>
    public void Step(double dt, double? accelCommand, double gasPedal, double brakePedal)
    {
        double load = RoadLoad(Speed);
        double engineMax = MaxEngineForce(Speed);
        // Without a command the car coasts; the actuators then rest at the coasting deceleration, so a command that
        // arrives later starts from what the car is doing rather than from a jump.
        ActuatedAccel = accelCommand is { } a ? ActuatedAccel + (a - ActuatedAccel) * (1 - Math.Exp(-dt / ActuatorLagS)) : -load / p.MassKg;
        double engine = 0, brake = 0;
        if (accelCommand is not null)
        {
            double needed = p.MassKg * ActuatedAccel + load;   // N at the wheels for the commanded net acceleration
            if (needed >= 0) engine = Math.Min(needed, engineMax);
            else brake = Math.Min(-needed, p.MaxBrakeForceN);
        }
        engine = Math.Max(engine, Math.Clamp(gasPedal, 0, 1) * engineMax);
        brake = Math.Min(p.MaxBrakeForceN, brake + Math.Clamp(brakePedal, 0, 1) * p.MaxBrakeForceN);
        double driving = engine - load;                        // N, before the brakes
        double v = Speed;
        double next;
        if (v <= 0 && driving <= brake)
            next = 0;                                          // held: brakes and resistance cannot push backwards
        else
        {
            next = v + dt * (driving - brake) / p.MassKg;
            next = Math.Max(0, next);                          // brakes stop the car; they never reverse it
        }
        Acceleration = dt > 0 ? (next - v) / dt : 0;
        Speed = next;
        EngineForce = engine;
        BrakeForce = brake;
    }
}
