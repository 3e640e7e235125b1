using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Safety.Tests;

/// <summary>
/// The checks every car mode must pass (the shape of opendbc's tests/safety/common.py): each brand's test class
/// inherits this suite and adds its brand-specific limits.
/// </summary>
public abstract class SafetySuite
{
    protected SafetySuite() => Bench = new SafetyBench(CreateCar());

    protected SafetyBench Bench { get; }
    protected SafetyModel Model => Bench.Model;
    protected SimulatedCar Car => Bench.Car;
    protected TorqueLimits Torque => Car.Brand.Torque;

    protected abstract SimulatedCar CreateCar();

    [Fact]
    public void ControlIsOffAfterSetModeEvenWithCruiseAlreadyOn()
    {
        Bench.Inputs.Cruise = true;
        Bench.Step(5);
        Assert.True(Model.RxValid);
        Assert.False(Model.ControlsAllowed);  // no rising edge: cruise was on before the device could see it
        Assert.False(Bench.Tx(Car.Steer(1, request: true)));
    }

    [Fact]
    public void EngagesOnlyOnTheCruiseRisingEdge()
    {
        Bench.Engage();
        Bench.Inputs.Cruise = false;
        Bench.Step();
        Assert.False(Model.ControlsAllowed);  // cruise off
        Bench.Step(3);
        Assert.False(Model.ControlsAllowed);
        Bench.Engage();
    }

    [Fact]
    public void CruiseEdgeBeforeEveryRxMessageWasHeardDoesNotEngage()
    {
        Bench.Inputs.Cruise = true;
        foreach (var frame in Car.RxFrames()) Bench.Rx(frame);  // first time any message is heard
        Bench.Step(3);
        Assert.False(Model.ControlsAllowed);
    }

    [Fact]
    public void BrakeRisingEdgeDisengagesEvenAtStandstill()
    {
        Bench.Engage();
        Bench.Inputs.Brake = true;
        Bench.Step();
        Assert.False(Model.ControlsAllowed);
    }

    [Fact]
    public void BrakeHeldAtStandstillAllowsEngagingButHeldWhileMovingDisengages()
    {
        Bench.Inputs.Brake = true;
        Bench.Step();
        Bench.Engage();  // standstill with the brake held: engaging is allowed (panda: only rising edge or moving)
        Bench.Inputs.Speed = 10;
        Bench.Step();
        Assert.False(Model.ControlsAllowed);
        Bench.CycleCruise();
        Assert.False(Model.ControlsAllowed);  // brake held while moving blocks the edge too
    }

    [Fact]
    public void GasBlocksLongitudinalButNotSteering()
    {
        Bench.Inputs.Speed = 10;
        Bench.Engage();
        Bench.Inputs.Gas = true;
        Bench.Step();
        Assert.True(Model.ControlsAllowed);
        Assert.True(Bench.Tx(Car.Steer(Torque.MaxRateUp, request: true)));
        foreach (var (frame, _, _) in Car.Longitudinal(100)) Assert.False(Bench.Tx(frame));
        Bench.Inputs.Gas = false;
        Bench.Step();
        foreach (var (frame, _, _) in Car.Longitudinal(100)) Assert.True(Bench.Tx(frame));
    }

    [Fact]
    public void SteeringFaultDisengages()
    {
        Bench.Engage();
        Bench.Inputs.SteerFault = true;
        Bench.Step();
        Assert.False(Model.ControlsAllowed);
        Bench.CycleCruise();
        Assert.False(Model.ControlsAllowed);
    }

    [Fact]
    public void SpeedSourcesThatDisagreeDisengageAndBlockEngaging()
    {
        Bench.Inputs.Speed = 20;
        Bench.Engage();
        Bench.Inputs.SpeedCheckOffset = 3;  // m/s, beyond VehicleLimits.MaxSpeedMismatch
        Bench.Step();
        Assert.True(Model.SpeedMismatch);
        Assert.False(Model.ControlsAllowed);
        Bench.CycleCruise();
        Assert.False(Model.ControlsAllowed);
        Bench.Inputs.SpeedCheckOffset = 1;  // within tolerance
        Bench.Engage();
    }

