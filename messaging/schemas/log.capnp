@0x81245de3828de552;
# The Event envelope every Pilot process publishes and every drive log stores, and the per-service payloads.
# The evolution rules at the top of car.capnp apply to this file too (never renumber; deprecate in place; append only).
# One union member per service; the member's name is the service name of messaging/Pilot.Messaging/Services.cs.

using Car = import "car.capnp";

struct Event {
  logMonoTime @0 :UInt64;   # when the publisher sent it, ns on the monotonic clock (CLOCK_MONOTONIC)
  valid @1 :Bool = true;    # the publisher's inputs were all alive, in frequency band and valid when it produced this

  union {
    initData @2 :InitData;                  # first event of every log segment
    sentinel @3 :Sentinel;                  # marks the start and end of a segment or route
    can @4 :List(Car.CanFrame);             # frames received from the CAN interface device (bridge, 100 Hz)
    sendcan @5 :List(Car.CanFrame);         # frames to transmit, from card to the bridge (100 Hz)
    carState @6 :Car.CarState;              # the car's state decoded from CAN (card, 100 Hz)
    carControl @7 :Car.CarControl;          # what controlsd asks of the car (100 Hz)
    carParams @8 :Car.CarParams;            # fixed parameters of the recognized car (card, on start and every 50 s)
    bridgeState @9 :BridgeState;            # health of the CAN interface device (bridge, 10 Hz)
    modelV2 @10 :ModelV2;                   # driving model outputs (modeld, 20 Hz)
    radarState @11 :RadarState;             # fused lead vehicles (radard, 20 Hz)
    longitudinalPlan @12 :LongitudinalPlan; # planned speed and acceleration (plannerd, 20 Hz)
    controlsState @13 :ControlsState;       # controller internals (controlsd, 100 Hz)
    selfdriveState @14 :SelfdriveState;     # engagement state machine and alerts (controlsd, 100 Hz)
    roadCameraState @15 :FrameData;         # metadata of each road camera frame (camerad, 20 Hz)
    deviceState @16 :DeviceState;           # temperatures, load, storage (hardwared, 2 Hz)
    managerState @17 :ManagerState;         # which processes run (manager, 2 Hz)
    liveCalibration @18 :LiveCalibration;   # camera mounting angles (4 Hz)
    accelerometer @19 :Accelerometer;       # IMU acceleration (sensord, 100 Hz)
    gyroscope @20 :Gyroscope;               # IMU angular rate (sensord, 100 Hz)
    gnssLocation @21 :GnssLocation;         # GNSS fix (sensord, 10 Hz)
    logMessage @22 :LogMessage;             # a process's log line
    roadEncodeIdx @23 :EncodeIndex;         # where each road camera frame sits in the segment's video file (loggerd, 20 Hz)
    reserved0 @24 :Data;                    # reserved for out-of-tree extensions; never used by Pilot itself
    reserved1 @25 :Data;                    # reserved for out-of-tree extensions; never used by Pilot itself
    liveTracks @26 :Car.RadarData;          # radar tracks decoded from CAN (card, 20 Hz, cars with a usable radar)
    simulatorState @27 :SimulatorState;     # ground truth of the simulated world (simulator, 100 Hz)
    carOutput @28 :Car.CarOutput;           # what card sent to the car for each carControl (card, 100 Hz)
  }
}

struct InitData {
  wallTimeNanos @0 :UInt64;       # wall clock (Unix epoch, ns) when the log segment started
  monoTimeNanos @1 :UInt64;       # monotonic clock at the same instant, ns (pairs wall and mono time)
  version @2 :Text;               # Pilot version
  gitCommit @3 :Text;             # source commit the processes were built from
  gitBranch @4 :Text;             # source branch
  kernelVersion @5 :Text;         # operating system kernel release
  deviceType @6 :DeviceType;      # what kind of device recorded
  dongleId @7 :Text;              # device identity ("" when unregistered)
  routeName @8 :Text;             # the route this segment belongs to
  segmentNumber @9 :UInt32;       # index of this segment in the route, from 0
  params @10 :List(Param);        # settings in force when recording started

