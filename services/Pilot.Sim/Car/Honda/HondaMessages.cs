namespace Pilot.Sim.Car.Honda;

/// <summary>
/// What each Civic ECU sends, at the rates openpilot's Honda carstate checks them at (and the car sends them):
/// message, rate, and how its signals come from the car state. Signals a Civic sends that nothing reads stay 0.
/// </summary>
internal static class HondaMessages
{
    private const double Kph = 3.6;                // km/h per m/s
    private const double Mph = 1 / 0.44704;        // mph per m/s
    private const double IdleRpm = 800;
    private const double RpmPerMps = 60;           // CVT holding ~2600 rpm at 30 m/s
    private const int GearDrive = 4;               // GEARBOX_CVT GEAR_SHIFTER "D"
    private const double NoSetSpeedKph = 255;      // CRUISE_SPEED_PCM while nothing is set

    public static FrameSchedule Powertrain(FrameSchedule s, int bus) => s
        .Add("ENGINE_DATA", 100, bus, (m, c) => m
            .Set("XMISSION_SPEED", c.SpeedMps * Kph)
            .Set("XMISSION_SPEED2", c.SpeedMps * Kph)
            .Set("ENGINE_RPM", Rpm(c))
            .Set("ODOMETER", Math.Floor(c.OdometerM / 10) % 256 * 10))   // 8-bit rolling count of 10 m steps
        .Add("WHEEL_SPEEDS", 50, bus, (m, c) => m
            .Set("WHEEL_SPEED_FL", c.SpeedMps * Kph).Set("WHEEL_SPEED_FR", c.SpeedMps * Kph)
            .Set("WHEEL_SPEED_RL", c.SpeedMps * Kph).Set("WHEEL_SPEED_RR", c.SpeedMps * Kph))
        .Add("STEERING_SENSORS", 100, bus, (m, c) => m
            .Set("STEER_ANGLE", c.SteeringAngleDeg)             // the DBC's factor −0.1 makes the physical value left-positive
            .Set("STEER_ANGLE_RATE", c.SteeringRateDeg)
            .Set("STEER_WHEEL_ANGLE", c.SteeringAngleDeg))
        .Add("STEER_STATUS", 100, bus, (m, c) => m
            .Set("STEER_TORQUE_SENSOR", c.DriverTorqueNm * HondaCivicCan.SensorUnitsPerNm)
            .Set("STEER_ANGLE_RATE", c.SteeringRateDeg)
            .Set("STEER_STATUS", c.SpeedMps < HondaCivicCan.SteerLockoutMps ? 3 : 0)   // 3 = low_speed_lockout, 0 = normal
            .Set("STEER_CONTROL_ACTIVE", c.SteerActive))
        .Add("STEER_MOTOR_TORQUE", 100, bus, (m, c) => m
            .Set("MOTOR_TORQUE", Math.Abs(c.EpsTorque) * 256)   // magnitude, 0..256 for full authority
            .Set("CONFIG_VALID", true))
        .Add("POWERTRAIN_DATA", 100, bus, (m, c) => m
            .Set("PEDAL_GAS", c.GasPedal * 255)
            .Set("ENGINE_RPM", Rpm(c))
            .Set("GAS_PRESSED", c.GasPressed)
            .Set("ACC_STATUS", c.CruiseEngaged)
            .Set("BRAKE_SWITCH", c.BrakePressed)
            .Set("BRAKE_PRESSED", c.BrakePressed))
        .Add("VSA_STATUS", 50, bus, (m, c) => m
            .Set("USER_BRAKE", c.BrakePedal)
            .Set("COMPUTER_BRAKING", c.ComputerBraking))
        .Add("GEARBOX_CVT", 100, bus, (m, _) => m
            .Set("GEAR_SHIFTER", GearDrive).Set("SELECTED_D", true)
            .Set("FORWARD_DRIVING_MODE", true).Set("SHIFTER_POSITION_VALID", true))
        .Add("SCM_FEEDBACK", 10, bus, (m, c) => m.Set("MAIN_ON", c.MainOn))
        .Add("SCM_BUTTONS", 25, bus, (m, c) => m.Set("CRUISE_BUTTONS", (int)c.Button))
        .Add("SEATBELT_STATUS", 10, bus, (m, _) => m.Set("SEATBELT_DRIVER_LATCHED", true))
        .Add("DOORS_STATUS", 3, bus, (_, _) => { })          // every door closed
        .Add("STANDSTILL", 50, bus, (m, c) => m
            .Set("WHEELS_MOVING", !c.Standstill)
            .Set("CONTROLLED_STANDSTILL", c.Standstill && c.CruiseEngaged))
        .Add("EPB_STATUS", 50, bus, (_, _) => { })           // parking brake released
        .Add("CRUISE", 10, bus, (m, c) => m
            .Set("HUD_SPEED_KPH", Math.Round(c.SpeedMps * Kph))
            .Set("HUD_SPEED_MPH", Math.Round(c.SpeedMps * Mph))
            .Set("CRUISE_SPEED_PCM", c.SetSpeedMps > 0 ? Math.Round(c.SetSpeedMps * Kph) : NoSetSpeedKph))
        .Add("CRUISE_PARAMS", 50, bus, (_, _) => { })
        .Add("CAR_SPEED", 10, bus, (m, c) => m
            .Set("CAR_SPEED", c.SpeedMps * Kph)
            .Set("ROUGH_CAR_SPEED", Math.Round(c.SpeedMps * Mph))
            .Set("ROUGH_CAR_SPEED_2", Math.Round(c.SpeedMps * Kph))   // the cluster's speed, in km/h (IMPERIAL_UNIT 0)
            .Set("ROUGH_CAR_SPEED_3", c.SpeedMps * Kph));

    /// <summary>The Nidec radar: its health word and sixteen track slots (LAT_DIST positive right, NEW_TRACK on an object's first report).</summary>
    public static FrameSchedule Radar(FrameSchedule s, int bus, RadarSlots slots)
    {
        s.Add("RADAR_DIAGNOSTIC", 20, bus, (m, _) => m.Set("RADAR_STATE", HondaCivicCan.RadarStateOk));
        for (int i = 0; i < slots.Count; i++)
        {
            int slot = i;
            s.Add($"TRACK_{i}", 20, bus, (m, _) =>
            {
                if (slots.Report(slot) is var (t, isNew))
                    m.Set("LONG_DIST", Math.Min(t.DRel, HondaCivicCan.NoTrackDistance)).Set("LAT_DIST", -t.YRel)
                        .Set("REL_SPEED", t.VRel).Set("NEW_TRACK", isNew);
                else m.Set("LONG_DIST", HondaCivicCan.NoTrackDistance);
            });
        }
        return s;
    }

    private static double Rpm(CarSnapshot c) => IdleRpm + RpmPerMps * c.SpeedMps;
}
