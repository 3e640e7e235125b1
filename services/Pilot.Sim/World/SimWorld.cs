using Pilot.Can.Packing;
using Pilot.Sim.Car;
using Pilot.Sim.Driver;
using Pilot.Sim.Road;
using Pilot.Sim.Scenarios;
using Pilot.Sim.Traffic;
using Pilot.Sim.Vehicle;

namespace Pilot.Sim.World;

/// <summary>
/// The simulated world: the ego car (dynamics, its ECUs and their CAN), the road, the traffic and the driver, stepped
/// in simulated time. The host side reaches it only through CAN frames (<see cref="DeliverFromHost"/>,
/// <see cref="CollectToHost"/>), as it would a real car; <see cref="State"/> is the ground truth tests and the
/// renderer use. Deterministic: the same scenario, steps and frames give the same world.
/// </summary>
public sealed class SimWorld
{
    /// <summary>Radar range, m: targets further away are not reported.</summary>
    public const double RadarRangeM = 200;
    /// <summary>Radar half field of view at the sides, m of lateral offset.</summary>
    public const double RadarLateralRangeM = 15;

    private readonly List<CanFrame> _toHost = [];
    private readonly List<TrafficVehicle> _traffic = [];
    private readonly CarSnapshot _car = new();
    private readonly SimState _state = new();
    private double _odometer;
    private long _scenarioNs;

    public SimWorld(Scenario scenario, ICarCan car, VehicleParams? vehicle = null)
    {
        Scenario = scenario;
        Can = car;
        Ego = new EgoVehicle(vehicle ?? VehicleParams.HondaCivic2016);
        Ego.Reset(0, 0, scenario.EgoSpeedMps);
        Driver = new DriverModel(scenario.Driver, scenario.SetSpeedMps);
        double egoFront = Ego.Params.LengthM / 2;
        foreach (var t in scenario.Traffic)
            _traffic.Add(new TrafficVehicle(egoFront + t.GapM + TrafficVehicle.DefaultLengthM / 2, Road.LaneCenter(t.Lane), t.SpeedMps, t.Script));
        _state.Scenario = scenario.Name;
        Observe();
        Can.Emit(TimeNs, _car, _toHost);
    }

    public Scenario Scenario { get; }
    public RoadLayout Road => Scenario.Road;
    public ICarCan Can { get; }
    public EgoVehicle Ego { get; }
    public DriverModel Driver { get; }
    public CruiseControl Cruise { get; } = new();
    public IReadOnlyList<TrafficVehicle> Traffic => _traffic;

    /// <summary>The car's clock, ns since the world was made: its buses run on it, held or not.</summary>
    public long TimeNs { get; private set; }
    /// <summary>Scenario time, s: how long the world has been stepped (holding does not count).</summary>
    public double Time => _scenarioNs * 1e-9;
    /// <summary>The scenario's duration has passed.</summary>
    public bool Finished => Time >= Scenario.DurationS;

    /// <summary>Ground truth as of the last step.</summary>
    public SimState State => _state;

    /// <summary>What the car's ECUs report as of the last step.</summary>
    public CarSnapshot Car => _car;

    /// <summary>Frames the host sent that reached the car's buses (after the device's safety model).</summary>
    public void DeliverFromHost(ReadOnlySpan<CanFrame> frames)
    {
        foreach (var f in frames) Can.Receive(TimeNs, f);
    }

    /// <summary>Moves the frames the car put on its buses since the last call into <paramref name="output"/>.</summary>
    public void CollectToHost(List<CanFrame> output)
    {
        output.AddRange(_toHost);
        _toHost.Clear();
    }

