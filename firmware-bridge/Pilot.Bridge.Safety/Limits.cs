namespace Pilot.Bridge.Safety;

/// <summary>How a brand bounds steering torque beyond the fixed maximum (panda's driver_limit_check / dist_to_meas_check).</summary>
public enum TorqueLimitKind
{
    /// <summary>The command may exceed the maximum by what the driver applies, scaled (EPS reports driver torque).</summary>
    DriverLimited,
    /// <summary>The command may lead the torque the motor actually produces by at most <see cref="TorqueLimits.MaxTorqueError"/>.</summary>
    MotorLimited,
}

/// <summary>Steering torque limits in the EPS's own command units (the DBC's raw STEER_TORQUE value).</summary>
public sealed record TorqueLimits
{
    public required int Max { get; init; }              // |command| ceiling, EPS units
    public required int MaxRateUp { get; init; }        // EPS units per frame while the magnitude grows
    public required int MaxRateDown { get; init; }      // EPS units per frame while the magnitude shrinks
    public required int MaxRtDelta { get; init; }       // EPS units the command may move within one real-time window
    public required long RtIntervalUs { get; init; }    // µs, the real-time window
    public required TorqueLimitKind Kind { get; init; }
    // DriverLimited: driver torque in the command's sign convention (VehicleState.DriverTorque); torque against the
    // command shrinks that side's limit, torque with it widens the limit (still capped by Max).
    public int DriverAllowance { get; init; }           // EPS units of driver torque tolerated before the limit shrinks (DriverLimited)
    public int DriverFactor { get; init; }              // limit shrink per EPS unit of driver torque beyond the allowance (DriverLimited)
    public int MaxTorqueError { get; init; }            // EPS units the command may lead the measured motor torque (MotorLimited)
}

/// <summary>Longitudinal limits in the raw units of each brand's command signal.</summary>
public sealed record LongitudinalLimits
{
    public required int MaxAccel { get; init; }         // raw accel units (Toyota mm/s², Honda cm/s²)
    public required int MinAccel { get; init; }         // raw accel units, negative = braking
    public int InactiveAccel { get; init; }             // raw value meaning "no request", allowed without controls
    public int MaxGas { get; init; }                    // raw gas units; 0 when the brand sends no gas command
    public int InactiveGas { get; init; }               // raw value meaning "no gas request"
    public int MaxBrake { get; init; }                  // raw brake units; 0 when the brand sends no brake command
}

/// <summary>Vehicle-state thresholds shared by every brand.</summary>
public sealed record VehicleLimits
{
    public double StandstillSpeed { get; init; } = 0.3;      // m/s: above it the car is moving, so a held brake disengages
    public double MaxSpeedMismatch { get; init; } = 2.0;     // m/s between the two speed sources before we distrust both
    public int MaxWrongCounters { get; init; } = 5;          // bad counters before an RX message is invalid (panda MAX_WRONG_COUNTERS)
    public int TimeoutPeriods { get; init; } = 10;           // an RX message is late after this many expected periods...
    public long MinTimeoutUs { get; init; } = 1_000_000;     // ...but never sooner than this, µs (ARCHITECTURE: max(10 periods, 1 s))
}
