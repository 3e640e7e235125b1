using Pilot.Can.Checksums;

namespace Pilot.Bridge.Safety.Brands;

/// <summary>Toyota TSS-P (toyota_2017 DBCs; limits from panda safety_toyota.h and ARCHITECTURE.md).</summary>
public sealed class Toyota : BrandHooks
{
    public static readonly Toyota Hooks = new();
    private Toyota() { }

    public const uint SteeringLka = 0x2E4;     // STEERING_LKA: STEER_REQUEST, STEER_TORQUE_CMD
    public const uint AccControl = 0x343;      // ACC_CONTROL: ACCEL_CMD
    public const uint LkasHud = 0x412;         // LKAS_HUD: display only
    public const uint WheelSpeeds = 0xAA;      // WHEEL_SPEEDS: four wheels, the speed cross-check
    public const uint SpeedMessage = 0xB4;     // SPEED: vehicle speed, the primary source
    public const uint SteerTorqueSensor = 0x260;  // STEER_TORQUE_SENSOR: driver and EPS motor torque
    public const uint PcmCruise = 0x1D2;       // PCM_CRUISE: CRUISE_ACTIVE, GAS_RELEASED
    public const uint BrakeModule = 0x226;     // BRAKE_MODULE: BRAKE_PRESSED
    public const uint EpsStatus = 0x262;       // EPS_STATUS: LKA_STATE

    public static readonly Signal SteerRequest = new(0, 1, false);
    public static readonly Signal SteerTorqueCmd = new(15, 16, true);
    public static readonly Signal AccelCmd = new(7, 16, true);             // 0.001 m/s² per unit
    public static readonly Signal Speed = new(47, 16, false);              // 0.01 km/h per unit
    public static readonly Signal[] WheelSpeed = [new(6, 15, false), new(22, 15, false), new(38, 15, false), new(54, 15, false)];  // 0.01 km/h, offset -67.67
    public static readonly Signal TorqueDriver = new(15, 16, true);
    public static readonly Signal TorqueEps = new(47, 16, true);
    public static readonly Signal CruiseActive = new(5, 1, false);
    public static readonly Signal GasReleased = new(4, 1, false);
    public static readonly Signal BrakePressed = new(37, 1, false);
    public static readonly Signal LkaState = new(31, 7, false);
    private const double WheelSpeedOffsetKph = -67.67;                    // DBC offset of WHEEL_SPEED_xx

    private static readonly TxRule[] TxRules =
    [
        new(SteeringLka, 0, 5),
        new(AccControl, 0, 8),
        new(LkasHud, 0, 8),
    ];

    private static readonly RxCheck[] RxChecks =
    [
        new(WheelSpeeds, 0, 8, Checksum: false, Counter: default, PeriodUs: 12_000),
        new(SpeedMessage, 0, 8, Checksum: true, Counter: default, PeriodUs: 30_000),
        new(SteerTorqueSensor, 0, 8, Checksum: true, Counter: default, PeriodUs: 20_000),
        new(PcmCruise, 0, 8, Checksum: true, Counter: default, PeriodUs: 30_000),
        new(BrakeModule, 0, 8, Checksum: false, Counter: default, PeriodUs: 25_000),
        new(EpsStatus, 0, 8, Checksum: true, Counter: default, PeriodUs: 20_000),
    ];

    private static readonly TorqueLimits TorqueLimitsValue = new()
    {
        Max = 1500,                 // EPS units, ARCHITECTURE.md / panda TOYOTA_MAX_TORQUE
        MaxRateUp = 15,             // per 10 ms frame
        MaxRateDown = 25,           // per 10 ms frame: releasing is always faster than applying
        MaxRtDelta = 450,           // per 250 ms: 15/frame × 25 frames with 20% margin
        RtIntervalUs = 250_000,
        Kind = TorqueLimitKind.MotorLimited,
        MaxTorqueError = 350,       // EPS units the command may lead the motor (panda TOYOTA_MAX_TORQUE_ERROR)
    };

    private static readonly LongitudinalLimits LongitudinalValue = new()
    {
        MaxAccel = 2000,            // mm/s², +2.0 m/s²
        MinAccel = -3500,           // mm/s², −3.5 m/s²
    };

    public override IReadOnlyList<TxRule> Tx => TxRules;
    public override IReadOnlyList<RxCheck> Rx => RxChecks;
    public override TorqueLimits Torque => TorqueLimitsValue;
    public override LongitudinalLimits Longitudinal => LongitudinalValue;

    /// <summary>Toyota checksum (address bytes + length + every byte but the last, mod 256) in the last byte.</summary>
    public override bool ChecksumValid(uint address, ReadOnlySpan<byte> data) => CarChecksums.Toyota(address, data) == data[^1];

    public override void Decode(uint address, ReadOnlySpan<byte> data, ref VehicleState state)
    {
        switch (address)
        {
            case WheelSpeeds:
                double sum = 0;
                foreach (var wheel in WheelSpeed) sum += wheel.Read(data) * 0.01 + WheelSpeedOffsetKph;
                state.SpeedCheck = sum / WheelSpeed.Length * KphToMs;
                break;
            case SpeedMessage:
                state.Speed = Speed.Read(data) * 0.01 * KphToMs;
                break;
            case SteerTorqueSensor:
                state.DriverTorque.Push(TorqueDriver.Read(data));
                state.MeasuredTorque.Push(TorqueEps.Read(data));
                break;
            case PcmCruise:
                state.CruiseEngaged = CruiseActive.Read(data) != 0;
                state.GasPressed = GasReleased.Read(data) == 0;
                break;
            case BrakeModule:
                state.BrakePressed = BrakePressed.Read(data) != 0;
                break;
            default:  // EpsStatus, the only other checked address
                int lka = LkaState.Read(data);
                state.SteeringFault = lka is 9 or 17 or 25;  // temporary_fault2, permanent_fault, temporary_fault
                break;
        }
    }

    public override TxCommand ReadTx(uint address, ReadOnlySpan<byte> data) => address switch
    {
        SteeringLka => new TxCommand { Fields = TxFields.Steer, Torque = SteerTorqueCmd.Read(data), SteerRequest = SteerRequest.Read(data) != 0 },
        AccControl => new TxCommand { Fields = TxFields.Accel, Accel = AccelCmd.Read(data) },
        _ => default,
    };
}
