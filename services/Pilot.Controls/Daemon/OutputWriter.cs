using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Controls.Daemon;

/// <summary>Publishes carControl, controlsState and selfdriveState from a <see cref="ControlsFrame"/>; one reused buffer.</summary>
public sealed class OutputWriter(PubMaster pub)
{
    public static readonly string[] Services = ["carControl", "controlsState", "selfdriveState"];
    private const byte LeadDistanceBars = 2;   // the standard (1.45 s) following personality
    private readonly MessageBuilder _message = new();

    public void Publish(in ControlsFrame f, bool valid)
    {
        PublishCarControl(f, valid);
        PublishControlsState(f, valid);
        PublishSelfdriveState(f, valid);
    }

    private Event.Builder Root()
    {
        _message.Reset();
        return new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
    }

    private void PublishCarControl(in ControlsFrame f, bool valid)
    {
        var cc = Root().InitCarControl();
        cc.SetEnabled(f.Enabled);
        cc.SetLatActive(f.LatActive);
        cc.SetLongActive(f.LongActive);
        cc.SetCurrentCurvature((float)f.CurrentCurvature);
        cc.SetFrameSofMonoTime(f.FrameSofMonoTime);
        var a = cc.InitActuators();
        a.SetAccel((float)f.Longitudinal.Accel);
        a.SetTorque((float)f.Lateral.Torque);
        a.SetCurvature((float)f.DesiredCurvature);
        a.SetSteeringAngleDeg((float)f.DesiredSteeringAngleDeg);
        a.SetLongControlState(f.Longitudinal.State);
        var cruise = cc.InitCruiseControl();
        cruise.SetCancel(f.CruiseCancel);
        cruise.SetResume(f.CruiseResume);
        cruise.SetOverride(f.GasOverride);
        var hud = cc.InitHudControl();
        hud.SetSpeedVisible(f.Enabled);
        hud.SetSetSpeed((float)f.VCruise);
        hud.SetLanesVisible(f.Enabled);
        hud.SetLeadVisible(f.LeadVisible);
        hud.SetLeadDistanceBars(LeadDistanceBars);
        hud.SetVisualAlert(f.Alert.Alert.Visual);
        hud.SetAudibleAlert(f.Alert.Alert.Sound);
        pub.Send("carControl", _message, valid);
    }

    private void PublishControlsState(in ControlsFrame f, bool valid)
    {
        var cs = Root().InitControlsState();
        cs.SetLongControlState(f.Longitudinal.State);
        cs.SetUpAccelCmd((float)f.Longitudinal.P);
        cs.SetUiAccelCmd((float)f.Longitudinal.I);
        cs.SetUfAccelCmd((float)f.Longitudinal.F);
        cs.SetATarget((float)f.ATarget);
        cs.SetCurvature((float)f.CurrentCurvature);
        cs.SetDesiredCurvature((float)f.DesiredCurvature);
        cs.SetVCruise((float)f.VCruise);
        cs.SetCumLagMs((float)f.CumLagMs);
        cs.SetForceDecel(f.State == SelfdriveState.State.SoftDisabling);
        var lat = cs.InitLateral();
        lat.SetActive(f.Lateral.Active);
        lat.SetError((float)f.Lateral.ErrorLatAccel);
        lat.SetP((float)f.Lateral.P);
        lat.SetI((float)f.Lateral.I);
        lat.SetF((float)f.Lateral.F);
        lat.SetOutput((float)f.Lateral.Torque);
        lat.SetSaturated(f.Lateral.Saturated);
        lat.SetSteeringAngleDeg((float)f.SteeringAngleDeg);
        pub.Send("controlsState", _message, valid);
    }

    private void PublishSelfdriveState(in ControlsFrame f, bool valid)
    {
        var ss = Root().InitSelfdriveState();
        ss.SetState(f.State);
        ss.SetEnabled(f.Enabled);
        ss.SetActive(f.Active);
        ss.SetEngageable(f.Engageable);
        ss.SetAlertText1(f.Alert.Alert.Text1);
        ss.SetAlertText2(f.Alert.Text2);
        ss.SetAlertStatus(f.Alert.Alert.Status);
        ss.SetAlertSize(f.Alert.Alert.Size);
        ss.SetAlertType(f.Alert.AlertType);
        ss.SetAlertSound(f.Alert.Alert.Sound);
        ss.SetPersonality(SelfdriveState.Personality.Standard);
        pub.Send("selfdriveState", _message, valid);
    }
}
