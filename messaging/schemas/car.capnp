@0xb004a7270942eb7c;
# Vehicle-facing messages: CAN traffic, the car's state, what controls asks of the car, and the car's fixed parameters.
#
# Evolution rules (every Pilot schema file; logs recorded years ago must still decode):
# - Never renumber or reuse an ordinal (@N), never change a field's type, never move a field into or out of a union.
# - Retire a field by renaming it `<name>Deprecated` in place; its ordinal and slot stay taken forever.
# - New fields get the next free ordinal at the end of their struct; new enumerants go at the end of their enum.
# - Defaults are part of the wire format: never change one (a reader would invent values old writers never sent).
# - Units are SI (m, s, m/s, m/s², rad, N, kg, W, V, A) unless the field name says otherwise (...Deg, ...Kph, ...Percent,
#   ...C for Celsius, ...Ns/...Ms for time units, ...Rpm). Times are monotonic nanoseconds unless the name says wall.
# - The file ids (@0x...) are fixed: they name the file in every compiled schema and must never change.

struct CanFrame {
  address @0 :UInt32;       # arbitration id: 11 bits for a standard frame, 29 bits when `extended`
  data @1 :Data;            # payload bytes: 0..8 for classic CAN, up to 64 for CAN FD
  bus @2 :UInt8;            # bus index on the interface device (0 = powertrain on most harnesses); +128 marks a frame echoed back after transmission
  extended @3 :Bool;        # 29-bit identifier (CAN 2.0B)
  fd @4 :Bool;              # CAN FD frame (payload length from the FD DLC table)
  bitRateSwitch @5 :Bool;   # CAN FD data phase sent at the higher bit rate
  busTimeNs @6 :UInt64;     # device timestamp of the frame's end of frame, ns since the device booted (0 when unknown)
}

struct CarState {
  vEgo @0 :Float32;                 # filtered vehicle speed, m/s
  aEgo @1 :Float32;                 # filtered longitudinal acceleration, m/s²
  vEgoRaw @2 :Float32;              # unfiltered speed from the wheel speeds, m/s
  vEgoCluster @3 :Float32;          # speed as the instrument cluster shows it, m/s
  yawRate @4 :Float32;              # yaw rate from the car's sensor, rad/s, positive counter-clockwise
  standstill @5 :Bool;              # the car reports it is stopped
  wheelSpeeds @6 :WheelSpeeds;      # per-wheel speeds
  steeringAngleDeg @7 :Float32;     # steering wheel angle, degrees, positive left
  steeringRateDeg @8 :Float32;      # steering wheel rate, degrees/s
  steeringTorque @9 :Float32;       # driver torque on the wheel in the car's own units (signal scale of the DBC)
  steeringTorqueEps @10 :Float32;   # torque the power-steering motor applies, car's own units
  steeringPressed @11 :Bool;        # the driver is steering (torque over the brand's threshold)
  steerFaultTemporary @12 :Bool;    # power steering refuses commands for now (recovers on its own)
  steerFaultPermanent @13 :Bool;    # power steering fault that needs a restart
  gas @14 :Float32;                 # accelerator pedal position, 0..1
  gasPressed @15 :Bool;             # the driver presses the accelerator
  brake @16 :Float32;               # brake pedal position, 0..1
  brakePressed @17 :Bool;           # the driver presses the brake
  brakeHoldActive @18 :Bool;        # the car's automatic brake hold is on
  parkingBrake @19 :Bool;           # parking brake engaged
  cruiseState @20 :CruiseState;     # the car's own cruise control
  gearShifter @21 :GearShifter;     # selected gear
  leftBlinker @22 :Bool;            # left turn signal on
  rightBlinker @23 :Bool;           # right turn signal on
  leftBlindspot @24 :Bool;          # the car's blind-spot monitor sees a vehicle on the left
  rightBlindspot @25 :Bool;         # the car's blind-spot monitor sees a vehicle on the right
  doorOpen @26 :Bool;               # any door open
  seatbeltUnlatched @27 :Bool;      # driver seat belt unlatched
  espDisabled @28 :Bool;            # stability control switched off
  accFaulted @29 :Bool;             # the car's adaptive cruise reports a fault
  stockAeb @30 :Bool;               # the car's own emergency braking is active
  stockFcw @31 :Bool;               # the car's own forward collision warning is active
  canValid @32 :Bool;               # every CAN message the parser checks arrived with good checksum and counter
  canTimeout @33 :Bool;             # a checked CAN message stopped arriving
  canErrorCounter @34 :UInt32;      # CAN parse errors since start
  buttonEvents @35 :List(ButtonEvent);  # steering-wheel button presses and releases since the last carState

  struct WheelSpeeds {
    fl @0 :Float32;   # front left wheel speed, m/s
    fr @1 :Float32;   # front right wheel speed, m/s
    rl @2 :Float32;   # rear left wheel speed, m/s
    rr @3 :Float32;   # rear right wheel speed, m/s
  }

