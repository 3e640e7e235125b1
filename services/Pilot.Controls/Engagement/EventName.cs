namespace Pilot.Controls.Engagement;

/// <summary>
/// Every event controlsd can raise; <see cref="EventTable"/> gives each its types and alerts. The alertType string uses
/// the name with a lower-case first letter (openpilot's spelling: "buttonEnable/enable").
/// </summary>
public enum EventName
{
    // The driver
    ButtonEnable,          // SET or RESUME pressed with the cruise main switch on (Pilot longitudinal cars)
    ButtonCancel,          // cruise cancel pressed
    PcmEnable,             // the car's own cruise engaged (cars whose cruise keeps longitudinal control)
    PcmDisable,            // the car's own cruise disengaged
    CruiseMainOff,         // cruise main switch off
    PedalPressed,          // brake pressed (newly, or while moving)
    PreEnableStandstill,   // brake held at standstill: engage once it is released
    GasPressedOverride,    // accelerator pressed while engaged
    SteerOverride,         // driver steering while engaged
    // The car
    WrongGear,             // not in a forward driving gear
    ReverseGear,           // reverse selected
    DoorOpen,
    SeatbeltNotLatched,
    EspDisabled,           // stability control switched off
    ParkBrake,             // parking brake engaged
    SpeedTooLow,           // below the car's minEnableSpeed
    BelowSteerSpeed,       // below the car's minSteerSpeed: no steering
    CanError,              // CAN messages invalid or timed out
    SteerTempUnavailable,  // power steering refuses commands for now
    SteerUnavailable,      // power steering fault that needs a restart
    AccFaulted,            // the car's cruise reports a fault
    SteerSaturated,        // the turn needs more torque than the car allows
    // The system
    NoCarParams,           // carParams not received yet
    CarParamsInvalid,      // carParams lack a value the controllers need
    CommIssue,             // an input is not alive, off its rate or invalid (the alert names it)
    ModeldLagging,         // the model drops frames
    RadarFault,            // radard reports radar errors
    ControlsMismatch,      // engaged, but the CAN device's safety model does not allow controls
    ProcessNotRunning,     // a managed process that should run does not (the alert names it)
    Fcw,                   // forward collision warning
    Overheat,              // device too hot
}
