using Pilot.Car.Common;

namespace Pilot.Car.Ports.Honda;

/// <summary>
/// How a Nidec Honda is made to accelerate and brake (openpilot honda carcontroller.py): there is no acceleration
/// command, so a desired acceleration becomes a brake request (BRAKE_COMMAND, with hysteresis, rate limit and brake
/// pump timing) and a PCM speed/gas target (ACC_HUD) that the engine's own cruise controller follows.
/// </summary>
public sealed class NidecLongitudinal
{
    public const int BrakeMax = 1024 / 4;             // COMPUTER_BRAKE scale: 1.0 brake = 256 (openpilot NIDEC_BRAKE_MAX)
    public const int GasMax = 198;                    // PCM_GAS for full gas (openpilot NIDEC_GAS_MAX, 0xC6)
    private const double AccelToBrakeScale = 4.8;     // m/s² per unit of brake/gas (openpilot compute_gb_honda_nidec)
    private const double CreepSpeed = 2.3;            // m/s: below it the idle creep is held back with brake
    private const double CreepBrake = 0.15;           // brake at standstill that cancels the creep
    private const double BrakeHystOn = 0.02, BrakeHystOff = 0.005, BrakeHystGap = 0.01;  // brake units: no blinking brake lights
    private const double BrakeRiseRate = 1.0;         // brake units per second (openpilot rate_limit(..., -2., DT_CTRL))
    private const double BrakeFallPerFrame = 2.0;     // effectively unlimited release
    private const double PumpMinOnS = 0.2;            // s the brake pump runs once started
    private const double PumpRefreshS = 20.0;         // s of steady braking before the pump refreshes the pressure
    private const double PcmAccelScale = 1.44;        // openpilot keeps this divisor for its tuned gas response

    private static readonly double[] WindBrakeBp = [0.0, 2.3, 35.0], WindBrakeV = [0.001, 0.002, 0.15];   // m/s → brake units
    private static readonly double[] MaxAccelBp = [0.0, 4.0, 10.0, 20.0], MaxAccelV = [0.5, 2.4, 1.4, 0.6];  // m/s → m/s²

    private readonly double _dt;    // s per Apply call
    private bool _braking;
    private double _brakeSteady, _brakeLast, _lastPumpS;
    private int _applyBrakeLast;

    public NidecLongitudinal(double cycleSeconds) => _dt = cycleSeconds;

    /// <summary>Gas and brake (0..1 each) for a desired acceleration at speed <paramref name="vEgo"/>.</summary>
    public static (double Gas, double Brake) GasBrake(double accel, double vEgo)
    {
        double creep = vEgo < CreepSpeed ? (CreepSpeed - vEgo) / CreepSpeed * CreepBrake : 0;
        double gb = accel / AccelToBrakeScale - creep;
        return (Math.Clamp(gb, 0, 1), Math.Clamp(-gb, 0, 1));
    }

    /// <summary>Runs one cycle: updates the brake state from <paramref name="brake"/> (0..1).</summary>
    public void Step(double brake)
    {
        if ((brake < BrakeHystOn && !_braking) || brake < BrakeHystOff) brake = 0;
        _braking = brake > 0;
        if (brake == 0) _brakeSteady = 0;
        else if (brake > _brakeSteady + BrakeHystGap) _brakeSteady = brake - BrakeHystGap;
        else if (brake < _brakeSteady - BrakeHystGap) _brakeSteady = brake + BrakeHystGap;
        _brakeLast = Math.Clamp(_brakeSteady, _brakeLast - BrakeFallPerFrame, _brakeLast + BrakeRiseRate * _dt);
    }

    /// <summary>The COMPUTER_BRAKE value (0..255) and whether the brake pump must run, at time <paramref name="nowS"/>.</summary>
    public (int Brake, bool Pump) BrakeCommand(double vEgo, double nowS)
    {
        double windBrake = Interp.At(vEgo, WindBrakeBp, WindBrakeV);   // air drag already decelerates at speed
        double b = Math.Clamp(_brakeLast - windBrake, 0, 1);
        int apply = (int)Math.Clamp(b * BrakeMax, 0, BrakeMax - 1);
        // The pump restarts on every increase, and after long steady braking so the pressure does not bleed.
        if (apply > _applyBrakeLast || (nowS - _lastPumpS > PumpRefreshS && apply > 0)) _lastPumpS = nowS;
        bool pump = nowS - _lastPumpS < PumpMinOnS && apply > 0;
        _applyBrakeLast = apply;
        return (apply, pump);
    }

    /// <summary>The PCM's speed target (m/s) and gas limit (0..<see cref="GasMax"/>) for ACC_HUD.</summary>
    public static (double Speed, int Gas) PcmTarget(bool longActive, double accel, double gas, double brake, double vEgo)
    {
        if (!longActive) return (0, 0);
        double windBrake = Interp.At(vEgo, WindBrakeBp, WindBrakeV);
        // The PCM drives towards a speed: below the current one while braking, above it when gas is wanted.
        ReadOnlySpan<double> bp = [-windBrake, -windBrake * 3 / 4, 0.0, 0.5];
        ReadOnlySpan<double> v = [0.0, Math.Clamp(vEgo - 2, 0, 100), Math.Clamp(vEgo + 2, 0, 100), Math.Clamp(vEgo + 5, 0, 100)];
        double speed = Interp.At(gas - brake, bp, v);
        double maxAccel = Interp.At(vEgo, MaxAccelBp, MaxAccelV);
        int pcmGas = (int)(Math.Clamp(accel / PcmAccelScale / maxAccel, 0, 1) * GasMax);
        return (speed, pcmGas);
    }
}
