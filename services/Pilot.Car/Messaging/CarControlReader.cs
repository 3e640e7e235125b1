using Pilot.Car.Model;
using EventCarControl = Pilot.Messaging.Events.CarControl;

namespace Pilot.Car.Messaging;

/// <summary>Reads the fields of a <c>carControl</c> Event payload that car ports act on.</summary>
public static class CarControlReader
{
    public static CarControlData Read(EventCarControl.Reader c)
    {
        var actuators = c.Actuators;
        var cruise = c.CruiseControl;
        var hud = c.HudControl;
        return new CarControlData
        {
            Enabled = c.Enabled,
            LatActive = c.LatActive,
            LongActive = c.LongActive,
            Accel = actuators.Accel,
            Torque = actuators.Torque,
            CruiseCancel = cruise.Cancel,
            CruiseResume = cruise.Resume,
            SpeedVisible = hud.SpeedVisible,
            SetSpeed = hud.SetSpeed,
            LanesVisible = hud.LanesVisible,
            LeadVisible = hud.LeadVisible,
            LeadDistanceBars = hud.LeadDistanceBars,
            VisualAlert = (VisualAlert)(ushort)hud.VisualAlert,   // VisualAlert mirrors the schema's ordinals
        };
    }
}