  enum DeviceType {
    unknown @0;    # not detected
    pc @1;         # a development computer
    sbc @2;        # a single-board computer in the car
    phone @3;      # a phone in the car
    replay @4;     # produced by replaying a log
    simulator @5;  # produced by the simulator
  }

  struct Param {
    key @0 :Text;     # setting name
    value @1 :Data;   # setting value, raw bytes as stored
  }
}

struct Sentinel {
  type @0 :Type;       # which boundary this marks
  signal @1 :Int32;    # the signal that stopped the writer (0 for a normal end)

  enum Type {
    endOfSegment @0;    # last event of a segment that is followed by another
    endOfRoute @1;      # last event of the route
    startOfSegment @2;  # first event after initData of a non-first segment
    startOfRoute @3;    # first event after initData of the first segment
  }
}

struct BridgeState {
  bridgeType @0 :BridgeType;          # kind of CAN interface device
  ignitionLine @1 :Bool;              # ignition detected on the harness line
  ignitionCan @2 :Bool;               # ignition detected from CAN traffic
  controlsAllowed @3 :Bool;           # the device's safety model currently allows actuation
  safetyModel @4 :Car.CarParams.SafetyModel;  # rules the device enforces now
  safetyParam @5 :UInt16;             # brand flags for those rules
  heartbeatLost @6 :Bool;             # the host heartbeat (10 Hz) stopped; the device sends nothing
  faults @7 :List(Fault);             # faults active now
  safetyRxInvalid @8 :UInt32;         # received frames the safety model rejected (checksum/counter/timeout), since boot
  safetyTxBlocked @9 :UInt32;         # transmit requests the safety model refused, since boot
  buses @10 :List(BusCounters);       # per-bus counters, index = bus
  uptime @11 :UInt32;                 # device uptime, s
  voltage @12 :Float32;               # supply voltage, V
  current @13 :Float32;               # supply current, A
  harnessStatus @14 :HarnessStatus;   # orientation of the car harness
  rxValid @15 :Bool;                  # every message the safety model checks is heard, on time and intact
  safetyTxBlockedWithoutControls @16 :UInt32;  # of safetyTxBlocked: actuation asked while controls were not allowed, since the mode was set
  safetyRxTimeouts @17 :UInt32;       # checked messages that went late, since the mode was set
  heartbeatTimeouts @18 :UInt32;      # heartbeat losses (fell back to no-output), since boot
  hostPacketErrors @19 :UInt32;       # malformed packets the device received from the host, since boot
  hostOverflows @20 :UInt32;          # device writes to the host cut short because it did not read (frames lost), since boot
  benchFaults @21 :UInt8;             # bench device only: bit n set while injected fault n is active (1 drop, 2 delay, 3 corrupt, 4 bus-off)
  connected @22 :Bool;                # the bridge has a working link to the device now
  reconnects @23 :UInt32;             # successful connections after the first, since the bridge started
  connectFailures @24 :UInt32;        # failed connection attempts, since the bridge started
  requestedSafetyModel @25 :Car.CarParams.SafetyModel;  # what the bridge asked for (from carParams; noOutput before them)
  requestedSafetyParam @26 :UInt16;   # brand flags asked for with it
  canFrames @27 :UInt64;              # frames published on can, since the bridge started
  sendcanTxFrames @28 :UInt64;        # sendcan frames written to the device, since the bridge started
  sendcanStale @29 :UInt32;           # sendcan messages dropped for being older than 1 s (or arriving while disconnected)
  sendcanInvalid @30 :UInt32;         # sendcan messages dropped for naming a bus the device lacks
  txRejected @31 :UInt64;             # echoes the device flagged rejected (its safety model refused the frame)
  linkErrors @32 :UInt32;             # malformed packets received from the device, since the bridge started
  lastError @33 :Text;                # why the link last failed ("" when it never did)
  deviceRxFrames @34 :UInt32;         # frames the device forwarded from its buses to the host, since boot
  deviceTxFrames @35 :UInt32;         # host frames the device put on its buses, since boot

