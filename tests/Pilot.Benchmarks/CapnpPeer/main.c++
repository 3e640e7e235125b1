// C++ peer of ./pilot bench capnp: the same messages built, framed into a reused buffer and read back with the
// reference library (Debian libcapnp-dev). Prints "carBuild carRead modelBuild modelRead" as median wall-clock ns
// per operation, then the same four as median thread CPU ns (what the operation costs when the cores are shared).
#include "bench.capnp.h"
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/io.h>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <vector>

static capnp::word scratch[8192];       // first segment, zeroed again by each builder's destructor
static kj::byte framed[65536];
static size_t framedSize;
static float points[33];
static volatile double sink;

static void buildCar(int i) {
  capnp::MallocMessageBuilder mb(kj::arrayPtr(scratch, 8192));
  auto c = mb.initRoot<CarState>();
  float f = (float)i;
  c.setVEgo(f + 0.1f); c.setAEgo(f + 0.2f); c.setVEgoRaw(f + 0.3f); c.setYawRate(f + 0.4f);
  c.setSteeringAngleDeg(f + 0.5f); c.setSteeringRateDeg(f + 0.6f); c.setSteeringTorque(f + 0.7f);
  c.setSteeringTorqueEps(f + 0.8f); c.setGas(f + 0.9f); c.setBrake(f + 1.0f); c.setVCruise(f + 1.1f);
  c.setVCruiseCluster(f + 1.2f);
  c.setStandstill(i & 1); c.setLeftBlinker(i & 2); c.setRightBlinker(i & 4); c.setGasPressed(i & 8);
  c.setBrakePressed(i & 16); c.setSteeringPressed(i & 32); c.setEspDisabled(true); c.setDoorOpen(false);
  c.setSeatbeltUnlatched(i & 64); c.setGenericToggle(true); c.setStockAeb(i & 128); c.setStockFcw(false);
  c.setGearShifter(Gear::DRIVE);
  c.setCanErrorCounter(i); c.setSteerFaultTemporary(-i); c.setCanValid(i * 3u); c.setCanTimeout(7);
  c.setLogMonoTime(1000000000LL * i); c.setOdometer(123456789LL + i); c.setFuelGauge(0.5 + i);
  c.setCarFingerprint("TOYOTA_COROLLA_TSS2");
  auto cruise = c.initCruiseState();
  cruise.setSpeed(f); cruise.setSpeedOffset(2.5f); cruise.setEnabled(true); cruise.setAvailable(i & 1);
  auto wheels = c.initWheelSpeeds();
  wheels.setFl(f); wheels.setFr(f + 0.01f); wheels.setRl(f + 0.02f); wheels.setRr(f + 0.03f);
  auto buttons = c.initButtonEvents(2);
  buttons[0].setPressed(true); buttons[0].setType(3);
  buttons[1].setPressed(false); buttons[1].setType(5);
  kj::ArrayOutputStream out(kj::arrayPtr(framed, sizeof(framed)));
  capnp::writeMessage(out, mb);
  framedSize = out.getArray().size();
}

static void readCar() {
  capnp::FlatArrayMessageReader r(kj::arrayPtr(reinterpret_cast<const capnp::word*>(framed), framedSize / 8));
  auto c = r.getRoot<CarState>();
  double s = c.getVEgo() + c.getAEgo() + c.getVEgoRaw() + c.getYawRate() + c.getSteeringAngleDeg()
    + c.getSteeringRateDeg() + c.getSteeringTorque() + c.getSteeringTorqueEps() + c.getGas() + c.getBrake()
    + c.getVCruise() + c.getVCruiseCluster();
  s += c.getStandstill() + c.getLeftBlinker() + c.getRightBlinker() + c.getGasPressed() + c.getBrakePressed()
    + c.getSteeringPressed() + c.getEspDisabled() + c.getDoorOpen() + c.getSeatbeltUnlatched()
    + c.getGenericToggle() + c.getStockAeb() + c.getStockFcw();
  s += (int)c.getGearShifter() + c.getCanErrorCounter() + c.getSteerFaultTemporary() + c.getCanValid()
    + c.getCanTimeout() + c.getLogMonoTime() + c.getOdometer() + c.getFuelGauge();
  s += c.getCarFingerprint().size();
  auto cruise = c.getCruiseState();
  s += cruise.getSpeed() + cruise.getSpeedOffset() + cruise.getEnabled() + cruise.getAvailable();
  auto wheels = c.getWheelSpeeds();
  s += wheels.getFl() + wheels.getFr() + wheels.getRl() + wheels.getRr();
  for (auto b : c.getButtonEvents()) s += b.getPressed() + b.getType();
  sink = s;
}

