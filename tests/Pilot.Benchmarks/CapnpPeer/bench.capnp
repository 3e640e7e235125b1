@0xe1c2a3b4c5d6e7f8;
# Benchmark schema shared by ./pilot bench capnp (C# offsets in CapnpSuite.cs) and its C++ peer (main.c++).

enum Gear { unknown @0; park @1; drive @2; neutral @3; reverse @4; sport @5; }

struct CruiseState {
  speed @0 :Float32;
  speedOffset @1 :Float32;
  enabled @2 :Bool;
  available @3 :Bool;
}

struct WheelSpeeds {
  fl @0 :Float32;
  fr @1 :Float32;
  rl @2 :Float32;
  rr @3 :Float32;
}

struct ButtonEvent {
  pressed @0 :Bool;
  type @1 :UInt16;
}

struct CarState {
  vEgo @0 :Float32;
  aEgo @1 :Float32;
  vEgoRaw @2 :Float32;
  yawRate @3 :Float32;
  steeringAngleDeg @4 :Float32;
  steeringRateDeg @5 :Float32;
  steeringTorque @6 :Float32;
  steeringTorqueEps @7 :Float32;
  gas @8 :Float32;
  brake @9 :Float32;
  vCruise @10 :Float32;
  vCruiseCluster @11 :Float32;
  standstill @12 :Bool;
  leftBlinker @13 :Bool;
  rightBlinker @14 :Bool;
  gasPressed @15 :Bool;
  brakePressed @16 :Bool;
  steeringPressed @17 :Bool;
  espDisabled @18 :Bool;
  doorOpen @19 :Bool;
  seatbeltUnlatched @20 :Bool;
  genericToggle @21 :Bool;
  stockAeb @22 :Bool;
  stockFcw @23 :Bool;
  gearShifter @24 :Gear;
  canErrorCounter @25 :Int32;
  steerFaultTemporary @26 :Int32;
  canValid @27 :UInt32;
  canTimeout @28 :UInt32;
  logMonoTime @29 :Int64;
  odometer @30 :Int64;
  fuelGauge @31 :Float64;
  carFingerprint @32 :Text;
  cruiseState @33 :CruiseState;
  wheelSpeeds @34 :WheelSpeeds;
  buttonEvents @35 :List(ButtonEvent);
}

struct XYZ {
  x @0 :List(Float32);
  y @1 :List(Float32);
  z @2 :List(Float32);
}

struct ModelOutput {
  frameId @0 :UInt32;
  timestampEof @1 :UInt64;
  position @2 :XYZ;
  velocity @3 :XYZ;
  acceleration @4 :XYZ;
  orientation @5 :XYZ;
  orientationRate @6 :XYZ;
  laneLines @7 :List(XYZ);
  roadEdges @8 :List(XYZ);
  laneLineProbs @9 :List(Float32);
}
