using Pilot.Can.Checksums;

namespace Pilot.Bridge.Safety.Brands;

/// <summary>
/// Honda, Bosch and Nidec radars (honda generator DBCs; panda safety_honda.h). Powertrain messages carry a 4-bit
/// checksum and a 2-bit counter in the last byte. Bosch cars with a harness see the powertrain on bus 1.
/// <para>
/// Sign convention: every steering quantity here is the EPS's raw CAN value, positive to the right. STEER_TORQUE
/// (factor +1) is that raw value: openpilot negates its left-positive request into it ("CAN reference, positive when
/// steering right"). STEER_TORQUE_SENSOR is positive to the right too; its DBC factor −1 only turns the physical value
/// left-positive for openpilot's carState. So the raw sensor value goes into the driver-torque history unchanged:
/// a driver turning against the command shrinks its limit, one turning with it never does. (panda's safety_honda.h
/// leaves torque to the EPS; the limit here is panda's driver_limit_check, which needs both in one convention.)
/// </para>
/// </summary>
public sealed class Honda : BrandHooks
{
    public static readonly Honda Bosch = new(bosch: true);
    public static readonly Honda Nidec = new(bosch: false);

    public const uint SteeringControl = 0xE4;   // STEERING_CONTROL: STEER_TORQUE, STEER_TORQUE_REQUEST
    public const uint AccControl = 0x1DF;       // ACC_CONTROL (Bosch): GAS_COMMAND, ACCEL_COMMAND
    public const uint BrakeCommand = 0x1FA;     // BRAKE_COMMAND (Nidec): COMPUTER_BRAKE
    public const uint ScmButtons = 0x296;       // SCM_BUTTONS: CRUISE_BUTTONS (cancel spam)
    public const uint AccHud = 0x30C;           // ACC_HUD (Nidec): display only
    public const uint LkasHud = 0x33D;          // LKAS_HUD: display only
    public const uint RadarHud = 0x39F;         // RADAR_HUD (Nidec): display only
    public const uint EngineData = 0x158;       // ENGINE_DATA: XMISSION_SPEED, the primary speed
    public const uint PowertrainData = 0x17C;   // POWERTRAIN_DATA: PEDAL_GAS, ACC_STATUS, BRAKE_PRESSED
    public const uint SteerStatus = 0x18F;      // STEER_STATUS: driver torque, EPS status
    public const uint CarSpeed = 0x309;         // CAR_SPEED: the speed cross-check

    public static readonly Signal SteerTorque = new(7, 16, true);         // EPS units, positive right
    public static readonly Signal SteerTorqueRequest = new(23, 1, false);
    public static readonly Signal GasCommand = new(7, 16, true);
    public static readonly Signal AccelCommand = new(31, 11, true);      // 0.01 m/s² per unit
    public static readonly Signal ComputerBrake = new(7, 10, false);
    public static readonly Signal CruiseButtons = new(7, 3, false);
    public static readonly Signal XmissionSpeed = new(7, 16, false);     // 0.01 km/h
    public static readonly Signal CarSpeedValue = new(7, 16, false);     // 0.01 km/h
    public static readonly Signal PedalGas = new(7, 8, false);
    public static readonly Signal AccStatus = new(38, 1, false);
    public static readonly Signal BrakePressed = new(53, 1, false);
    public static readonly Signal SteerTorqueSensor = new(7, 16, true);  // raw, positive right like SteerTorque (DBC factor −1 is for the physical value)
    public static readonly Signal SteerStatusValue = new(39, 4, false);

    /// <summary>The 2-bit counter in bits 5..4 of the last byte of a message of <paramref name="length"/> bytes.</summary>
    public static Signal Counter(int length) => new((length - 1) * 8 + 5, 2, false);

    private readonly bool _bosch;
    private readonly TxRule[] _tx;
    private readonly RxCheck[] _rx;
    private readonly LongitudinalLimits _longitudinal;