  enum BridgeType {
    unknown @0;     # not identified
    bench @1;       # the bench device simulator
    serial @2;      # a serial-line adapter (slcan-like)
    socketcan @3;   # a Linux SocketCAN interface
    pilotDevice @4; # the Pilot interface device (its packet protocol over USB-CDC or a serial line)
  }

  enum Fault {
    relayMalfunction @0;     # the harness relay did not switch
    canRxOverflow @1;        # the receive queue overflowed
    canTxOverflow @2;        # the transmit queue overflowed
    heartbeatTimeout @3;     # heartbeat lost (also in heartbeatLost)
    interruptRateHigh @4;    # too many interrupts per second
    busOff @5;               # a CAN controller went bus-off
  }

  enum HarnessStatus {
    notConnected @0;  # no harness
    normal @1;        # harness plugged the normal way
    flipped @2;       # harness plugged reversed
  }

  struct BusCounters {
    rxCount @0 :UInt32;        # frames received, since boot
    txCount @1 :UInt32;        # frames transmitted, since boot
    rxErrorCount @2 :UInt32;   # receive error counter of the controller (CAN REC)
    txErrorCount @3 :UInt32;   # transmit error counter of the controller (CAN TEC)
    busOff @4 :Bool;           # the controller is bus-off now
  }
}

struct XyztData {
  x @0 :List(Float32);      # forward, m (device frame: x forward, y left, z up), one per grid point
  y @1 :List(Float32);      # left, m
  z @2 :List(Float32);      # up, m
  t @3 :List(Float32);      # time of each point from the frame, s
  xStd @4 :List(Float32);   # standard deviation of x, m
  yStd @5 :List(Float32);   # standard deviation of y, m
  zStd @6 :List(Float32);   # standard deviation of z, m
}

struct ModelV2 {
  frameId @0 :UInt32;                     # id of the newest camera frame the model saw
  frameIdExtra @1 :UInt32;                # id of the older frame of the pair
  frameAge @2 :UInt32;                    # frames between the camera's newest and the one used
  frameDropPerc @3 :Float32;              # share of frames dropped recently, percent
  timestampEof @4 :UInt64;                # end-of-frame time of the frame used, ns monotonic
  modelExecutionTime @5 :Float32;         # inference time, s
  position @6 :XyztData;                  # planned path on the time grid (33 points, 10·(i/32)² s)
  velocity @7 :XyztData;                  # planned velocity, m/s in x/y/z, on the time grid
  acceleration @8 :XyztData;              # planned acceleration, m/s², on the time grid
  orientation @9 :XyztData;               # planned roll/pitch/yaw in x/y/z, rad, on the time grid
  laneLines @10 :List(XyztData);          # four lane lines (far left, left, right, far right) on the distance grid 192·(i/32)² m
  laneLineProbs @11 :List(Float32);       # probability that each lane line exists, 0..1
  laneLineStds @12 :List(Float32);        # lateral standard deviation of each lane line at the car, m
  roadEdges @13 :List(XyztData);          # two road edges (left, right) on the distance grid
  roadEdgeStds @14 :List(Float32);        # lateral standard deviation of each road edge, m
  leads @15 :List(LeadData);              # lead vehicles at 0, 2 and 4 s ahead
  confidence @16 :Confidence;             # overall confidence summary
  meta @17 :Meta;                         # engagement and disengagement predictions
  timestampSof @18 :UInt64;               # start-of-frame time of the frame used, ns monotonic

  struct LeadData {
    prob @0 :Float32;             # probability there is a lead, 0..1
    probTime @1 :Float32;         # how far ahead the probability is for, s
    t @2 :List(Float32);          # prediction times, s
    x @3 :List(Float32);          # distance ahead of the camera, m
    xStd @4 :List(Float32);       # standard deviation of x, m
    y @5 :List(Float32);          # lateral offset, m, positive left
    yStd @6 :List(Float32);       # standard deviation of y, m
    v @7 :List(Float32);          # lead speed, m/s
    vStd @8 :List(Float32);       # standard deviation of v, m/s
    a @9 :List(Float32);          # lead acceleration, m/s²
    aStd @10 :List(Float32);      # standard deviation of a, m/s²
  }