static void setXyz(XYZ::Builder xyz) {
  xyz.setX(kj::arrayPtr(points, 33)); xyz.setY(kj::arrayPtr(points, 33)); xyz.setZ(kj::arrayPtr(points, 33));
}

static void buildModel(int i) {
  capnp::MallocMessageBuilder mb(kj::arrayPtr(scratch, 8192));
  auto m = mb.initRoot<ModelOutput>();
  m.setFrameId(i); m.setTimestampEof(50000000ULL * i);
  points[0] = (float)i;
  setXyz(m.initPosition()); setXyz(m.initVelocity()); setXyz(m.initAcceleration());
  setXyz(m.initOrientation()); setXyz(m.initOrientationRate());
  auto lanes = m.initLaneLines(4);
  for (auto l : lanes) setXyz(l);
  auto edges = m.initRoadEdges(2);
  for (auto e : edges) setXyz(e);
  auto probs = m.initLaneLineProbs(4);
  for (int k = 0; k < 4; k++) probs.set(k, 0.25f * k);
  kj::ArrayOutputStream out(kj::arrayPtr(framed, sizeof(framed)));
  capnp::writeMessage(out, mb);
  framedSize = out.getArray().size();
}

static double sumXyz(XYZ::Reader xyz) {
  double s = 0;
  for (float v : xyz.getX()) s += v;
  for (float v : xyz.getY()) s += v;
  for (float v : xyz.getZ()) s += v;
  return s;
}

static void readModel() {
  capnp::FlatArrayMessageReader r(kj::arrayPtr(reinterpret_cast<const capnp::word*>(framed), framedSize / 8));
  auto m = r.getRoot<ModelOutput>();
  double s = m.getFrameId() + (double)m.getTimestampEof();
  s += sumXyz(m.getPosition()) + sumXyz(m.getVelocity()) + sumXyz(m.getAcceleration())
    + sumXyz(m.getOrientation()) + sumXyz(m.getOrientationRate());
  for (auto l : m.getLaneLines()) s += sumXyz(l);
  for (auto e : m.getRoadEdges()) s += sumXyz(e);
  for (float p : m.getLaneLineProbs()) s += p;
  sink = s;
}

static double threadCpuNs() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

struct Timing { double wall, cpu; };

template <typename F> static Timing median(F body, int inner) {
  for (int i = 0; i < inner; i++) body(i);
  std::vector<double> wall, cpu;
  for (int s = 0; s < 15; s++) {
    double c0 = threadCpuNs();
    auto a = std::chrono::steady_clock::now();
    for (int i = 0; i < inner; i++) body(i);
    auto b = std::chrono::steady_clock::now();
    cpu.push_back((threadCpuNs() - c0) / inner);
    wall.push_back(std::chrono::duration<double, std::nano>(b - a).count() / inner);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[7], cpu[7]};
}

int main() {
  for (int k = 0; k < 33; k++) points[k] = 0.5f * k;
  Timing carBuild = median([](int i) { buildCar(i); }, 20000);
  buildCar(1);
  Timing carRead = median([](int) { readCar(); }, 20000);
  Timing modelBuild = median([](int i) { buildModel(i); }, 5000);
  buildModel(1);
  Timing modelRead = median([](int) { readModel(); }, 5000);
  std::printf("%.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f\n", carBuild.wall, carRead.wall, modelBuild.wall, modelRead.wall,
              carBuild.cpu, carRead.cpu, modelBuild.cpu, modelRead.cpu);
  return 0;
}