    /// <summary>Advances the world by <paramref name="dt"/> s.</summary>
    public void Step(double dt)
    {
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "a step must be positive");
        Driver.Step(Time, Cruise.MainOn, Cruise.Engaged, Cruise.SetSpeedMps);
        var hands = Driver.Inputs;
        var act = Can.Actuation(TimeNs, _car);
        if (act.CancelRequested) Cruise.Cancel();
        Cruise.Step(hands.Button, hands.Brake > 0, Ego.Speed);
        // A brake request adds to the road load, which keeps acting (the host's brake model expects drag to help).
        double? accel = act.ComputerBraking
            ? (act.AccelCommand ?? 0) - act.BrakeDecel - Ego.Longitudinal.RoadLoad(Ego.Speed) / Ego.Params.MassKg
            : act.AccelCommand;
        double s0 = Ego.S;
        Ego.Step(dt, new VehicleInputs(act.EpsTorque, hands.SteerTorqueNm, accel, hands.Gas, hands.Brake), Road.CurvatureAt(Ego.S));
        foreach (var v in _traffic) v.Step(Time, dt);
        _odometer += Ego.S - s0;
        long ns = (long)Math.Round(dt * 1e9);
        TimeNs += ns;
        _scenarioNs += ns;
        _car.SteerActive = act.SteerRequested;
        _car.EpsTorque = act.EpsTorque;
        _car.ComputerBraking = act.ComputerBraking;
        Observe();
        Can.Emit(TimeNs, _car, _toHost);
    }

    /// <summary>
    /// Lets <paramref name="dt"/> s pass on the car's clock with the world paused: the car keeps talking on its buses
    /// (the same values, fresh counters) while the scenario waits, e.g. for the host to come up before the driver engages.
    /// </summary>
    public void Hold(double dt)
    {
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "a step must be positive");
        TimeNs += (long)Math.Round(dt * 1e9);
        Can.Emit(TimeNs, _car, _toHost);
    }

    private void Observe()
    {
        var hands = Driver.Inputs;
        double egoFront = Ego.S + Ego.Params.LengthM / 2, egoRear = Ego.S - Ego.Params.LengthM / 2;
        double curvature = Road.CurvatureAt(Ego.S);
        var s = _state;
        s.Time = Time;
        s.Odometer = _odometer;
        s.VEgo = Ego.Speed;
        s.AEgo = Ego.Longitudinal.Acceleration;
        s.YawRate = Ego.YawRate;
        s.SteeringAngleDeg = Ego.Steering.Angle * 180 / Math.PI;
        s.LaneOffset = Ego.Offset - Road.LaneCenter(Road.EgoLane);
        s.HeadingError = Ego.HeadingError;
        s.LaneWidth = Road.LaneWidthM;
        s.LaneCount = Road.LaneCount;
        s.EgoLane = Road.EgoLane;
        s.RoadCurvature = curvature;
        s.RoadCurvatureRate = Road.CurvatureRateAt(Ego.S);
        s.DriverBrake = hands.Brake;
        s.DriverGas = hands.Gas;
        s.DriverTorque = hands.SteerTorqueNm;
        // A wheel over a line of the ego lane: the car's half width past the lane's half width.
        s.OffRoad |= Math.Abs(s.LaneOffset) > (Road.LaneWidthM - Ego.Params.WidthM) / 2;

        s.Vehicles.Clear();
        s.LeadPresent = false;
        _car.RadarTargets.Clear();
        for (int id = 0; id < _traffic.Count; id++)
        {
            var v = _traffic[id];
            double gap = v.RearS - egoFront;
            double lateral = v.Lateral - Road.LaneCenter(Road.EgoLane);
            s.Vehicles.Add(new VehicleTruth(gap, lateral, v.Speed, v.Accel, v.LateralSpeed, v.WidthM));
            bool overlapsLengthwise = v.RearS < egoFront && v.FrontS > egoRear;
            s.Collision |= overlapsLengthwise && Math.Abs(v.Lateral - Ego.Offset) < (v.WidthM + Ego.Params.WidthM) / 2;
            bool inLane = Math.Abs(lateral) < Road.LaneWidthM / 2;
            if (inLane && gap > -v.LengthM && (!s.LeadPresent || gap < s.LeadGap))
            {
                s.LeadPresent = true;
                s.LeadGap = gap;
                s.LeadSpeed = v.Speed;
                s.LeadAccel = v.Accel;
                s.LeadLateral = lateral;
            }
            // Position in the car frame (small angles): the target's offset from the ego, turned by the ego's heading
            // error and bent by the road's curvature over the distance to it.
            double yCar = v.Lateral - Ego.Offset - Ego.HeadingError * gap + curvature * gap * gap / 2;
            if (gap > 0 && gap <= RadarRangeM && Math.Abs(yCar) <= RadarLateralRangeM)
                _car.RadarTargets.Add(new RadarTarget(id, gap, yCar, v.Speed - Ego.Speed));
        }
        _car.RadarTargets.Sort((a, b) => a.DRel.CompareTo(b.DRel));
        if (!s.LeadPresent) s.LeadGap = s.LeadSpeed = s.LeadAccel = s.LeadLateral = 0;

        _car.SpeedMps = Ego.Speed;
        _car.AccelMps2 = Ego.Longitudinal.Acceleration;
        _car.YawRate = Ego.YawRate;
        _car.SteeringAngleDeg = s.SteeringAngleDeg;
        _car.SteeringRateDeg = Ego.Steering.Rate * 180 / Math.PI;
        _car.DriverTorqueNm = hands.SteerTorqueNm;
        _car.GasPedal = hands.Gas;
        _car.BrakePedal = hands.Brake;
        _car.Button = hands.Button;
        _car.MainOn = Cruise.MainOn;
        _car.CruiseEngaged = Cruise.Engaged;
        _car.SetSpeedMps = Cruise.SetSpeedMps;
        _car.OdometerM = _odometer;
    }
}