  enum Confidence {
    green @0;    # trustworthy
    yellow @1;   # uncertain
    red @2;      # do not use
  }

  struct Meta {
    engagedProb @0 :Float32;          # probability the system stays engaged, 0..1
    brakeDisengageProb @1 :Float32;   # probability the driver brakes soon, 0..1
    gasDisengageProb @2 :Float32;     # probability the driver presses the accelerator soon, 0..1
    steerOverrideProb @3 :Float32;    # probability the driver steers soon, 0..1
    hardBrakeProb @4 :Float32;        # probability of a hard brake (< -3 m/s²) soon, 0..1
  }
}

struct RadarState {
  modelMonoTime @0 :UInt64;     # logMonoTime of the modelV2 fused here, ns
  carStateMonoTime @1 :UInt64;  # logMonoTime of the carState used here, ns
  leadOne @2 :LeadData;         # nearest lead in the path
  leadTwo @3 :LeadData;         # second lead in the path
  radarErrors @4 :List(Error);  # radar faults active now

  struct LeadData {
    status @0 :Bool;        # a lead is present
    dRel @1 :Float32;       # distance from the car's front, m
    yRel @2 :Float32;       # lateral offset, m, positive left
    vRel @3 :Float32;       # speed relative to ego, m/s
    aRel @4 :Float32;       # acceleration relative to ego, m/s²
    vLead @5 :Float32;      # absolute lead speed, m/s
    aLeadK @6 :Float32;     # lead acceleration from the Kalman filter, m/s²
    aLeadTau @7 :Float32;   # time constant of the lead acceleration decay, s
    dPath @8 :Float32;      # lateral distance to the planned path, m
    modelProb @9 :Float32;  # model's probability for this lead, 0..1
    radar @10 :Bool;        # a radar track backs this lead
    radarTrackId @11 :Int32;  # radar track id (-1 for model-only)
    fcw @12 :Bool;          # a forward collision warning is due for this lead
  }

  enum Error {
    canError @0;    # radar CAN messages invalid
    fault @1;       # the radar reports a fault
    wrongConfig @2; # the radar is configured differently than expected
  }
}

struct LongitudinalPlan {
  modelMonoTime @0 :UInt64;         # logMonoTime of the modelV2 planned on, ns
  hasLead @1 :Bool;                 # a lead influences the plan
  fcw @2 :Bool;                     # the planner wants a forward collision warning
  speeds @3 :List(Float32);         # planned speed, 17 points over 2.5 s, m/s
  accels @4 :List(Float32);         # planned acceleration on the same points, m/s²
  jerks @5 :List(Float32);          # planned jerk on the same points, m/s³
  aTarget @6 :Float32;              # acceleration to command now (after actuator delay), m/s²
  shouldStop @7 :Bool;              # the plan ends stopped
  allowThrottle @8 :Bool;           # throttle may be applied
  allowBrake @9 :Bool;              # braking may be applied
  source @10 :Source;               # which constraint shapes the plan
  solverExecutionTime @11 :Float32; # time the solver took, s
  processingDelay @12 :Float32;     # time from the model frame to this plan, s

  enum Source {
    cruise @0;   # the set speed
    lead0 @1;    # the nearest lead
    lead1 @2;    # the second lead
    e2e @3;      # the model's own speed plan
  }
}

struct ControlsState {
  longControlState @0 :Car.CarControl.LongControlState;  # state of the longitudinal controller
  upAccelCmd @1 :Float32;         # proportional part of the accel command, m/s²
  uiAccelCmd @2 :Float32;         # integral part of the accel command, m/s²
  ufAccelCmd @3 :Float32;         # feed-forward part of the accel command, m/s²
  aTarget @4 :Float32;            # acceleration target from the plan, m/s²
  curvature @5 :Float32;          # curvature the car drives now, 1/m
  desiredCurvature @6 :Float32;   # curvature the controller aims for, 1/m
  vCruise @7 :Float32;            # set speed, m/s
  lateral @8 :LateralState;       # lateral controller internals
  cumLagMs @9 :Float32;           # accumulated lag of the 100 Hz loop behind schedule, ms
  forceDecel @10 :Bool;           # decelerating because of a disabling condition

