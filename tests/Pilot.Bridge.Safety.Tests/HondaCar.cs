using Pilot.Can.Checksums;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Safety.Brands;

namespace Pilot.Bridge.Safety.Tests;

public sealed class HondaCar(bool bosch) : SimulatedCar
{
    private int _counter;
    private readonly Honda _honda = bosch ? Honda.Bosch : Honda.Nidec;

    public override SafetyMode Mode => bosch ? SafetyMode.HondaBosch : SafetyMode.HondaNidec;
    public override BrandHooks Brand => _honda;
    public int Bus => _honda.PowertrainBus;

    public override IEnumerable<Frame> RxFrames()
    {
        int counter = _counter;
        _counter = (_counter + 1) & 3;
        var engine = Bytes(8);
        Honda.XmissionSpeed.Write(engine, (int)Math.Round(Inputs.Speed * 3.6 / 0.01));
        yield return Sealed(Honda.EngineData, engine, counter);

        var powertrain = Bytes(8);
        Honda.PedalGas.Write(powertrain, Inputs.Gas ? 40 : 0);
        Honda.AccStatus.Write(powertrain, Inputs.Cruise ? 1 : 0);
        Honda.BrakePressed.Write(powertrain, Inputs.Brake ? 1 : 0);
        yield return Sealed(Honda.PowertrainData, powertrain, counter);

        var steer = Bytes(7);
        Honda.SteerTorqueSensor.Write(steer, Inputs.DriverTorque);  // raw, positive right like the command
        Honda.SteerStatusValue.Write(steer, Inputs.SteerFault ? 5 : 0);
        yield return Sealed(Honda.SteerStatus, steer, counter);

        var carSpeed = Bytes(8);
        Honda.CarSpeedValue.Write(carSpeed, (int)Math.Round((Inputs.Speed + Inputs.SpeedCheckOffset) * 3.6 / 0.01));
        yield return Sealed(Honda.CarSpeed, carSpeed, counter);
    }

    /// <summary>A message with the given counter and a valid checksum.</summary>
    public Frame Sealed(uint address, byte[] data, int counter)
    {
        Honda.Counter(data.Length).Write(data, counter);
        data[^1] = (byte)((data[^1] & 0xF0) | (byte)CarChecksums.Honda(address, data));
        return new Frame(Bus, address, data);
    }

    public override Frame Steer(int torque, bool request)
    {
        var data = Bytes(5);
        Honda.SteerTorque.Write(data, torque);
        Honda.SteerTorqueRequest.Write(data, request ? 1 : 0);
        return new Frame(0, Honda.SteeringControl, data);
    }

    public override IEnumerable<(Frame Frame, TxFields Field, int Value)> Longitudinal(int value)
    {
        if (bosch)
        {
            var accel = Bytes(8);
            Honda.AccelCommand.Write(accel, value);
            Honda.GasCommand.Write(accel, _honda.Longitudinal.InactiveGas);
            yield return (new Frame(Bus, Honda.AccControl, accel), TxFields.Accel, value);
            var gas = Bytes(8);
            Honda.GasCommand.Write(gas, value);
            yield return (new Frame(Bus, Honda.AccControl, gas), TxFields.Gas, value);
        }
        else
        {
            var brake = Bytes(8);
            Honda.ComputerBrake.Write(brake, value);
            yield return (new Frame(0, Honda.BrakeCommand, brake), TxFields.Brake, value);
        }
    }

    public override Frame Display() => new(0, Honda.LkasHud, Bytes(5));

    /// <summary>A cruise-button frame (Bosch only).</summary>
    public Frame Button(int code)
    {
        var data = Bytes(4);
        Honda.CruiseButtons.Write(data, code);
        return new Frame(Bus, Honda.ScmButtons, data);
    }
}