  struct CruiseState {
    enabled @0 :Bool;           # the car's cruise control is engaged
    available @1 :Bool;         # the main switch is on (cruise can engage)
    speed @2 :Float32;          # set speed, m/s (0 when unset)
    speedCluster @3 :Float32;   # set speed as the cluster shows it, m/s
    standstill @4 :Bool;        # cruise is holding the car stopped and needs a resume
    nonAdaptive @5 :Bool;       # plain (non-adaptive) cruise mode is selected
  }

  enum GearShifter {
    unknown @0;   # not reported or not decodable
    park @1;      # P
    drive @2;     # D
    neutral @3;   # N
    reverse @4;   # R
    sport @5;     # S
    low @6;       # L / B
    manumatic @7; # manual gate of an automatic
  }

  struct ButtonEvent {
    pressed @0 :Bool;   # true on press, false on release
    type @1 :Type;      # which button

    enum Type {
      unknown @0;       # not mapped
      accelCruise @1;   # set+ / resume-up
      decelCruise @2;   # set- / coast
      cancel @3;        # cancel
      mainCruise @4;    # main switch
      resumeCruise @5;  # resume
      gapAdjust @6;     # following-distance button
      leftBlinker @7;   # left stalk
      rightBlinker @8;  # right stalk
    }
  }
}

struct CarControl {
  enabled @0 :Bool;                 # the system is engaged (the driver asked for it and no disabling event holds)
  latActive @1 :Bool;               # lateral control may actuate now
  longActive @2 :Bool;              # longitudinal control may actuate now
  actuators @3 :Actuators;          # commands for this frame
  cruiseControl @4 :CruiseControl;  # requests to the car's own cruise control
  hudControl @5 :HudControl;        # what the car's dashboard should show
  leftBlinker @6 :Bool;             # request the left turn signal
  rightBlinker @7 :Bool;            # request the right turn signal
  currentCurvature @8 :Float32;     # curvature the car drives now (from the vehicle model), 1/m
  frameSofMonoTime @9 :UInt64;      # start of frame of the camera frame behind the newest modelV2 used, ns monotonic (0: none yet)

  struct Actuators {
    accel @0 :Float32;              # desired longitudinal acceleration, m/s², limited to -3.5..+2.0
    torque @1 :Float32;             # normalized steering torque, -1..1 (1 = the brand's max), positive left
    steeringAngleDeg @2 :Float32;   # desired steering wheel angle for angle-controlled cars, degrees
    curvature @3 :Float32;          # desired path curvature, 1/m, positive left
    speed @4 :Float32;              # desired speed for cars that take a speed command, m/s
    longControlState @5 :LongControlState;  # state of the longitudinal controller that produced `accel`
  }

  enum LongControlState {
    off @0;       # no longitudinal control
    pid @1;       # following the plan
    stopping @2;  # bringing the car to a stop
    starting @3;  # pulling away from a stop
  }

  struct CruiseControl {
    cancel @0 :Bool;    # press cancel on the car's cruise control (disengage)
    resume @1 :Bool;    # press resume (leave standstill)
    override @2 :Bool;  # the driver overrides with the accelerator
  }

  struct HudControl {
    speedVisible @0 :Bool;          # show the set speed
    setSpeed @1 :Float32;           # set speed to show, m/s
    lanesVisible @2 :Bool;          # show lane lines as detected
    leadVisible @3 :Bool;           # show a lead vehicle
    leadDistanceBars @4 :UInt8;     # following distance setting, 1..3 bars
    visualAlert @5 :VisualAlert;    # dashboard alert to show
    audibleAlert @6 :AudibleAlert;  # sound to play through the car
    rightLaneVisible @7 :Bool;      # the right lane line is detected
    leftLaneVisible @8 :Bool;       # the left lane line is detected

    enum VisualAlert {
      none @0;            # nothing
      fcw @1;             # forward collision warning
      steerRequired @2;   # take the wheel
      brakePressed @3;    # disengaged by the brake
      wrongGear @4;       # gear does not allow engagement
      seatbeltUnbuckled @5;  # seat belt
      speedTooHigh @6;    # over the maximum speed
      ldw @7;             # lane departure warning
    }

    enum AudibleAlert {
      none @0;            # silence
      engage @1;          # engaged chime
      disengage @2;       # disengaged chime
      refuse @3;          # engagement refused
      prompt @4;          # attention prompt
      promptRepeat @5;    # repeating prompt
      promptDistracted @6;  # distracted-driver prompt
      warningSoft @7;     # soft warning
      warningImmediate @8;  # take control immediately
    }
  }
}

# What card sent to the car for one carControl (openpilot's carOutput): the end of the camera-to-CAN chain, so that
# frame-to-actuation latency can be read off the bus and off every recorded drive.
struct CarOutput {
  controlMonoTime @0 :UInt64;       # logMonoTime of the carControl encoded, ns (0: none fresh and engaged, all-off command sent)
  frameSofMonoTime @1 :UInt64;      # that carControl's frameSofMonoTime: start of the camera frame behind it, ns monotonic (0: none)
  sendcanMonoTime @2 :UInt64;       # taken just after the sendcan carrying it was published, ns monotonic
}

