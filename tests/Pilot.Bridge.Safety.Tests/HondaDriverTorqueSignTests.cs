using Pilot.Bridge.Safety.Brands;
using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Testing;

namespace Pilot.Bridge.Safety.Tests;

/// <summary>
/// Driver torque in each direction against steering commands in each direction, at the limits, with every frame
/// packed from physical values through the car's DBC by the CAN library's packer (counters and Honda checksums
/// included). The DBC gives the meaning of a direction: STEER_TORQUE_SENSOR's physical value is positive left (factor
/// −1, openpilot's carState convention), STEER_TORQUE is positive right (factor +1, openpilot's "CAN reference,
/// positive when steering right"). A driver turning the way the command does must never lower its limit; a driver
/// turning against it lowers it to Max + allowance − |driver| + 1 (the +1 is the sample history's rounding margin).
/// </summary>
public sealed class HondaDriverTorqueSignTests
{
    public enum Side { Left, Right }

    private const long FrameUs = 10_000;     // 100 Hz
    private const double SpeedKph = 72;

    public static TheoryData<string, Side, Side, int> Cases()
    {
        var data = new TheoryData<string, Side, Side, int>();
        foreach (string car in new[] { "nidec", "bosch" })
            foreach (var driver in new[] { Side.Left, Side.Right })
                foreach (var command in new[] { Side.Left, Side.Right })
                    foreach (int units in new[] { 1202, 2500 })  // just past the 1200 allowance, and well past it
                        data.Add(car, driver, command, units);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void TheCommandsLimitFollowsTheDriversDirection(string car, Side driver, Side command, int driverUnits)
    {
        var bench = new PackedHonda(car) { DriverLeftPositive = driver == Side.Left ? driverUnits : -driverUnits };
        var limits = bench.Honda.Torque;
        int limit = driver == command ? limits.Max : limits.Max + (limits.DriverAllowance - driverUnits + 1) * limits.DriverFactor;
        int sign = command == Side.Right ? 1 : -1;   // STEER_TORQUE physical = raw, positive right

        bench.Engage();
        int reached = bench.RampTo(sign * limit, limits.MaxRateUp);
        Assert.True(reached == sign * limit,
            $"{car}: driver {driver} {driverUnits}, command {command}: stopped at {reached}, the limit is {sign * limit}");
        Assert.False(bench.Steer(sign * (limit + 1)), $"{car}: one unit beyond the limit {sign * limit} passed");
    }

    [SkippableFact]
    public void TheDecodedDriverTorqueHasTheCommandsSign()
    {
        var bench = new PackedHonda("nidec") { DriverLeftPositive = 2500 };   // the driver turns left
        bench.Engage();
        var driver = bench.Model.Vehicle.DriverTorque;
        Assert.Equal((-2501, -2499), (driver.Min, driver.Max));              // left is negative STEER_TORQUE
    }

    /// <summary>A safety model fed by a Honda whose every frame comes from the DBC packer.</summary>
    private sealed class PackedHonda
    {
        private readonly CanPacker _packer;
        private readonly int _pt;
        private long _now;
        private bool _cruise;

        public PackedHonda(string car)
        {
            string dbc = car == "nidec"
                ? Path.Combine(TestData.RepoRoot, "can", "dbc", "opendbc", "honda_civic_touring_2016_can.dbc")
                : TestData.Require("dbc/opendbc/dbc/generator/honda/acura_rdx_2020_can.dbc");
            _packer = new CanPacker(DbcDatabase.Load(dbc));
            Honda = car == "nidec" ? Brands.Honda.Nidec : Brands.Honda.Bosch;
            _pt = Honda.PowertrainBus;
            Assert.True(Model.SetMode(car == "nidec" ? SafetyMode.HondaNidec : SafetyMode.HondaBosch, _now));
        }

        public SafetyModel Model { get; } = new();
        public Honda Honda { get; }
        public double DriverLeftPositive { get; init; }   // STEER_TORQUE_SENSOR physical value

        /// <summary>Cruise off then on, with enough frames that the driver torque fills the sample history.</summary>
        public void Engage()
        {
            Step(TorqueSamples.Count);
            _cruise = true;
            Step(1);
            Assert.True(Model.ControlsAllowed, "the cruise-engage edge should allow control");
        }

        /// <summary>Steps toward <paramref name="target"/> by <paramref name="step"/> per frame; returns the last torque that passed.</summary>
        public int RampTo(int target, int step)
        {
            int passed = 0;
            while (passed != target)
            {
                int next = Math.Abs(target - passed) < step ? target : passed + Math.Sign(target) * step;
                Step(1);
                if (!Steer(next)) return passed;
                passed = next;
            }
            return passed;
        }

        public bool Steer(int torque)
        {
            var frame = _packer.Pack("STEERING_CONTROL", new Dictionary<string, double>
            {
                ["STEER_TORQUE"] = torque, ["STEER_TORQUE_REQUEST"] = 1,
            });
            return Model.Tx(0, frame.Address, frame.Data, _now);
        }

        private void Step(int frames)
        {
            for (int i = 0; i < frames; i++)
            {
                _now += FrameUs;
                Model.Heartbeat(_now, hostEngaged: true);
                Rx("ENGINE_DATA", new() { ["XMISSION_SPEED"] = SpeedKph });
                Rx("POWERTRAIN_DATA", new() { ["ACC_STATUS"] = _cruise ? 1 : 0 });
                Rx("STEER_STATUS", new() { ["STEER_TORQUE_SENSOR"] = DriverLeftPositive });
                Rx("CAR_SPEED", new() { ["CAR_SPEED"] = SpeedKph });
            }
        }

        private void Rx(string message, Dictionary<string, double> values)
        {
            var frame = _packer.Pack(message, values, _pt);
            Assert.True(Model.Rx(frame.Bus, frame.Address, frame.Data, _now), $"{message} failed the RX checks");
        }
    }
}