  struct LateralState {
    active @0 :Bool;              # the controller is actuating
    error @1 :Float32;            # lateral acceleration error, m/s²
    p @2 :Float32;                # proportional term, normalized torque
    i @3 :Float32;                # integral term, normalized torque
    f @4 :Float32;                # feed-forward term, normalized torque
    output @5 :Float32;           # normalized torque sent, -1..1
    saturated @6 :Bool;           # output at its limit for longer than steerLimitTimer
    steeringAngleDeg @7 :Float32; # steering angle reported by the car, degrees
  }
}

struct SelfdriveState {
  state @0 :State;                # engagement state machine
  enabled @1 :Bool;               # engaged (enabled, softDisabling or overriding)
  active @2 :Bool;                # actuating now (enabled or softDisabling)
  engageable @3 :Bool;            # no event prevents engaging
  alertText1 @4 :Text;            # alert headline ("" when none)
  alertText2 @5 :Text;            # alert detail ("" when none)
  alertStatus @6 :AlertStatus;    # how urgent the alert is
  alertSize @7 :AlertSize;        # how much of the screen it takes
  alertType @8 :Text;             # event name and type that raised it ("" when none)
  alertSound @9 :Car.CarControl.HudControl.AudibleAlert;  # sound to play
  experimentalMode @10 :Bool;     # the model's own speed plan drives longitudinal control
  personality @11 :Personality;   # following-distance personality (time gap 1.25/1.45/1.75 s)

  enum State {
    disabled @0;       # not engaged
    preEnabled @1;     # engagement pending (e.g. brake still pressed)
    enabled @2;        # engaged
    softDisabling @3;  # disengaging within 3 s unless the condition clears
    overriding @4;     # the driver overrides; engaged but not actuating that axis
  }

  enum AlertStatus {
    normal @0;       # informational
    userPrompt @1;   # needs the driver's attention
    critical @2;     # take control immediately
  }

  enum AlertSize {
    none @0;    # no alert
    small @1;   # one line
    mid @2;     # two lines
    full @3;    # whole screen
  }

  enum Personality {
    aggressive @0;  # 1.25 s
    standard @1;    # 1.45 s
    relaxed @2;     # 1.75 s
  }
}

struct FrameData {
  frameId @0 :UInt32;             # frame counter of the stream, from 0, no gaps unless the sensor dropped frames
  timestampSof @1 :UInt64;        # start of frame (first row exposed), ns monotonic
  timestampEof @2 :UInt64;        # end of frame (last row read out), ns monotonic
  width @3 :UInt32;               # pixels per row
  height @4 :UInt32;              # rows
  integLines @5 :UInt32;          # exposure time in sensor rows
  gain @6 :Float32;               # analog times digital gain, unitless
  exposureValPercent @7 :Float32; # exposure value relative to the allowed range, percent
  measuredGreyFraction @8 :Float32;  # measured mean brightness, 0..1
  targetGreyFraction @9 :Float32;    # brightness the auto-exposure aims for, 0..1
  processingTime @10 :Float32;    # time from EOF to publishing, s
  transform @11 :List(Float32);   # 3x3 row-major warp applied to the image (identity when none)
  sensor @12 :ImageSensor;        # which sensor produced it

  enum ImageSensor {
    unknown @0;   # not identified
    ar0231 @1;    # onsemi AR0231 (1928x1208)
    ox03c10 @2;   # OmniVision OX03C10
    video @3;     # frames decoded from a video file (replay, simulator)
    v4l2 @4;      # a generic V4L2 camera
  }
}

