using Pilot.Messaging.Events;

namespace Pilot.Controls.Car;

/// <summary>Torque controller tuning (CarParams.lateralTuning).</summary>
/// <param name="LatAccelFactor">lateral acceleration per unit normalized torque, m/s²</param>
/// <param name="LatAccelOffset">lateral acceleration at zero torque, m/s²</param>
/// <param name="Friction">friction compensation, normalized torque</param>
/// <param name="Kp">proportional gain on the torque-scaled lateral acceleration error, unitless</param>
/// <param name="Ki">integral gain, 1/s</param>
public sealed record TorqueTuning(double LatAccelFactor, double LatAccelOffset, double Friction, double Kp, double Ki);

/// <summary>Longitudinal PID gains scheduled on speed (CarParams.longitudinalTuning); speeds in m/s.</summary>
public sealed record LongitudinalTuning(double[] KpSpeeds, double[] KpValues, double[] KiSpeeds, double[] KiValues)
{
    /// <summary>openpilot's CarParams defaults (kp 1, ki 1 at every speed), used when the port sets no table.</summary>
    public static readonly LongitudinalTuning Default = new([0.0], [1.0], [0.0], [1.0]);
}

/// <summary>
/// The fixed parameters of the recognized car that controlsd needs, read once from <c>carParams</c>. Geometry and the
/// torque scale have no safe default: <see cref="Problem"/> names the first missing one and controlsd refuses to engage.
/// Stopping/starting values left at the schema default (0) take openpilot's defaults, which suit every port.
/// </summary>
public sealed record CarParameters(
    double MassKg,
    double WheelbaseM,
    double CenterToFrontM,
    double SteerRatio,
    double TireStiffnessFront,          // N/rad
    double TireStiffnessRear,           // N/rad
    double SteerActuatorDelayS,
    double SteerLimitTimerS,
    double MinEnableSpeed,              // m/s; ≤ 0: any speed
    double MinSteerSpeed,               // m/s
    bool PilotLongitudinalControl,
    double VEgoStopping,                // m/s
    double VEgoStarting,                // m/s
    double StopAccel,                   // m/s², negative
    double StoppingDecelRate,           // m/s³
    TorqueTuning Lateral,
    LongitudinalTuning Longitudinal)
{
    private const double DefaultVEgoStopping = 0.5, DefaultVEgoStarting = 0.5;   // m/s (openpilot CarParams defaults)
    private const double DefaultStopAccel = -2.0;                                // m/s²: holds a car on a slope
    private const double DefaultStoppingDecelRate = 0.8;                         // m/s³: gentle ramp into the stop
    private const double DefaultSteerLimitTimer = 1.0;                           // s before a saturated turn alerts

    /// <summary>Why these parameters cannot drive the controllers, or null when they can.</summary>
    public string? Problem =>
        !(MassKg > 0) ? "mass" :
        !(WheelbaseM > 0) ? "wheelbase" :
        !(CenterToFrontM > 0 && CenterToFrontM < WheelbaseM) ? "centerToFront" :
        !(SteerRatio > 0) ? "steerRatio" :
        !(TireStiffnessFront > 0) ? "tireStiffnessFront" :
        !(TireStiffnessRear > 0) ? "tireStiffnessRear" :
        !(SteerActuatorDelayS >= 0 && SteerActuatorDelayS < 1) ? "steerActuatorDelay" :
        !(Lateral.LatAccelFactor > 0) ? "lateralTuning.latAccelFactor" :
        !(StopAccel < 0) ? "stopAccel" :
        null;

    public static CarParameters FromMessage(CarParams.Reader cp)
    {
        var lat = cp.LateralTuning;
        var lon = cp.LongitudinalTuning;
        var longitudinal = cp.HasLongitudinalTuning && lon.KpValues.Count > 0 && lon.KiValues.Count > 0
            ? new LongitudinalTuning(Floats(lon.KpBreakpoints), Floats(lon.KpValues), Floats(lon.KiBreakpoints), Floats(lon.KiValues))
            : LongitudinalTuning.Default;
        if (longitudinal.KpSpeeds.Length != longitudinal.KpValues.Length || longitudinal.KiSpeeds.Length != longitudinal.KiValues.Length)
            longitudinal = LongitudinalTuning.Default;   // a malformed table must not take the daemon down
        return new CarParameters(
            cp.Mass, cp.Wheelbase, cp.CenterToFront, cp.SteerRatio, cp.TireStiffnessFront, cp.TireStiffnessRear,
            cp.SteerActuatorDelay, OrDefault(cp.SteerLimitTimer, DefaultSteerLimitTimer), cp.MinEnableSpeed, cp.MinSteerSpeed,
            cp.PilotLongitudinalControl,
            OrDefault(cp.VEgoStopping, DefaultVEgoStopping), OrDefault(cp.VEgoStarting, DefaultVEgoStarting),
            OrDefault(cp.StopAccel, DefaultStopAccel), OrDefault(cp.StoppingDecelRate, DefaultStoppingDecelRate),
            new TorqueTuning(lat.LatAccelFactor, lat.LatAccelOffset, lat.Friction, lat.Kp, lat.Ki),
            longitudinal);
    }

    private static double OrDefault(float value, double fallback) => value == 0 ? fallback : value;

    private static double[] Floats(Pilot.Capnp.Schema.Views.PrimitiveList<float> list)
    {
        var result = new double[list.Count];
        for (int i = 0; i < result.Length; i++) result[i] = list[i];
        return result;
    }
}
