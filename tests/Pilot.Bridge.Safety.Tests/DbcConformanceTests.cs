using Pilot.Bridge.Safety.Brands;
using Pilot.Can.Dbc;
using Pilot.Testing;
using DbcSignal = Pilot.Can.Dbc.Signal;

namespace Pilot.Bridge.Safety.Tests;

/// <summary>
/// The safety hooks carry their signal layouts as constants (firmware loads no DBC); these tests hold every constant to
/// opendbc's DBC for the car, parsed by the CAN library, so a typo in a start bit cannot pass unnoticed.
/// </summary>
public sealed class DbcConformanceTests
{
    private static DbcDatabase Load(string relative) => DbcDatabase.Load(TestData.Require(relative));

    private static void Same(DbcDatabase db, uint address, string message, string signal, Signal ours)
    {
        var m = db.GetMessage(address);
        Assert.Equal(message, m.Name);
        DbcSignal s = m.Signals.Single(x => x.Name == signal);
        Assert.True(s.ByteOrder == ByteOrder.BigEndian, $"{message}.{signal} is not big-endian in {db.Name}");
        Assert.True((s.StartBit, s.Length, s.IsSigned) == (ours.StartBit, ours.Length, ours.Signed),
            $"{message}.{signal}: DBC {s.StartBit}|{s.Length}{(s.IsSigned ? "-" : "+")}, hooks {ours.StartBit}|{ours.Length}{(ours.Signed ? "-" : "+")}");
    }

    [SkippableFact]
    public void ToyotaSignalsMatchTheNoDsuDbc()
    {
        var db = Load("dbc/opendbc/dbc/generator/toyota/toyota_nodsu_pt.dbc");
        Same(db, Toyota.SteeringLka, "STEERING_LKA", "STEER_REQUEST", Toyota.SteerRequest);
        Same(db, Toyota.SteeringLka, "STEERING_LKA", "STEER_TORQUE_CMD", Toyota.SteerTorqueCmd);
        Same(db, Toyota.AccControl, "ACC_CONTROL", "ACCEL_CMD", Toyota.AccelCmd);
        Same(db, Toyota.SpeedMessage, "SPEED", "SPEED", Toyota.Speed);
        string[] wheels = ["WHEEL_SPEED_FR", "WHEEL_SPEED_FL", "WHEEL_SPEED_RR", "WHEEL_SPEED_RL"];
        for (int i = 0; i < 4; i++) Same(db, Toyota.WheelSpeeds, "WHEEL_SPEEDS", wheels[i], Toyota.WheelSpeed[i]);
        Same(db, Toyota.SteerTorqueSensor, "STEER_TORQUE_SENSOR", "STEER_TORQUE_DRIVER", Toyota.TorqueDriver);
        Same(db, Toyota.SteerTorqueSensor, "STEER_TORQUE_SENSOR", "STEER_TORQUE_EPS", Toyota.TorqueEps);
        Same(db, Toyota.PcmCruise, "PCM_CRUISE", "CRUISE_ACTIVE", Toyota.CruiseActive);
        Same(db, Toyota.PcmCruise, "PCM_CRUISE", "GAS_RELEASED", Toyota.GasReleased);
        Same(db, Toyota.BrakeModule, "BRAKE_MODULE", "BRAKE_PRESSED", Toyota.BrakePressed);
        Same(db, Toyota.EpsStatus, "EPS_STATUS", "LKA_STATE", Toyota.LkaState);
        Assert.All(Toyota.Hooks.Rx, check => Assert.Equal(db.GetMessage(check.Address).Length, check.Length));
        Assert.Equal(-67.67, db.GetMessage(Toyota.WheelSpeeds).Signals.First(s => s.Name == "WHEEL_SPEED_FL").Offset, 6);
    }

    [SkippableFact]
    public void HondaBoschSignalsMatchTheRdxDbc()
    {
        var db = Load("dbc/opendbc/dbc/generator/honda/acura_rdx_2020_can.dbc");
        CommonHonda(db);
        Same(db, Honda.AccControl, "ACC_CONTROL", "ACCEL_COMMAND", Honda.AccelCommand);
        Same(db, Honda.AccControl, "ACC_CONTROL", "GAS_COMMAND", Honda.GasCommand);
        Same(db, Honda.ScmButtons, "SCM_BUTTONS", "CRUISE_BUTTONS", Honda.CruiseButtons);
        Assert.Equal("cancel", db.GetMessage(Honda.ScmButtons).Signals.Single(s => s.Name == "CRUISE_BUTTONS").Choices[Honda.Bosch.CancelButton]);
    }

    [SkippableFact]
    public void HondaNidecSignalsMatchTheCivicDbc()
    {
        var db = Load("dbc/opendbc/dbc/generator/honda/honda_civic_touring_2016_can.dbc");
        CommonHonda(db);
        Same(db, Honda.BrakeCommand, "BRAKE_COMMAND", "COMPUTER_BRAKE", Honda.ComputerBrake);
    }

    private static double Factor(DbcDatabase db, uint address, string signal) =>
        db.GetMessage(address).Signals.Single(s => s.Name == signal).Factor;

    private static void CommonHonda(DbcDatabase db)
    {
        Same(db, Honda.SteeringControl, "STEERING_CONTROL", "STEER_TORQUE", Honda.SteerTorque);
        Same(db, Honda.SteeringControl, "STEERING_CONTROL", "STEER_TORQUE_REQUEST", Honda.SteerTorqueRequest);
        Same(db, Honda.EngineData, "ENGINE_DATA", "XMISSION_SPEED", Honda.XmissionSpeed);
        Same(db, Honda.PowertrainData, "POWERTRAIN_DATA", "PEDAL_GAS", Honda.PedalGas);
        Same(db, Honda.PowertrainData, "POWERTRAIN_DATA", "ACC_STATUS", Honda.AccStatus);
        Same(db, Honda.PowertrainData, "POWERTRAIN_DATA", "BRAKE_PRESSED", Honda.BrakePressed);
        Same(db, Honda.SteerStatus, "STEER_STATUS", "STEER_TORQUE_SENSOR", Honda.SteerTorqueSensor);
        // The hooks compare raw STEER_TORQUE_SENSOR with raw STEER_TORQUE (both positive right). That holds where the
        // command's physical value is its raw value (openpilot's right-positive CAN reference) and the sensor's is
        // negated (openpilot's left-positive carState); a DBC with other factors needs another rule.
        Assert.Equal(1, Factor(db, Honda.SteeringControl, "STEER_TORQUE"));
        Assert.Equal(-1, Factor(db, Honda.SteerStatus, "STEER_TORQUE_SENSOR"));
        Same(db, Honda.SteerStatus, "STEER_STATUS", "STEER_STATUS", Honda.SteerStatusValue);
        Same(db, Honda.CarSpeed, "CAR_SPEED", "CAR_SPEED", Honda.CarSpeedValue);
        foreach (var check in Honda.Bosch.Rx)
        {
            var m = db.GetMessage(check.Address);
            Assert.Equal(m.Length, check.Length);
            Same(db, check.Address, m.Name, "COUNTER", check.Counter);
        }
    }
}
