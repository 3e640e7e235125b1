using Pilot.Controls.Engagement;
using Pilot.Controls.Lateral;
using Pilot.Controls.Longitudinal;
using State = Pilot.Messaging.Events.SelfdriveState.State;

namespace Pilot.Controls.Daemon;

/// <summary>Everything one control step decided, as the three output messages report it.</summary>
public readonly record struct ControlsFrame(
    State State,
    bool Enabled,
    bool Active,
    bool Engageable,
    bool LatActive,
    bool LongActive,
    ShownAlert Alert,
    double CurrentCurvature,    // 1/m
    double DesiredCurvature,    // 1/m, after the lateral limits
    double SteeringAngleDeg,    // wheel angle the car reports, degrees
    double DesiredSteeringAngleDeg,   // wheel angle that settles on the desired curvature, degrees
    LateralOutput Lateral,
    LongOutput Longitudinal,
    double ATarget,             // m/s²
    double VCruise,             // m/s
    bool CruiseCancel,
    bool CruiseResume,
    bool GasOverride,
    bool LeadVisible,
    double CumLagMs,
    ulong FrameSofMonoTime);   // start of the camera frame behind the newest modelV2, ns monotonic (0: none yet)
