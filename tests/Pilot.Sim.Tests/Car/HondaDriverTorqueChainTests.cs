using Pilot.Bridge.Safety;
using Pilot.Can.Packing;
using Pilot.Sim.Car;
using Pilot.Sim.Car.Honda;

namespace Pilot.Sim.Tests.Car;

/// <summary>
/// The driver torque the simulated Civic puts on its CAN reaches the device's Honda Nidec safety model with the meaning
/// the model expects: a command that turns the simulated EPS the driver's way keeps full authority, a command against
/// the driver is limited by what the driver applies. The commands are the frames the model passed, obeyed by the
/// simulated EPS itself, so the direction is the car's, not a sign written into the test.
/// </summary>
public sealed class HondaDriverTorqueChainTests
{
    private const long FrameUs = 10_000;   // 100 Hz
    private const double DriverNm = 5;     // 2000 STEER_TORQUE_SENSOR units: beyond the 1200-unit allowance

    [Theory]
    [InlineData(DriverNm, true)]
    [InlineData(DriverNm, false)]
    [InlineData(-DriverNm, true)]
    [InlineData(-DriverNm, false)]
    public void CommandsWithTheDriverKeepFullAuthorityAndCommandsAgainstHimAreLimited(double driverNm, bool withDriver)
    {
        var chain = new Chain(driverNm);
        var limits = Bridge.Safety.Brands.Honda.Nidec.Torque;
        int driverUnits = (int)Math.Round(Math.Abs(driverNm) * HondaCivicCan.SensorUnitsPerNm);
        int limit = withDriver ? limits.Max : limits.Max + (limits.DriverAllowance - driverUnits + 1) * limits.DriverFactor;
        int sign = chain.SignTurningWithDriver() * (withDriver ? 1 : -1);

        for (int magnitude = 0; magnitude < limit;)
        {
            magnitude = Math.Min(magnitude + limits.MaxRateUp, limit);   // as fast as the rate limit lets it grow
            chain.Step(1);
            Assert.True(chain.Steer(sign * magnitude), $"the device refused {sign * magnitude}, within the limit {sign * limit}");
        }
        double eps = chain.Eps();
        Assert.Equal(withDriver, Math.Sign(eps) == Math.Sign(driverNm));   // the EPS turns the way the test meant
        Assert.Equal((double)limit / HondaCivicCan.SteerTorqueMax, Math.Abs(eps), 6);
        Assert.False(chain.Steer(sign * (limit + 1)), "one unit beyond the limit passed");
    }

    /// <summary>The simulated Civic's CAN, the device's safety model on its powertrain bus, and a host packing commands.</summary>
    private sealed class Chain
    {
        private readonly HondaCivicCan _car = new();
        private readonly SafetyModel _device = new();
        private readonly CanPacker _host = new(DbcFiles.Load(DbcFiles.HondaCivic));
        private readonly CarSnapshot _snapshot;
        private readonly List<CanFrame> _frames = [];
        private long _nowUs;

        public Chain(double driverNm)
        {
            _snapshot = new CarSnapshot { SpeedMps = 20, MainOn = true, DriverTorqueNm = driverNm };
            Assert.True(_device.SetMode(SafetyMode.HondaNidec, 0));
            Step(10);                       // every checked message heard, the driver torque history filled
            _snapshot.CruiseEngaged = true; // the engage edge
            Step(1);
            Assert.True(_device.ControlsAllowed, "the cruise-engage edge should allow control");
        }

        /// <summary>The STEER_TORQUE sign the simulated EPS turns toward the driver's torque (asked of the car, not the safety model).</summary>
        public int SignTurningWithDriver()
        {
            var probe = new HondaCivicCan();
            probe.Receive(0, _host.Pack("STEERING_CONTROL", new Dictionary<string, double> { ["STEER_TORQUE"] = 1000, ["STEER_TORQUE_REQUEST"] = 1 }));
            double eps = probe.Actuation(0, _snapshot).EpsTorque;
            Assert.NotEqual(0, eps);
            return Math.Sign(eps) == Math.Sign(_snapshot.DriverTorqueNm) ? 1 : -1;
        }

        /// <summary>Asks the device to send a steering command; what it passes reaches the simulated EPS.</summary>
        public bool Steer(int torque)
        {
            var frame = _host.Pack("STEERING_CONTROL", new Dictionary<string, double> { ["STEER_TORQUE"] = torque, ["STEER_TORQUE_REQUEST"] = 1 });
            if (!_device.Tx(frame.Bus, frame.Address, frame.Data, _nowUs)) return false;
            Assert.True(_car.Commands.Receive(_nowUs * 1000, frame), "the car refused a frame the device passed");
            return true;
        }

        /// <summary>The EPS torque the car applies now, normalised, positive left.</summary>
        public double Eps() => _car.Actuation(_nowUs * 1000, _snapshot).EpsTorque;

        /// <summary>Advances <paramref name="frames"/> 10 ms frames: the car's traffic into the device, then the host's heartbeat.</summary>
        public void Step(int frames)
        {
            for (int i = 0; i < frames; i++)
            {
                _nowUs += FrameUs;
                _frames.Clear();
                _car.Emit(_nowUs * 1000, _snapshot, _frames);
                foreach (var f in _frames)
                    if (f.Bus == HondaCivicCan.PowertrainBus)
                        Assert.True(_device.Rx(f.Bus, f.Address, f.Data, _nowUs), $"the device refused {f}");
                _device.Heartbeat(_nowUs, hostEngaged: true);
            }
        }
    }
}
