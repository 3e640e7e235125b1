namespace Pilot.Bridge.Safety;

/// <summary>Which actuation fields a transmitted frame carries; a frame may carry several (Honda ACC_CONTROL: gas and accel).</summary>
[Flags]
public enum TxFields
{
    None = 0,
    Steer = 1,
    Accel = 2,
    Gas = 4,
    Brake = 8,
    Buttons = 16,
}

/// <summary>The actuation content of one frame the host asks to send, in raw signal units.</summary>
public struct TxCommand
{
    public TxFields Fields;
    public int Torque;          // EPS units
    public bool SteerRequest;   // the EPS's "apply torque" bit
    public int Accel;           // raw accel units (see LongitudinalLimits)
    public int Gas;             // raw gas units
    public int Brake;           // raw brake units
    public int Button;          // cruise button code

    public readonly bool Has(TxFields field) => (Fields & field) != 0;
}
