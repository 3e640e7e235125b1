using Pilot.Can.Checksums;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Safety.Brands;

namespace Pilot.Bridge.Safety.Tests;

public sealed class ToyotaSafetyTests : SafetySuite
{
    protected override SimulatedCar CreateCar() => new ToyotaCar();

    [Fact]
    public void LimitsAreTheArchitectureFigures()
    {
        Assert.Equal((1500, 15, 25, 450, 250_000L), (Torque.Max, Torque.MaxRateUp, Torque.MaxRateDown, Torque.MaxRtDelta, Torque.RtIntervalUs));
        Assert.Equal((-3500, 2000), (Toyota.Hooks.Longitudinal.MinAccel, Toyota.Hooks.Longitudinal.MaxAccel));
    }

    [Fact]
    public void CommandMayLeadTheMeasuredMotorTorqueByAtMostTheTorqueError()
    {
        Bench.Engage();
        // Motor stuck at zero: the ramp stops at the error allowance (+1 for the sample rounding margin).
        int passed = 0;
        for (int torque = Torque.MaxRateUp; torque <= Torque.Max; torque += Torque.MaxRateUp)
        {
            Bench.Step();
            if (!Bench.Tx(Car.Steer(torque, request: true))) break;
            passed = torque;
        }
        Assert.Equal((Torque.MaxTorqueError + 1) / Torque.MaxRateUp * Torque.MaxRateUp, passed);
    }

    [Fact]
    public void AboveTheMeasuredTorqueTheCommandMustFallAtTheRateDown()
    {
        Bench.Engage();
        int top = Bench.Ramp(900, Torque.MaxRateUp);
        Assert.Equal(900, top);
        // The motor drops to zero: from 900 the command must come down by at least MaxRateDown per frame.
        Bench.Inputs.MeasuredTorque = 0;
        Bench.Step(TorqueSamples.Count);
        Assert.False(Bench.Tx(Car.Steer(top - Torque.MaxRateDown + 1, request: true)));
        Bench.Engage();
        Assert.Equal(600, Bench.Ramp(600, Torque.MaxRateUp));
        Bench.Inputs.MeasuredTorque = 0;
        Bench.Step(TorqueSamples.Count);
        Assert.True(Bench.Tx(Car.Steer(600 - Torque.MaxRateDown, request: true)));
    }

    [Fact]
    public void ChecksumMatchesAKnownFrame()
    {
        // STEER_TORQUE_SENSOR 0x260 from a real TSS-P log: sum(0x60, 0x02, 8, data[0..6]) mod 256.
        byte[] frame = [0x08, 0xFF, 0xFB, 0x00, 0x00, 0xFF, 0xDA, 0x00];
        frame[7] = (byte)CarChecksums.Toyota(0x260, frame);
        Assert.Equal((byte)((0x60 + 0x02 + 8 + 0x08 + 0xFF + 0xFB + 0xFF + 0xDA) & 0xFF), frame[7]);
        Assert.True(Toyota.Hooks.ChecksumValid(0x260, frame));
    }

    [Fact]
    public void EveryLkaStateIsClassified()
    {
        for (int lka = 0; lka < 128; lka++)
        {
            var data = new byte[5];
            Toyota.LkaState.Write(data, lka);
            var state = new VehicleState();
            Toyota.Hooks.Decode(Toyota.EpsStatus, data, ref state);
            Assert.Equal(lka is 9 or 17 or 25, state.SteeringFault);
        }
    }

    [Fact]
    public void DecodesSpeedsInMetresPerSecond()
    {
        Bench.Inputs.Speed = 25;
        Bench.Step();
        Assert.Equal(25, Model.Vehicle.Speed, 2);
        Assert.Equal(25, Model.Vehicle.SpeedCheck, 2);
    }
}
