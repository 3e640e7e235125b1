using Pilot.Capnp;
using Pilot.Manager.Drive;
using Pilot.Manager.Processes;
using Pilot.Messaging.Events;
using Spectre.Console;

namespace Pilot.Manager.Tests;

/// <summary>The live view as text: the drive's values and each process's state, with the reason a process is not running.</summary>
public sealed class LiveViewTests
{
    private static string Text(Spectre.Console.Rendering.IRenderable view)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        console.Write(view);
        return writer.ToString();
    }

    private static Event.Reader Read(byte[] framed) => new(MessageReader.ReadFramed(framed).Root);

    [Fact]
    public void ShowsTheDriveAndWhyProcessesAreNotRunning()
    {
        var snapshot = new DriveSnapshot();
        snapshot.Add(Read(TestEvents.CarState(1, 25)));             // 90 km/h
        snapshot.Add(Read(TestEvents.Controls(1, 27.7778f)));       // 100 km/h
        snapshot.Add(Read(TestEvents.Radar(1, 40)));                // 1.6 s at 25 m/s
        snapshot.Add(Read(TestEvents.Simulator(1, 42.5, 0, 25, 0.25f, leadGap: 41)));
        snapshot.Add(Read(TestEvents.Selfdrive(1, true, "fcw/critical", "BRAKE!")));
        string missing = $"/tmp/pilot-missing-{Guid.NewGuid():N}";
        ProcessSpec[] table =
        [
            new("simulator", "x", []) { Enabled = false, DisabledBecause = "only with the simulator (no --device)" },
            new("bridge", "x", []) { NeedsPath = missing },
            new("modeld", "x", []),
            new("camerad", "x", []),
            new("card", "x", []),
        ];
        ProcessStatus[] statuses =
        [
            new("simulator", 0, false, false, 0, 0, 0, 0, Enabled: false, GaveUp: false),
            new("bridge", 0, false, true, 0, 0, 0, 0, Enabled: true, GaveUp: false),
            new("modeld", 0, false, false, 3, 5, 0, 0, Enabled: true, GaveUp: true),
            new("camerad", 0, false, true, 137, 1, 0, 0, Enabled: true, GaveUp: false),
            new("card", 4321, true, true, 0, 0, 12.4f, 60 * 1048576UL, Enabled: true, GaveUp: false),
        ];
        string text = Text(LiveView.Render(snapshot, ProcessHealthRow.From(statuses, table), ["[card] hello"], "pilot drive: highway"));

        Assert.Contains("90 km/h", text);
        Assert.Contains("100 km/h", text);
        Assert.Contains("40.0 m, 1.60 s", text);
        Assert.Contains("41.0 m", text);
        Assert.Contains("+0.25 m", text);
        Assert.Contains("42.5 s (highway)", text);
        Assert.Contains("enabled", text);
        Assert.Contains("BRAKE!", text);
        Assert.Contains("off: only with the simulator (no --device)", text);
        Assert.Contains($"waiting for {missing}", text);
        Assert.Contains("crash loop, exit 3", text);
        Assert.Contains("restarting (exit 137)", text);
        Assert.Contains("4321", text);
        Assert.Contains("12%", text);
        Assert.Contains("60 MiB", text);
        Assert.Contains("[card] hello", text);
    }
}
