namespace Pilot.Sim.Vehicle;

/// <summary>
/// Physical constants of the simulated car. Per-axle cornering stiffness, as openpilot's vehicle model uses it.
/// </summary>
public sealed record VehicleParams
{
    public required double MassKg { get; init; }
    /// <summary>Yaw moment of inertia about the centre of mass, kg·m².</summary>
    public required double YawInertiaKgM2 { get; init; }
    public required double WheelbaseM { get; init; }
    /// <summary>Centre of mass to the front axle, m.</summary>
    public required double CenterToFrontM { get; init; }
    /// <summary>Steering-wheel angle per road-wheel angle.</summary>
    public required double SteerRatio { get; init; }
    /// <summary>Front axle cornering stiffness, N/rad.</summary>
    public required double FrontStiffnessNPerRad { get; init; }
    /// <summary>Rear axle cornering stiffness, N/rad.</summary>
    public required double RearStiffnessNPerRad { get; init; }
    /// <summary>Aerodynamic drag coefficient × frontal area, m².</summary>
    public double DragAreaM2 { get; init; } = 0.30 * 2.2;   // Cd 0.30 (compact sedan) × 2.2 m² frontal area
    /// <summary>Rolling resistance coefficient (force per normal load).</summary>
    public double RollingCoefficient { get; init; } = 0.012; // passenger tyres on asphalt
    /// <summary>Largest tractive force at low speed, N.</summary>
    public double MaxEngineForceN { get; init; } = 5000;     // ≈ 3.4 m/s² for the Civic: first-gear traction
    /// <summary>Engine power at the wheels, W: tractive force above the traction-limited range is power / speed.</summary>
    public double MaxEnginePowerW { get; init; } = 110_000;  // 2016 Civic 2.0 L, 158 hp at the crank, less driveline loss
    /// <summary>Largest braking force, N.</summary>
    public double MaxBrakeForceN { get; init; } = 13_000;    // ≈ 0.9 g: tyre friction limit on dry asphalt
    /// <summary>Overall length, m (for gaps between bumpers).</summary>
    public double LengthM { get; init; } = 4.63;
    public double WidthM { get; init; } = 1.80;

    public double CenterToRearM => WheelbaseM - CenterToFrontM;

    /// <summary>
    /// Understeer gradient K (s²/m²): steady-state yaw rate = u·δ / (L·(1 + K·u²)), δ the road-wheel angle.
    /// Positive is understeer. It is the negative of openpilot's slip factor.
    /// </summary>
    public double UndersteerGradient =>
        MassKg * (RearStiffnessNPerRad * CenterToRearM - FrontStiffnessNPerRad * CenterToFrontM)
        / (WheelbaseM * WheelbaseM * FrontStiffnessNPerRad * RearStiffnessNPerRad);

    // openpilot's reference car (selfdrive/car/interfaces.py CivicParams): every other car's stiffness and inertia
    // are scaled from these.
    private const double CivicMassKg = 1326 + StandardCargoKg;
    private const double CivicWheelbaseM = 2.70;
    private const double CivicCenterToFrontM = CivicWheelbaseM * 0.4;
    private const double CivicYawInertiaKgM2 = 2500;
    private const double CivicFrontStiffness = 192150;
    private const double CivicRearStiffness = 202500;
    /// <summary>openpilot's STD_CARGO_KG: one passenger and luggage added to the curb weight.</summary>
    public const double StandardCargoKg = 136;

    /// <summary>Honda Civic 2016 (openpilot's numbers: curb mass + cargo, wheelbase, 40 % front, steer ratio 15.38).</summary>
    public static VehicleParams HondaCivic2016 { get; } = Scaled(CivicMassKg, CivicWheelbaseM, CivicCenterToFrontM, 15.38, tireStiffnessFactor: 1.0);

    /// <summary>
    /// A car with the given geometry whose tyre stiffness and inertia are scaled from the reference Civic as
    /// openpilot's scale_tire_stiffness and scale_rot_inertia do.
    /// </summary>
    public static VehicleParams Scaled(double massKg, double wheelbaseM, double centerToFrontM, double steerRatio, double tireStiffnessFactor)
    {
        double centerToRear = wheelbaseM - centerToFrontM;
        double civicRear = CivicWheelbaseM - CivicCenterToFrontM;
        return new VehicleParams
        {
            MassKg = massKg,
            WheelbaseM = wheelbaseM,
            CenterToFrontM = centerToFrontM,
            SteerRatio = steerRatio,
            YawInertiaKgM2 = CivicYawInertiaKgM2 * massKg * wheelbaseM * wheelbaseM / (CivicMassKg * CivicWheelbaseM * CivicWheelbaseM),
            FrontStiffnessNPerRad = CivicFrontStiffness * tireStiffnessFactor * massKg / CivicMassKg
                * (centerToRear / wheelbaseM) / (civicRear / CivicWheelbaseM),
            RearStiffnessNPerRad = CivicRearStiffness * tireStiffnessFactor * massKg / CivicMassKg
                * (centerToFrontM / wheelbaseM) / (CivicCenterToFrontM / CivicWheelbaseM),
        };
    }
}