struct DeviceState {
  started @0 :Bool;                     # the car is on and the driving processes run
  startedMonoTime @1 :UInt64;           # when `started` last became true, ns monotonic
  freeSpacePercent @2 :Float32;         # free space on the log storage, percent
  memoryUsagePercent @3 :Float32;       # memory in use, percent
  cpuUsagePercent @4 :List(Float32);    # load per core, percent
  cpuTempC @5 :List(Float32);           # temperature per CPU sensor, °C
  gpuTempC @6 :List(Float32);           # temperature per GPU sensor, °C
  maxTempC @7 :Float32;                 # hottest sensor, °C
  thermalStatus @8 :ThermalStatus;      # thermal band (red/danger stop engagement)
  powerDraw @9 :Float32;                # device power, W
  networkType @10 :NetworkType;         # active network
  fanSpeedPercentDesired @11 :UInt16;   # fan command, percent
  screenBrightnessPercent @12 :Float32; # screen brightness, percent
  devices @13 :List(DeviceStatus);      # every device the board's profile expects, present or not (and why)

  struct DeviceStatus {
    name @0 :Text;        # what it is: "imu", "gnss", "ignition", "thermal", "camera" ...
    present @1 :Bool;     # found and answering
    detail @2 :Text;      # where it was looked for, or why it is missing, in words
  }

  enum ThermalStatus {
    green @0;    # normal
    yellow @1;   # warm, throttle
    red @2;      # hot, no engagement
    danger @3;   # shut down
  }

  enum NetworkType {
    none @0;      # offline
    wifi @1;      # Wi-Fi
    cell @2;      # cellular
    ethernet @3;  # wired
  }
}

struct ManagerState {
  processes @0 :List(ProcessState);   # every managed process

  struct ProcessState {
    name @0 :Text;               # process name (camerad, modeld, ...)
    pid @1 :Int32;               # operating-system process id (0 when not running)
    running @2 :Bool;            # alive now
    shouldBeRunning @3 :Bool;    # the manager wants it running
    exitCode @4 :Int32;          # exit code of the last run (0 while running)
    restartCount @5 :UInt32;     # restarts since the manager started
    cpuPercent @6 :Float32;      # CPU time used over the last report period, percent of one core
    memoryBytes @7 :UInt64;      # resident memory, bytes
  }
}

struct LiveCalibration {
  calStatus @0 :Status;          # calibration progress
  calPerc @1 :Int8;              # progress of the first calibration, percent
  validBlocks @2 :Int32;         # number of valid data blocks collected
  rpyCalib @3 :List(Float32);    # camera roll, pitch, yaw relative to the car, rad
  rpyCalibSpread @4 :List(Float32);  # spread of those estimates, rad
  height @5 :Float32;            # camera height above the road, m

  enum Status {
    uncalibrated @0;  # not enough data yet
    calibrated @1;    # valid
    invalid @2;       # angles out of the allowed mounting range
    recalibrating @3; # collecting after a mounting change
  }
}

struct Accelerometer {
  sensorTimestamp @0 :UInt64;   # sample time from the sensor, ns monotonic
  x @1 :Float32;                # acceleration along the device x axis (forward), m/s²
  y @2 :Float32;                # acceleration along y (left), m/s²
  z @3 :Float32;                # acceleration along z (up), m/s²
  temperatureC @4 :Float32;     # die temperature, °C
  source @5 :Text;              # sensor part ("lsm6ds3", "bmx055", "sim")
}

struct Gyroscope {
  sensorTimestamp @0 :UInt64;   # sample time from the sensor, ns monotonic
  x @1 :Float32;                # angular rate about x (roll), rad/s
  y @2 :Float32;                # angular rate about y (pitch), rad/s
  z @3 :Float32;                # angular rate about z (yaw), rad/s
  temperatureC @4 :Float32;     # die temperature, °C
  source @5 :Text;              # sensor part
}

