using Pilot.Can.Checksums;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Safety.Brands;

namespace Pilot.Bridge.Safety.Tests;

public sealed class ToyotaCar : SimulatedCar
{
    public override SafetyMode Mode => SafetyMode.Toyota;
    public override BrandHooks Brand => Toyota.Hooks;

    public override IEnumerable<Frame> RxFrames()
    {
        double kph = Inputs.Speed * 3.6, checkKph = (Inputs.Speed + Inputs.SpeedCheckOffset) * 3.6;
        var wheels = Bytes(8);
        foreach (var wheel in Toyota.WheelSpeed) wheel.Write(wheels, (int)Math.Round((checkKph + 67.67) / 0.01));
        yield return new Frame(0, Toyota.WheelSpeeds, wheels);

        var speed = Bytes(8);
        Toyota.Speed.Write(speed, (int)Math.Round(kph / 0.01));
        yield return Sealed(Toyota.SpeedMessage, speed);

        var torque = Bytes(8);
        Toyota.TorqueDriver.Write(torque, Inputs.DriverTorque);
        Toyota.TorqueEps.Write(torque, Inputs.MeasuredTorque);
        yield return Sealed(Toyota.SteerTorqueSensor, torque);

        var cruise = Bytes(8);
        Toyota.CruiseActive.Write(cruise, Inputs.Cruise ? 1 : 0);
        Toyota.GasReleased.Write(cruise, Inputs.Gas ? 0 : 1);
        yield return Sealed(Toyota.PcmCruise, cruise);

        var brake = Bytes(8);
        Toyota.BrakePressed.Write(brake, Inputs.Brake ? 1 : 0);
        yield return new Frame(0, Toyota.BrakeModule, brake);

        var eps = Bytes(8);
        Toyota.LkaState.Write(eps, Inputs.SteerFault ? 25 : 5);
        yield return Sealed(Toyota.EpsStatus, eps);
    }

    private static Frame Sealed(uint address, byte[] data)
    {
        data[^1] = (byte)CarChecksums.Toyota(address, data);
        return new Frame(0, address, data);
    }

    public override Frame Steer(int torque, bool request)
    {
        var data = Bytes(5);
        Toyota.SteerRequest.Write(data, request ? 1 : 0);
        Toyota.SteerTorqueCmd.Write(data, torque);
        return new Frame(0, Toyota.SteeringLka, data);
    }

    public override IEnumerable<(Frame Frame, TxFields Field, int Value)> Longitudinal(int value)
    {
        var data = Bytes(8);
        Toyota.AccelCmd.Write(data, value);
        yield return (new Frame(0, Toyota.AccControl, data), TxFields.Accel, value);
    }

    public override Frame Display() => new(0, Toyota.LkasHud, Bytes(8));
}
