using Pilot.Car.Model;
using EventCarParams = Pilot.Messaging.Events.CarParams;

namespace Pilot.Car.Messaging;

/// <summary>Writes <see cref="CarParamsData"/> into a <c>carParams</c> Event payload.</summary>
public static class CarParamsWriter
{
    public static void Write(CarParamsData p, EventCarParams.Builder b)
    {
        b.SetBrand(p.Brand);
        b.SetCarFingerprint(p.CarFingerprint);
        b.SetFingerprintSource((EventCarParams.FingerprintSource)(ushort)p.FingerprintSource);   // same ordinals
        b.SetMass((float)p.Mass);
        b.SetWheelbase((float)p.Wheelbase);
        b.SetCenterToFront((float)p.CenterToFront);
        b.SetSteerRatio((float)p.SteerRatio);
        b.SetTireStiffnessFront((float)p.TireStiffnessFront);
        b.SetTireStiffnessRear((float)p.TireStiffnessRear);
        b.SetSteerControlType(EventCarParams.SteerControlType.Torque);   // every port steers by torque
        b.SetSteerActuatorDelay((float)p.SteerActuatorDelay);
        b.SetSteerLimitTimer((float)p.SteerLimitTimer);
        b.SetMinEnableSpeed((float)p.MinEnableSpeed);
        b.SetMinSteerSpeed((float)p.MinSteerSpeed);
        b.SetPilotLongitudinalControl(p.PilotLongitudinalControl);
        b.SetRadarUnavailable(p.RadarUnavailable);
        var configs = b.InitSafetyConfigs(p.SafetyConfigs.Count);
        for (int i = 0; i < p.SafetyConfigs.Count; i++)
        {
            configs[i].SetSafetyModel((EventCarParams.SafetyModel)p.SafetyConfigs[i].SafetyModel);
            configs[i].SetSafetyParam(p.SafetyConfigs[i].SafetyParam);
        }
        b.SetVEgoStopping((float)p.VEgoStopping);
        b.SetVEgoStarting((float)p.VEgoStarting);
        b.SetStopAccel((float)p.StopAccel);
        b.SetStoppingDecelRate((float)p.StoppingDecelRate);
        b.SetLongitudinalActuatorDelay((float)p.LongitudinalActuatorDelay);
        var lat = b.InitLateralTuning();
        lat.SetLatAccelFactor((float)p.LateralTuning.LatAccelFactor);
        lat.SetLatAccelOffset((float)p.LateralTuning.LatAccelOffset);
        lat.SetFriction((float)p.LateralTuning.Friction);
        lat.SetKp((float)p.LateralTuning.Kp);
        lat.SetKi((float)p.LateralTuning.Ki);
        var lon = b.InitLongitudinalTuning();
        Fill(lon.InitKpBreakpoints(p.LongitudinalTuning.KpBreakpoints.Length), p.LongitudinalTuning.KpBreakpoints);
        Fill(lon.InitKpValues(p.LongitudinalTuning.KpValues.Length), p.LongitudinalTuning.KpValues);
        Fill(lon.InitKiBreakpoints(p.LongitudinalTuning.KiBreakpoints.Length), p.LongitudinalTuning.KiBreakpoints);
        Fill(lon.InitKiValues(p.LongitudinalTuning.KiValues.Length), p.LongitudinalTuning.KiValues);
    }

    private static void Fill(Pilot.Capnp.Schema.Views.PrimitiveListBuilder<float> list, double[] values)
    {
        for (int i = 0; i < values.Length; i++) list[i] = (float)values[i];
    }
}
