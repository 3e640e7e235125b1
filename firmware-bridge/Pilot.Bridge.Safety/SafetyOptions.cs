namespace Pilot.Bridge.Safety;

/// <summary>Device-wide safety settings, fixed when the model is created.</summary>
public sealed record SafetyOptions
{
    /// <summary>
    /// Whether <see cref="SafetyMode.AllOutput"/> may be selected at all. Off by default: a debug build or bench
    /// has to opt in, so no host message alone can turn the safety off.
    /// </summary>
    public bool AllowAllOutput { get; init; }

    /// <summary>µs without a host heartbeat before actuation stops and the mode falls back to no-output. The host beats at
    /// 10 Hz; openpilot waits 5 s with ignition on, Pilot is stricter: 10 missed beats.</summary>
    public long HeartbeatTimeoutUs { get; init; } = 1_000_000;

    /// <summary>Heartbeats in a row saying the host is not engaged, while control is allowed, before control is withdrawn
    /// (panda: 3). At 10 Hz that is 0.3 s of disagreement.</summary>
    public int MaxEngagedMismatches { get; init; } = 3;

    public VehicleLimits Vehicle { get; init; } = new();
}

/// <summary>What the safety model has refused or noticed since the mode was last set (reported in device health).</summary>
public struct SafetyCounters
{
    public uint TxAllowed;
    public uint TxBlocked;                // every refused frame, for any reason
    public uint TxBlockedWithoutControls; // refused because it actuated while control was not allowed
    public uint RxInvalid;                // checked RX message with a bad length, checksum or counter
    public uint RxTimeouts;               // a checked RX message went late
    public uint HeartbeatTimeouts;
    public uint ModeRefused;              // a mode change the options forbid
    public uint ControlsMismatches;       // control withdrawn because the host's heartbeat said it was not engaged
}
