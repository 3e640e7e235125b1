using Pilot.Can.Checksums;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Safety.Brands;

namespace Pilot.Bridge.Safety.Tests;

/// <summary>What Bosch and Nidec share: counters, checksums, driver-torque limits.</summary>
public abstract class HondaSafetySuite : SafetySuite
{
    protected HondaCar Honda => (HondaCar)Car;

    [Fact]
    public void FiveWrongCountersInvalidateAndGoodCountersRecover()
    {
        Bench.Engage();
        var frame = Car.RxFrames().First();
        for (int i = 0; i < 5; i++)
            Assert.True(Bench.Rx(frame));  // in sequence once, then the same counter: wrong, but not yet 5
        Assert.True(Model.ControlsAllowed);
        Assert.False(Bench.Rx(frame));     // the fifth wrong counter
        Assert.False(Model.ControlsAllowed);
        Assert.False(Model.RxValid);
        Bench.Step();                      // one good counter takes one wrong one back: valid again (panda)
        Assert.True(Model.RxValid);
        Assert.False(Model.ControlsAllowed);
        Bench.Engage();
    }

    [Fact]
    public void ChecksumMatchesPandaFormula()
    {
        // ENGINE_DATA 0x158, counter 2: the nibbles of 0x158 (1+5+8) plus the data nibbles, (8 - sum) & 0xF.
        byte[] data = [0x12, 0x34, 0, 0, 0, 0, 0, 0x20];
        int sum = 1 + 5 + 8 + 1 + 2 + 3 + 4 + 2;
        Assert.Equal((byte)((8 - sum) & 0xF), (byte)CarChecksums.Honda(0x158, data));
        data[7] |= (byte)CarChecksums.Honda(0x158, data);
        Assert.True(Car.Brand.ChecksumValid(0x158, data));
    }

    [Fact]
    public void OpposingDriverTorqueLowersTheCeiling()
    {
        Bench.Engage();
        Bench.Inputs.DriverTorque = -3000;  // the driver fights the command hard
        Bench.Step(TorqueSamples.Count);
        int reached = Bench.Ramp(Torque.Max, Torque.MaxRateUp);
        int ceiling = Torque.Max + (Torque.DriverAllowance - 3000 + 1) * Torque.DriverFactor;
        Assert.Equal(ceiling / Torque.MaxRateUp * Torque.MaxRateUp, reached);
    }

    [Fact]
    public void AboveTheDriverCeilingTheCommandMustFallAtTheRateDown()
    {
        Bench.Engage();
        Assert.Equal(2000, Bench.Ramp(2000, Torque.MaxRateUp));
        Bench.Inputs.DriverTorque = -4000;  // ceiling drops to 3840 + 1200 - 4000 + 1 = 1041
        Bench.Step(TorqueSamples.Count);
        Assert.False(Bench.Tx(Car.Steer(2000 - Torque.MaxRateDown + 1, request: true)));
        Bench.Inputs.DriverTorque = 0;
        Bench.Engage();
        Assert.Equal(2000, Bench.Ramp(2000, Torque.MaxRateUp));
        Bench.Inputs.DriverTorque = -4000;
        Bench.Step(TorqueSamples.Count);
        Assert.True(Bench.Tx(Car.Steer(2000 - Torque.MaxRateDown, request: true)));
        // Negative side: a driver pushing the other way limits negative commands.
        Bench.Inputs.DriverTorque = 4000;
        Bench.Engage();
        Bench.Step(TorqueSamples.Count);
        Assert.Equal(-1040, Bench.Ramp(-Torque.Max, -Torque.MaxRateUp));
    }

    [Fact]
    public void EverySteerStatusIsClassified()
    {
        for (int status = 0; status < 16; status++)
        {
            var data = new byte[7];
            Pilot.Bridge.Safety.Brands.Honda.SteerStatusValue.Write(data, status);
            var state = new VehicleState();
            Car.Brand.Decode(Pilot.Bridge.Safety.Brands.Honda.SteerStatus, data, ref state);
            Assert.Equal(status is 5 or 6 or 7, state.SteeringFault);
        }
    }
}

public sealed class HondaBoschSafetyTests : HondaSafetySuite
{
    protected override SimulatedCar CreateCar() => new HondaCar(bosch: true);

    [Fact]
    public void PowertrainIsOnBusOneBehindTheHarness()
    {
        Assert.Equal(1, Honda.Bus);
        Assert.All(Car.Brand.Rx, check => Assert.Equal(1, check.Bus));
    }

    [Fact]
    public void OnlyTheCancelButtonWithoutControl()
    {
        Bench.Step();
        for (int code = 0; code < 8; code++)
            Assert.Equal(code == Car.Brand.CancelButton, Bench.Tx(Honda.Button(code)));
        Bench.Engage();
        for (int code = 0; code < 8; code++)
            Assert.True(Bench.Tx(Honda.Button(code)));
    }

    [Fact]
    public void LongitudinalLimitsAreMinusThreePointFiveToTwo()
    {
        var limits = Car.Brand.Longitudinal;
        Assert.Equal((-350, 200), (limits.MinAccel, limits.MaxAccel));  // cm/s²
    }
}

public sealed class HondaNidecSafetyTests : HondaSafetySuite
{
    protected override SimulatedCar CreateCar() => new HondaCar(bosch: false);

    [Fact]
    public void BrakeCeilingIsPandas()
    {
        Bench.Engage();
        var (brake, _, _) = Car.Longitudinal(255).Single();
        Assert.True(Bench.Tx(brake));
        var (tooMuch, _, _) = Car.Longitudinal(256).Single();
        Assert.False(Bench.Tx(tooMuch));
    }

    [Fact]
    public void NidecSendsNoAccelAndNoButtons()
    {
        Assert.DoesNotContain(Car.Brand.Tx, rule => rule.Address is Pilot.Bridge.Safety.Brands.Honda.AccControl or Pilot.Bridge.Safety.Brands.Honda.ScmButtons);
        Assert.Equal(0, Assert.IsType<HondaCar>(Car).Bus);
    }
}
