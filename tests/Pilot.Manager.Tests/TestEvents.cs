using Pilot.Capnp;
using Pilot.Messaging.Events;

namespace Pilot.Manager.Tests;

/// <summary>Hand-built framed Events with chosen times and values.</summary>
internal static class TestEvents
{
    private static (MessageBuilder, Event.Builder) Start(ulong t)
    {
        var m = new MessageBuilder(512);
        var ev = new Event.Builder(m.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        ev.SetLogMonoTime(t);
        return (m, ev);
    }

    public static byte[] Simulator(ulong t, double time, double odometer, float vEgo, float laneOffset, float? leadGap = null,
        bool collision = false, string scenario = "highway")
    {
        var (m, ev) = Start(t);
        var s = ev.InitSimulatorState();
        s.SetScenario(scenario);
        s.SetTime(time);
        s.SetOdometer(odometer);
        s.SetVEgo(vEgo);
        s.SetLaneOffset(laneOffset);
        s.SetLeadPresent(leadGap is not null);
        s.SetLeadGap(leadGap ?? 0);
        s.SetCollision(collision);
        return m.ToFramedArray();
    }

    public static byte[] Selfdrive(ulong t, bool enabled, string alertType = "", string text1 = "")
    {
        var (m, ev) = Start(t);
        var s = ev.InitSelfdriveState();
        s.SetEnabled(enabled);
        s.SetState(enabled ? SelfdriveState.State.Enabled : SelfdriveState.State.Disabled);
        s.SetAlertType(alertType);
        s.SetAlertText1(text1);
        return m.ToFramedArray();
    }

    public static byte[] Manager(ulong t, params (string Name, bool Running, float Cpu, ulong Memory, uint Restarts)[] processes)
    {
        var (m, ev) = Start(t);
        var list = ev.InitManagerState().InitProcesses(processes.Length);
        for (int i = 0; i < processes.Length; i++)
        {
            list[i].SetName(processes[i].Name);
            list[i].SetRunning(processes[i].Running);
            list[i].SetCpuPercent(processes[i].Cpu);
            list[i].SetMemoryBytes(processes[i].Memory);
            list[i].SetRestartCount(processes[i].Restarts);
        }
        return m.ToFramedArray();
    }

    public static byte[] CarState(ulong t, float vEgo)
    {
        var (m, ev) = Start(t);
        ev.InitCarState().SetVEgo(vEgo);
        return m.ToFramedArray();
    }

    public static byte[] Radar(ulong t, float? leadDistance)
    {
        var (m, ev) = Start(t);
        var lead = ev.InitRadarState().InitLeadOne();
        lead.SetStatus(leadDistance is not null);
        lead.SetDRel(leadDistance ?? 0);
        return m.ToFramedArray();
    }

    public static byte[] Output(ulong t, ulong controlMonoTime, ulong frameSof, ulong sentAt)
    {
        var (m, ev) = Start(t);
        var o = ev.InitCarOutput();
        o.SetControlMonoTime(controlMonoTime);
        o.SetFrameSofMonoTime(frameSof);
        o.SetSendcanMonoTime(sentAt);
        return m.ToFramedArray();
    }

    public static byte[] Controls(ulong t, float vCruise)
    {
        var (m, ev) = Start(t);
        ev.InitControlsState().SetVCruise(vCruise);
        return m.ToFramedArray();
    }
}
