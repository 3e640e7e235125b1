namespace Pilot.Bridge.Safety;

/// <summary>
/// What the device may put on the buses. Numbers follow panda's safety mode ids so logs read the same.
/// A device boots <see cref="Silent"/>; only the host's explicit set-safety-mode control message changes it.
/// </summary>
public enum SafetyMode : ushort
{
    /// <summary>Boot default: nothing is transmitted (a real device also stays off the bus: no ACKs).</summary>
    Silent = 0,
    /// <summary>Honda with Nidec radar: steering, gas and brake commands on the powertrain bus.</summary>
    HondaNidec = 1,
    /// <summary>Toyota TSS-P: motor-torque-limited steering and acceleration commands.</summary>
    Toyota = 2,
    /// <summary>Debug only: every frame passes. Refused unless <see cref="SafetyOptions.AllowAllOutput"/> was set.</summary>
    AllOutput = 17,
    /// <summary>Listens, never transmits; the fallback after a heartbeat loss.</summary>
    NoOutput = 19,
    /// <summary>Honda with Bosch radar: steering and ACC_CONTROL acceleration.</summary>
    HondaBosch = 20,
}