    [Fact]
    public void EveryBadChecksumIsRefusedCountedAndDisengages()
    {
        var checkedFrames = Car.RxFrames().Where(f => Car.Brand.Rx.Single(c => c.Address == f.Address).Checksum).ToList();
        Assert.NotEmpty(checkedFrames);
        foreach (var frame in checkedFrames)
        {
            Bench.Engage();
            uint before = Model.Counters.RxInvalid;
            Assert.False(Bench.Rx(Car.Corrupt(frame)));
            Assert.Equal(before + 1, Model.Counters.RxInvalid);
            Assert.False(Model.ControlsAllowed);
            Assert.False(Model.RxValid);
            Bench.Step();
            Assert.True(Model.RxValid);
        }
    }

    [Fact]
    public void WrongLengthIsRefused()
    {
        Bench.Engage();
        var frame = Car.RxFrames().First();
        Assert.False(Bench.Rx(frame with { Data = frame.Data[..^1] }));
        Assert.False(Model.ControlsAllowed);
    }

    [Fact]
    public void CheckedAddressOnAnotherBusIsNotAnInput()
    {
        Bench.Engage();
        var frame = Car.Corrupt(Car.RxFrames().First());
        Assert.True(Bench.Rx(frame with { Bus = frame.Bus + 2 }));  // not the message the check is about
        Assert.True(Model.ControlsAllowed);
        Assert.True(Bench.Rx(new Frame(0, 0x7FF, new byte[8])));    // an address no check mentions
    }

    [Fact]
    public void ALateRxMessageDisengagesAndEachLateMessageIsCountedOnce()
    {
        Bench.Engage();
        var late = Car.RxFrames().First().Address;
        long start = Bench.Now;
        while (Bench.Now - start < 1_100_000)  // > max(10 periods, 1 s) for every check
        {
            Bench.Now += SafetyBench.FrameUs;
            Model.Heartbeat(Bench.Now, Bench.HostEngaged);
            foreach (var frame in Car.RxFrames().Where(f => f.Address != late)) Bench.Rx(frame);
            Model.Tick(Bench.Now);
        }
        Assert.False(Model.ControlsAllowed);
        Assert.False(Model.RxValid);
        Assert.Equal(1u, Model.Counters.RxTimeouts);
        Assert.False(Bench.Tx(Car.Steer(1, request: true)));
        Bench.Step();
        Assert.True(Model.RxValid);
        Assert.False(Model.ControlsAllowed);  // needs a new engage edge
        Bench.Engage();
    }

    [Fact]
    public void HeartbeatLossStopsActuationAndFallsBackToNoOutput()
    {
        Bench.Engage();
        Bench.Now += 1_000_001;  // one µs past SafetyOptions.HeartbeatTimeoutUs
        Bench.FeedRx();
        Assert.False(Bench.Tx(Car.Steer(0, request: false)));
        Assert.Equal(SafetyMode.NoOutput, Model.Mode);
        Assert.True(Model.HeartbeatLost);
        Assert.False(Model.ControlsAllowed);
        Assert.Equal(1u, Model.Counters.HeartbeatTimeouts);
        Assert.Equal(1u, Model.Counters.TxBlocked);
        Bench.Now += 5_000_000;
        Model.Tick(Bench.Now);
        Assert.Equal(1u, Model.Counters.HeartbeatTimeouts);  // no-output has nothing left to stop
    }

    [Fact]
    public void ExhaustiveScanOnlyWhitelistedAddressBusAndLengthPass()
    {
        Bench.Engage();
        var whitelist = Car.Brand.Tx.ToHashSet();
        for (uint address = 0; address <= 0x7FF; address++)
            for (int bus = 0; bus < 3; bus++)
                for (int length = 0; length <= 8; length++)
                {
                    bool expected = whitelist.Contains(new TxRule(address, bus, length));
                    Assert.True(expected == Model.Tx(bus, address, new byte[length], Bench.Now),
                        $"0x{address:X3} bus {bus} length {length}: expected {(expected ? "pass" : "refusal")}");
                }
        Assert.True(Model.ControlsAllowed);
    }

    [Fact]
    public void ExhaustiveScanNoNonZeroSteeringWithoutControl()
    {
        Bench.Step();
        for (int torque = -Torque.Max - 100; torque <= Torque.Max + 100; torque++)
            foreach (bool request in new[] { false, true })
            {
                bool expected = torque == 0 && !request;
                Assert.Equal(expected, Bench.Tx(Car.Steer(torque, request)));
            }
        Assert.Equal((uint)(2 * (2 * Torque.Max + 201) - 1), Model.Counters.TxBlockedWithoutControls);
    }

