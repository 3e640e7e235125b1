namespace Pilot.Car.Model;

/// <summary>The dashboard alert controls asks for (car.capnp CarControl.HudControl.VisualAlert).</summary>
public enum VisualAlert
{
    None,
    Fcw,
    SteerRequired,
    BrakePressed,
    WrongGear,
    SeatbeltUnbuckled,
    SpeedTooHigh,
    Ldw,
}

/// <summary>
/// What controls asks of the car for one cycle (the fields of car.capnp CarControl a port acts on). The default value
/// asks for nothing: not enabled, no actuation.
/// </summary>
public readonly record struct CarControlData
{
    public bool Enabled { get; init; }
    public bool LatActive { get; init; }
    public bool LongActive { get; init; }
    public double Accel { get; init; }          // m/s², −3.5..+2.0
    public double Torque { get; init; }         // normalized −1..1, positive left
    public bool CruiseCancel { get; init; }
    public bool CruiseResume { get; init; }
    public bool SpeedVisible { get; init; }
    public double SetSpeed { get; init; }       // m/s
    public bool LanesVisible { get; init; }
    public bool LeadVisible { get; init; }
    public int LeadDistanceBars { get; init; }  // 1..3
    public VisualAlert VisualAlert { get; init; }
}