struct CarParams {
  brand @0 :Text;                     # brand key of the port ("toyota", "honda", ...)
  carFingerprint @1 :Text;            # platform name the fingerprint matched
  carVin @2 :Text;                    # vehicle identification number ("" when not read)
  fingerprintSource @3 :FingerprintSource;  # how the platform was recognized
  mass @4 :Float32;                   # curb mass plus a standard passenger, kg
  wheelbase @5 :Float32;              # distance between the axles, m
  centerToFront @6 :Float32;          # center of mass to front axle, m
  steerRatio @7 :Float32;             # steering wheel angle over road wheel angle, unitless
  tireStiffnessFront @8 :Float32;     # front cornering stiffness, N/rad
  tireStiffnessRear @9 :Float32;      # rear cornering stiffness, N/rad
  steerControlType @10 :SteerControlType;  # how the car takes steering commands
  steerActuatorDelay @11 :Float32;    # delay from command to steering response, s
  steerLimitTimer @12 :Float32;       # time steering may saturate before alerting, s
  minEnableSpeed @13 :Float32;        # lowest speed at which the system may engage, m/s (-1 = any)
  minSteerSpeed @14 :Float32;         # lowest speed at which the car accepts steering, m/s
  pilotLongitudinalControl @15 :Bool; # Pilot commands acceleration (false: the car's own cruise keeps control)
  radarUnavailable @16 :Bool;         # the car's radar is not usable; leads come from the model only
  safetyConfigs @17 :List(SafetyConfig);  # safety model per CAN interface device, in device order
  vEgoStopping @18 :Float32;          # below this speed the controller treats the car as stopping, m/s
  vEgoStarting @19 :Float32;          # above this speed the car counts as moving off, m/s
  stopAccel @20 :Float32;             # acceleration held while stopped, m/s² (negative)
  stoppingDecelRate @21 :Float32;     # how fast the stopping acceleration ramps, m/s³
  longitudinalActuatorDelay @22 :Float32;  # delay from accel command to response, s
  lateralTuning @23 :TorqueTuning;    # torque controller gains
  longitudinalTuning @24 :LongitudinalTuning;  # longitudinal controller gains

  enum FingerprintSource {
    can @0;     # CAN message ids seen on the bus
    fw @1;      # firmware versions queried over diagnostics
    fixed @2;   # set by the user or the simulator
  }

  enum SteerControlType {
    torque @0;  # a torque request, limited by rate and driver torque
    angle @1;   # a steering angle request
  }

  enum SafetyModel {
    silent @0;        # the device sends nothing and stays passive (default; refuses everything)
    noOutput @1;      # listen only
    allOutput @2;     # anything may be sent (bench only, never on the road)
    toyota @3;        # Toyota/Lexus rules
    honda @4;         # Honda rules (Nidec and Bosch via safetyParam)
    hyundai @5;       # Hyundai/Kia/Genesis rules
    volkswagen @6;    # Volkswagen MQB rules
    elm327 @7;        # diagnostics only
  }

  struct SafetyConfig {
    safetyModel @0 :SafetyModel;   # rules the device enforces
    safetyParam @1 :UInt16;        # brand-specific flags for those rules
  }

  struct TorqueTuning {
    latAccelFactor @0 :Float32;    # lateral acceleration per unit normalized torque, m/s²
    latAccelOffset @1 :Float32;    # lateral acceleration at zero torque, m/s²
    friction @2 :Float32;          # friction compensation, normalized torque
    kp @3 :Float32;                # proportional gain, unitless
    ki @4 :Float32;                # integral gain, 1/s
  }

  struct LongitudinalTuning {
    kpBreakpoints @0 :List(Float32);   # speeds at which `kpValues` apply, m/s
    kpValues @1 :List(Float32);        # proportional gains, unitless
    kiBreakpoints @2 :List(Float32);   # speeds at which `kiValues` apply, m/s
    kiValues @3 :List(Float32);        # integral gains, 1/s
  }
}

struct RadarData {
  errors @0 :List(Error);         # radar faults active now
  points @1 :List(RadarPoint);    # tracks the radar reports this cycle

  struct RadarPoint {
    trackId @0 :UInt32;   # the radar's id for this track (stable while the track lives)
    dRel @1 :Float32;     # distance ahead of the radar, m
    yRel @2 :Float32;     # lateral offset, m, positive left
    vRel @3 :Float32;     # speed relative to ego along x, m/s
    aRel @4 :Float32;     # acceleration relative to ego along x, m/s² (NaN when the radar does not report it)
    yvRel @5 :Float32;    # lateral speed relative to ego, m/s (NaN when not reported)
    measured @6 :Bool;    # measured this cycle (false: the radar coasts the track)
  }

  enum Error {
    canError @0;    # radar CAN messages missing or invalid
    fault @1;       # the radar reports a fault
    wrongConfig @2; # the radar is configured differently than expected
  }
}