    [Fact]
    public void ExhaustiveScanNoLongitudinalActuationWithoutControl()
    {
        Bench.Step();
        var limits = Car.Brand.Longitudinal;
        for (int value = -40_000; value <= 40_000; value++)
            foreach (var (frame, field, v) in Car.Longitudinal(value))
            {
                int inactive = field switch { TxFields.Gas => limits.InactiveGas, TxFields.Accel => limits.InactiveAccel, _ => 0 };
                var decoded = Car.Brand.ReadTx(frame.Address, frame.Data);
                int sent = field switch { TxFields.Gas => decoded.Gas, TxFields.Accel => decoded.Accel, _ => decoded.Brake };
                Assert.Equal(sent == inactive, Bench.Tx(frame));
            }
        Assert.True(Model.Counters.TxBlockedWithoutControls > 0);
    }

    [Fact]
    public void DisplayFramesPassWithoutControl()
    {
        Bench.Step();
        Assert.True(Bench.Tx(Car.Display()));
        Assert.Equal(1u, Model.Counters.TxAllowed);
    }

    [Fact]
    public void TorqueRampsAtRateUpToMaxAndNoFurther()
    {
        Bench.Engage();
        // With the motor following and the driver hands-off, only the ceiling stops the ramp.
        Assert.Equal(Torque.Max, Bench.Ramp(Torque.Max, Torque.MaxRateUp));
        Bench.Now += SafetyBench.FrameUs;
        Assert.False(Bench.Tx(Car.Steer(Torque.Max + 1, request: true)));
        Bench.Engage();
        Assert.Equal(-Torque.Max, Bench.Ramp(-Torque.Max, -Torque.MaxRateUp));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void RateUpIsEnforcedFromZero(int sign)
    {
        Bench.Engage();
        Assert.False(Bench.Tx(Car.Steer(sign * (Torque.MaxRateUp + 1), request: true)));
        Assert.True(Bench.Tx(Car.Steer(sign * Torque.MaxRateUp, request: true)));
    }

    [Fact]
    public void ARefusedFrameResetsTheSteeringHistory()
    {
        Bench.Engage();
        int reached = Bench.Ramp(Torque.MaxRateUp * 4, Torque.MaxRateUp);
        Assert.Equal(Torque.MaxRateUp * 4, reached);
        Assert.False(Bench.Tx(Car.Steer(reached + Torque.MaxRateUp + 1, request: true)));
        Assert.False(Bench.Tx(Car.Steer(reached, request: true)));  // history is back at zero
        Assert.True(Bench.Tx(Car.Steer(Torque.MaxRateUp, request: true)));
    }

    [Fact]
    public void TorqueWithoutTheRequestBitIsRefused()
    {
        Bench.Engage();
        Assert.False(Bench.Tx(Car.Steer(1, request: false)));
        Assert.True(Bench.Tx(Car.Steer(0, request: false)));
        Assert.True(Bench.Tx(Car.Steer(0, request: true)));
    }

    [Fact]
    public void RealTimeWindowCapsTorqueChangeWhenFramesComeFast()
    {
        Bench.Engage();
        // 1 ms apart the per-frame rate never trips, but the 250 ms real-time window does.
        int reached = Bench.Ramp(Torque.Max, Torque.MaxRateUp, periodUs: 1_000);
        Assert.Equal(Torque.MaxRtDelta / Torque.MaxRateUp * Torque.MaxRateUp, reached);
        // After the window has passed a new window starts from the last command.
        Bench.Engage();
        int slow = Bench.Ramp(Torque.Max, Torque.MaxRateUp);
        Assert.Equal(Torque.Max, slow);
    }

    [Fact]
    public void AccelerationLimitsWhileEngaged()
    {
        Bench.Engage();
        var limits = Car.Brand.Longitudinal;
        foreach (var (frame, field, value) in Car.Longitudinal(0).Select(l => l))
        {
            (int min, int max) = field switch
            {
                TxFields.Accel => (limits.MinAccel, limits.MaxAccel),
                TxFields.Gas => (limits.InactiveGas, limits.MaxGas),
                _ => (0, limits.MaxBrake),
            };
            foreach (var (v, ok) in new[] { (min, true), (max, true), (min - 1, false), (max + 1, false) })
            {
                var (f, _, _) = Car.Longitudinal(v).Single(l => l.Field == field);
                Assert.True(ok == Bench.Tx(f), $"{field} {v}: expected {(ok ? "pass" : "refusal")}");
            }
        }
    }
}