    private Honda(bool bosch)
    {
        _bosch = bosch;
        int pt = PowertrainBus;
        _tx = bosch
            ? [new(SteeringControl, 0, 5), new(AccControl, pt, 8), new(ScmButtons, pt, 4), new(LkasHud, 0, 5)]
            : [new(SteeringControl, 0, 5), new(BrakeCommand, 0, 8), new(AccHud, 0, 8), new(LkasHud, 0, 5), new(RadarHud, 0, 8)];
        _rx =
        [
            new(EngineData, pt, 8, Checksum: true, Counter(8), PeriodUs: 10_000),
            new(PowertrainData, pt, 8, Checksum: true, Counter(8), PeriodUs: 10_000),
            new(SteerStatus, pt, 7, Checksum: true, Counter(7), PeriodUs: 10_000),
            new(CarSpeed, pt, 8, Checksum: true, Counter(8), PeriodUs: 100_000),
        ];
        _longitudinal = bosch
            ? new LongitudinalLimits
            {
                MaxAccel = 200,        // cm/s², +2.0 m/s²
                MinAccel = -350,       // cm/s², −3.5 m/s²
                MaxGas = 2000,         // raw GAS_COMMAND (panda HONDA_BOSCH_LONG_LIMITS)
                InactiveGas = -30000,  // raw GAS_COMMAND meaning "no gas": the ECU's idle value
            }
            : new LongitudinalLimits
            {
                MaxAccel = 0, MinAccel = 0,  // Nidec has no accel command; its PCM controls speed
                MaxBrake = 255,              // raw COMPUTER_BRAKE: panda's ceiling, well below the 10-bit range
            };
    }

    /// <summary>Bus of the powertrain CAN as seen from the device (1 behind a Bosch harness, else 0).</summary>
    public int PowertrainBus => _bosch ? 1 : 0;

    private static readonly TorqueLimits TorqueLimitsValue = new()
    {
        Max = 3840,                 // STEER_TORQUE range of the Bosch steering DBCs
        MaxRateUp = 40,             // per 10 ms frame: full torque in ~1 s
        MaxRateDown = 80,           // per 10 ms frame
        MaxRtDelta = 1200,          // per 250 ms: 40/frame × 25 frames with 20% margin
        RtIntervalUs = 250_000,
        Kind = TorqueLimitKind.DriverLimited,
        DriverAllowance = 1200,     // STEER_TORQUE_SENSOR units tolerated before the limit shrinks (openpilot steer threshold)
        DriverFactor = 1,           // limit shrinks 1:1 with driver torque opposing the command
    };

    public override IReadOnlyList<TxRule> Tx => _tx;
    public override IReadOnlyList<RxCheck> Rx => _rx;
    public override TorqueLimits Torque => TorqueLimitsValue;
    public override LongitudinalLimits Longitudinal => _longitudinal;

    /// <summary>Honda checksum ((8 − nibble sum of address and data) mod 16) in the low nibble of the last byte.</summary>
    public override bool ChecksumValid(uint address, ReadOnlySpan<byte> data) => CarChecksums.Honda(address, data) == (data[^1] & 0xFu);

    public override void Decode(uint address, ReadOnlySpan<byte> data, ref VehicleState state)
    {
        switch (address)
        {
            case EngineData:
                state.Speed = XmissionSpeed.Read(data) * 0.01 * KphToMs;
                break;
            case PowertrainData:
                state.GasPressed = PedalGas.Read(data) != 0;
                state.CruiseEngaged = AccStatus.Read(data) != 0;
                state.BrakePressed = BrakePressed.Read(data) != 0;
                break;
            case SteerStatus:
                state.DriverTorque.Push(SteerTorqueSensor.Read(data));  // raw: STEER_TORQUE's sign, see the class summary
                state.SteeringFault = SteerStatusValue.Read(data) is 5 or 6 or 7;  // fault_1, tmp_fault, permanent_fault
                break;
            default:  // CarSpeed, the only other checked address
                state.SpeedCheck = CarSpeedValue.Read(data) * 0.01 * KphToMs;
                break;
        }
    }

    public override TxCommand ReadTx(uint address, ReadOnlySpan<byte> data) => address switch
    {
        SteeringControl => new TxCommand { Fields = TxFields.Steer, Torque = SteerTorque.Read(data), SteerRequest = SteerTorqueRequest.Read(data) != 0 },
        AccControl => new TxCommand { Fields = TxFields.Accel | TxFields.Gas, Accel = AccelCommand.Read(data), Gas = GasCommand.Read(data) },
        BrakeCommand => new TxCommand { Fields = TxFields.Brake, Brake = ComputerBrake.Read(data) },
        ScmButtons => new TxCommand { Fields = TxFields.Buttons, Button = CruiseButtons.Read(data) },
        _ => default,
    };
}
