namespace Pilot.Car.Model;

/// <summary>Which steering-wheel button a <see cref="ButtonEventData"/> is about (log.capnp CarState.ButtonEvent.Type).</summary>
public enum ButtonType
{
    Unknown,
    AccelCruise,
    DecelCruise,
    Cancel,
    MainCruise,
    ResumeCruise,
    GapAdjust,
    LeftBlinker,
    RightBlinker,
}

/// <summary>A button press (true) or release (false) since the previous cycle.</summary>
public readonly record struct ButtonEventData(ButtonType Type, bool Pressed);

/// <summary>The selected gear (car.capnp CarState.GearShifter).</summary>
public enum Gear
{
    Unknown,
    Park,
    Drive,
    Neutral,
    Reverse,
    Sport,
    Low,
    Manumatic,
}

/// <summary>
/// The car's state as a port decodes it each cycle, in car.capnp's units and sign conventions (SI, positive left).
/// One instance per car interface, overwritten every cycle, so decoding allocates nothing after start-up.
/// </summary>
public sealed class CarStateData
{
    public double VEgo, AEgo, VEgoRaw, VEgoCluster;     // m/s, m/s², m/s, m/s
    public double YawRate;                               // rad/s, positive counter-clockwise
    public bool Standstill;
    public double WheelSpeedFl, WheelSpeedFr, WheelSpeedRl, WheelSpeedRr;   // m/s
    public double SteeringAngleDeg, SteeringRateDeg;     // deg, deg/s, positive left
    public double SteeringTorque, SteeringTorqueEps;     // the EPS's own units (DBC physical value), positive left
    public bool SteeringPressed, SteerFaultTemporary, SteerFaultPermanent;
    public double Gas;                                   // 0..1
    public bool GasPressed;
    public double Brake;                                 // 0..1
    public bool BrakePressed, BrakeHoldActive, ParkingBrake;
    public bool CruiseEnabled, CruiseAvailable, CruiseStandstill, CruiseNonAdaptive;
    public double CruiseSpeed, CruiseSpeedCluster;       // m/s, 0 when unset
    public Gear GearShifter;
    public bool LeftBlinker, RightBlinker, LeftBlindspot, RightBlindspot;
    public bool DoorOpen, SeatbeltUnlatched, EspDisabled, AccFaulted, StockAeb, StockFcw;
    public bool CanValid, CanTimeout;
    public uint CanErrorCounter;                         // frames rejected (checksum, length) since start
    public List<ButtonEventData> ButtonEvents { get; } = new(8);
}