struct GnssLocation {
  hasFix @0 :Bool;                  # the receiver has a position fix
  latitudeDeg @1 :Float64;          # WGS-84 latitude, degrees
  longitudeDeg @2 :Float64;         # WGS-84 longitude, degrees
  altitude @3 :Float64;             # height above mean sea level, m (what NMEA GGA and UBX hMSL report)
  speed @4 :Float32;                # ground speed, m/s
  bearingDeg @5 :Float32;           # course over ground, degrees clockwise from north
  horizontalAccuracy @6 :Float32;   # 1-sigma horizontal position error, m
  verticalAccuracy @7 :Float32;     # 1-sigma vertical position error, m
  speedAccuracy @8 :Float32;        # 1-sigma speed error, m/s
  bearingAccuracyDeg @9 :Float32;   # 1-sigma course error, degrees
  vNed @10 :List(Float32);          # velocity north, east, down, m/s
  unixTimestampMillis @11 :Int64;   # GNSS time of the fix, ms since the Unix epoch
  satelliteCount @12 :UInt8;        # satellites used in the fix
  source @13 :Text;                 # receiver ("ublox", "nmea", "sim")
}

struct LogMessage {
  level @0 :Level;     # severity
  source @1 :Text;     # process that logged it
  message @2 :Text;    # the line, UTF-8

  enum Level {
    debug @0;     # detail for developers
    info @1;      # normal operation
    warning @2;   # something unexpected, handled
    error @3;     # something failed
    critical @4;  # the process cannot continue
  }
}

struct EncodeIndex {
  frameId @0 :UInt32;          # camera frame id of this video frame
  type @1 :Type;               # codec of the video file
  encodeId @2 :UInt32;         # index of the frame among the encoder's frames in this route
  segmentNumber @3 :Int32;     # log segment holding the video file
  segmentId @4 :UInt32;        # index of the packet (frame) within the segment's video file, from 0
  timestampSof @5 :UInt64;     # start of frame of the camera frame, ns monotonic
  timestampEof @6 :UInt64;     # end of frame of the camera frame, ns monotonic
  keyframe @7 :Bool;           # the packet is a key frame (decoding can start here)
  length @8 :UInt32;           # packet size, bytes (0 when the encoder does not report it)

  enum Type {
    h264 @0;     # H.264 / AVC elementary stream in a container
    hevc @1;     # H.265 / HEVC
  }
}

struct SimulatorState {
  scenario @0 :Text;              # name of the scenario being driven
  time @1 :Float64;               # simulated time since the scenario started, s
  odometer @2 :Float64;           # distance driven along the road, m
  vEgo @3 :Float32;               # ego speed, m/s
  aEgo @4 :Float32;               # ego longitudinal acceleration, m/s²
  yawRate @5 :Float32;            # ego yaw rate, rad/s, positive left
  steeringAngleDeg @6 :Float32;   # steering wheel angle, degrees, positive left
  laneOffset @7 :Float32;         # ego centre to the lane centre, m, positive when ego is left of it
  headingError @8 :Float32;       # ego heading minus the lane heading, rad, positive left
  laneWidth @9 :Float32;          # width of the ego lane, m
  roadCurvature @10 :Float32;     # lane centre curvature at the ego position, 1/m, positive left
  roadCurvatureRate @11 :Float32; # change of that curvature per metre ahead, 1/m²
  leadPresent @12 :Bool;          # a vehicle is ahead in the ego lane
  leadGap @13 :Float32;           # ego front bumper to the lead's rear bumper, m
  leadSpeed @14 :Float32;         # lead speed, m/s
  leadAccel @15 :Float32;         # lead acceleration, m/s²
  leadLateral @16 :Float32;       # lead centre to the ego lane centre, m, positive left
  collision @17 :Bool;            # ego touched another vehicle (stays true once set)
  offRoad @18 :Bool;              # ego left its lane (a wheel over a lane line; stays true once set)
  driverBrake @19 :Float32;       # simulated driver's brake pedal, 0..1
  driverGas @20 :Float32;         # simulated driver's accelerator pedal, 0..1
  driverTorque @21 :Float32;      # simulated driver's steering torque, N·m, positive left
  vehicles @22 :List(Vehicle);    # every other vehicle, for rendering

  struct Vehicle {
    gap @0 :Float32;        # ego front bumper to its rear bumper along the road, m (negative: behind)
    lateral @1 :Float32;    # its centre to the ego lane centre, m, positive left
    speed @2 :Float32;      # its speed, m/s
    accel @3 :Float32;      # its acceleration, m/s²
  }
}
