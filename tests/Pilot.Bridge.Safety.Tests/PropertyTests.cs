using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Safety.Tests;

/// <summary>
/// Random command and vehicle-state sequences (seeded, reproducible): no frame the model lets through may violate a
/// limit, judged by an independent reference of the rules, and the model's controls_allowed must match a plain
/// reference state machine after every step.
/// </summary>
public sealed class PropertyTests
{
    public static TheoryData<string> Cars => ["toyota", "bosch", "nidec"];

    private static SimulatedCar Create(string name) => name switch
    {
        "toyota" => new ToyotaCar(),
        "bosch" => new HondaCar(bosch: true),
        _ => new HondaCar(bosch: false),
    };

    [Theory]
    [MemberData(nameof(Cars))]
    public void NoTransmittedFrameEverViolatesALimit(string name)
    {
        int allowedActuation = 0;
        for (int seed = 0; seed < 40; seed++)
            allowedActuation += RunSequence(Create(name), seed, steps: 600);
        Assert.True(allowedActuation > 1000, $"only {allowedActuation} actuating frames passed: the sequences barely engaged");
    }

    private static int RunSequence(SimulatedCar car, int seed, int steps)
    {
        var random = new Random(seed);
        var bench = new SafetyBench(car);
        var inputs = bench.Inputs;
        var torque = car.Brand.Torque;
        var longitudinal = car.Brand.Longitudinal;
        var reference = new ReferenceControls();
        int lastPassedTorque = 0, allowedActuation = 0, command = 0;

        for (int step = 0; step < steps; step++)
        {
            // Vehicle: mostly steady, with occasional pedal, cruise, fault and sensor events.
            // Events start rarely and end quickly (Toggle(p on, p off)), so sequences spend most time engaged.
            inputs.Cruise = Toggle(random, inputs.Cruise, 0.05, 0.01);
            inputs.Brake = Toggle(random, inputs.Brake, 0.01, 0.3);
            inputs.Gas = Toggle(random, inputs.Gas, 0.02, 0.2);
            inputs.SteerFault = Toggle(random, inputs.SteerFault, 0.003, 0.3);
            inputs.SpeedCheckOffset = Toggle(random, inputs.SpeedCheckOffset != 0, 0.003, 0.3) ? 3 : 0;
            inputs.Speed = Math.Clamp(inputs.Speed + (random.NextDouble() - 0.45) * 0.3, 0, 40);
            inputs.DriverTorque = random.NextDouble() < 0.1 ? random.Next(-5000, 5000) : inputs.DriverTorque;
            inputs.MeasuredTorque = Math.Clamp(lastPassedTorque + random.Next(-20, 21), -torque.Max, torque.Max);

            bench.Now += random.NextDouble() < 0.02 ? random.Next(1, 400) * 1000 : SafetyBench.FrameUs;
            if (random.NextDouble() < 0.995) bench.Model.Heartbeat(bench.Now, bench.HostEngaged);
            if (bench.Model.HeartbeatLost)
            {
                // The host notices the fallback (health reports it) and sets the car mode again.
                Assert.True(bench.Model.SetMode(car.Mode, bench.Now));
                reference = new ReferenceControls();
            }
            foreach (var frame in car.RxFrames())
            {
                bool detectable = car.Brand.Rx.Single(c => c.Address == frame.Address).Checksum;
                bool corrupt = detectable && random.NextDouble() < 0.003;
                bench.Rx(corrupt ? car.Corrupt(frame) : frame);
                reference.Observe(bench.Model, corrupt);
            }
            Assert.True(reference.Allowed == bench.Model.ControlsAllowed, $"seed {seed} step {step}: controls_allowed differs from the reference");

            // Host: a torque walk with occasional jumps, random request bits, random longitudinal values.
            command = random.NextDouble() < 0.05 ? random.Next(-torque.Max * 2, torque.Max * 2)
                : command + random.Next(-torque.MaxRateUp, torque.MaxRateUp + 1) * (random.NextDouble() < 0.1 ? 2 : 1);
            bool request = random.NextDouble() < 0.9;
            bool controlsBefore = bench.Model.ControlsAllowed;
            var steer = car.Steer(command, request);
            bool sent = bench.Tx(steer);
            var decoded = car.Brand.ReadTx(steer.Address, steer.Data);
            if (sent)
            {
                Assert.True(bench.Model.Mode == car.Mode, "a frame passed after the device left the car mode");
                Assert.True(Math.Abs(decoded.Torque) <= torque.Max, $"seed {seed} step {step}: torque {decoded.Torque} above max");
                Assert.True(decoded.Torque == 0 || (controlsBefore && decoded.SteerRequest), $"step {step}: torque without control or request");
                Assert.True(decoded.Torque <= Math.Max(lastPassedTorque, 0) + torque.MaxRateUp, $"step {step}: rate up");
                Assert.True(decoded.Torque >= Math.Min(lastPassedTorque, 0) - torque.MaxRateUp, $"step {step}: rate up (negative)");
                if (decoded.Torque != 0) allowedActuation++;
                lastPassedTorque = bench.Model.ControlsAllowed ? decoded.Torque : 0;
            }
            else lastPassedTorque = 0;

            int value = random.Next(-40_000, 40_000);
            foreach (var (frame, field, _) in car.Longitudinal(random.NextDouble() < 0.5 ? value : value % 300))
            {
                var cmd = car.Brand.ReadTx(frame.Address, frame.Data);
                bool longitudinalAllowed = bench.Model.ControlsAllowed && !bench.Model.Vehicle.GasPressed;
                if (!bench.Tx(frame)) continue;
                switch (field)
                {
                    case TxFields.Accel:
                        Assert.InRange(cmd.Accel, longitudinal.MinAccel, longitudinal.MaxAccel);
                        Assert.True(longitudinalAllowed || cmd.Accel == longitudinal.InactiveAccel);
                        break;
                    case TxFields.Gas:
                        Assert.InRange(cmd.Gas, longitudinal.InactiveGas, longitudinal.MaxGas);
                        Assert.True(longitudinalAllowed || cmd.Gas == longitudinal.InactiveGas);
                        break;
                    default:
                        Assert.InRange(cmd.Brake, 0, longitudinal.MaxBrake);
                        Assert.True(longitudinalAllowed || cmd.Brake == 0);
                        break;
                }
                allowedActuation++;
            }
        }
        return allowedActuation;
    }

    private static bool Toggle(Random random, bool value, double on, double off) =>
        random.NextDouble() < (value ? off : on) ? !value : value;

    /// <summary>
    /// The controls_allowed rules written out plainly from the issue text, from the model's decoded inputs; it shares no
    /// code with the model's state machine.
    /// </summary>
    private sealed class ReferenceControls
    {
        private bool _allowed, _cruisePrev, _brakePrev;

        public void Observe(SafetyModel model, bool corrupt)
        {
            var v = model.Vehicle;
            bool moving = v.Speed > 0.3;                                  // m/s, VehicleLimits.StandstillSpeed
            bool mismatch = Math.Abs(v.Speed - v.SpeedCheck) > 2.0;       // m/s, VehicleLimits.MaxSpeedMismatch
            if (corrupt || !model.RxValid)
            {
                _allowed = false;
            }
            else
            {
                if (v.CruiseEngaged && !_cruisePrev) _allowed = true;
                if (!v.CruiseEngaged || (v.BrakePressed && (!_brakePrev || moving)) || v.SteeringFault || mismatch) _allowed = false;
            }
            _cruisePrev = v.CruiseEngaged;
            _brakePrev = v.BrakePressed;
        }

        public bool Allowed => _allowed;
    }
}
