namespace Pilot.Sim.Driver;

/// <summary>Steering-wheel cruise buttons, numbered as Honda's SCM_BUTTONS CRUISE_BUTTONS (the sim car uses the same values).</summary>
public enum CruiseButton : byte
{
    None = 0,
    Main = 1,
    Cancel = 2,
    DecelSet = 3,
    ResumeAccel = 4,
}
