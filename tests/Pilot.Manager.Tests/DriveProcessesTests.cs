using Pilot.Manager.Drive;
using Pilot.Manager.Processes;
using Pilot.Messaging;

namespace Pilot.Manager.Tests;

/// <summary>The drive's process table: every daemon, each as a pilot command line, with its conditions.</summary>
public sealed class DriveProcessesTests
{
    private static readonly PilotLauncher Pilot = new("dotnet", ["/opt/pilot/pilot.dll"]);
    private static readonly Bus Bus = new(PortBase: 9100);

    private static ProcessSpec Row(DriveConfig config, string name) => DriveProcesses.Table(config, Pilot, Bus).Single(p => p.Name == name);

    [Fact]
    public void EveryDaemonRunsThroughThePilotCli()
    {
        var table = DriveProcesses.Table(new DriveConfig { OutDir = "/data/routes", Route = "2026-01-01--00-00-00" }, Pilot, Bus);
        Assert.Equal(["simulator", "bridge", "card", "camerad", "modeld", "radard", "plannerd", "controlsd", "loggerd"], table.Select(p => p.Name));
        Assert.All(table, p => Assert.True(p.Enabled && p.FileName == "dotnet" && p.Arguments[0] == "/opt/pilot/pilot.dll"));
        Assert.Equal("dotnet /opt/pilot/pilot.dll loggerd --out /data/routes --route 2026-01-01--00-00-00 --segment-seconds 60",
            table.Single(p => p.Name == "loggerd").CommandLine);
    }

    [Fact]
    public void EveryProcessIsToldTheBusOfTheTable()
    {
        var table = DriveProcesses.Table(new DriveConfig(), Pilot, new Bus(Transport.Shm, PortBase: 9100));
        Assert.All(table, p => Assert.Equal(new Dictionary<string, string> { ["PILOT_PORT_BASE"] = "9100", ["PILOT_TRANSPORT"] = "shm" }, p.Environment));
    }

    [Fact]
    public void TheCameraToCanLoopsRunRealTimeWithTheControlLoopsHighest()
    {
        var config = new DriveConfig();
        int? Priority(string name) => Row(config, name).RealtimePriority;
        Assert.All(new[] { "bridge", "card", "controlsd" }, n => Assert.Equal(DriveProcesses.ControlPriority, Priority(n)));
        Assert.All(new[] { "camerad", "modeld", "radard", "plannerd" }, n => Assert.True(Priority(n) < DriveProcesses.ControlPriority));
        Assert.True(Priority("simulator") > DriveProcesses.ControlPriority);   // the car's CAN keeps coming whatever the device does
        Assert.Null(Priority("loggerd"));   // a slow disk must never hold up control
    }

    [Fact]
    public void ARealtimeRowStartsUnderChrtWherePermitted()
    {
        var spec = new ProcessSpec("controlsd", "dotnet", ["pilot.dll", "controlsd"]) { RealtimePriority = 53 };
        static string Line(ProcessSpec s) => Realtime.CommandOf(s) is var (file, arguments) ? string.Join(' ', [file, .. arguments]) : "";
        Assert.Equal(Realtime.Available ? "chrt -f 53 dotnet pilot.dll controlsd" : "dotnet pilot.dll controlsd", Line(spec));
        Assert.Equal("dotnet pilot.dll loggerd", Line(spec with { RealtimePriority = null, Arguments = ["pilot.dll", "loggerd"] }));
    }

    [SkippableFact]
    public void TheWakeupLatencyTargetHoldsWhileItsHandleIsOpen()
    {
        static int Target() { using var f = File.OpenRead("/dev/cpu_dma_latency"); var b = new byte[4]; f.ReadExactly(b); return BitConverter.ToInt32(b); }
        var held = Realtime.HoldZeroWakeupLatency();
        Skip.If(held is null, "/dev/cpu_dma_latency is not writable here (not root)");
        Assert.Equal(0, Target());
        held!.Dispose();
        Assert.NotEqual(0, Target());   // the kernel's default again, unless another process holds a target of its own
    }

    [Fact]
    public void TheBridgeWaitsForTheSimulatorsBenchDeviceOnThisBus()
    {
        var config = new DriveConfig { Scenario = "cut-in", Car = "honda_civic" };
        string link = DriveProcesses.BenchLink(Bus);
        Assert.EndsWith("pilot-bench-9100", link);
        Assert.Equal(["simulator", "--scenario", "cut-in", "--car", "honda_civic", "--link", link], Row(config, "simulator").Arguments.Skip(1));
        Assert.Equal(["bridge", "run", "--port", link], Row(config, "bridge").Arguments.Skip(1));
        Assert.Equal(link, Row(config, "bridge").NeedsPath);
    }

    [Fact]
    public void ARealDeviceTurnsTheSimulatorOff()
    {
        var config = new DriveConfig { Device = "/dev/ttyACM0" };
        var sim = Row(config, "simulator");
        Assert.False(sim.Enabled);
        Assert.Equal("only with the simulator (no --device)", sim.DisabledBecause);
        Assert.Equal(["bridge", "run", "--port", "/dev/ttyACM0"], Row(config, "bridge").Arguments.Skip(1));
    }

    [Fact]
    public void CameraSourceFollowsTheCameraOption()
    {
        Assert.Equal(["camerad", "--source", "sim"], Row(new DriveConfig(), "camerad").Arguments.Skip(1));
        Assert.Equal(["camerad", "--source", "v4l2", "--device", "/dev/video2"], Row(new DriveConfig { Camera = "/dev/video2" }, "camerad").Arguments.Skip(1));
        Assert.Equal(["camerad", "--source", "file", "--file", "/tmp/drive.mp4"], Row(new DriveConfig { Camera = "/tmp/drive.mp4" }, "camerad").Arguments.Skip(1));
    }
}
