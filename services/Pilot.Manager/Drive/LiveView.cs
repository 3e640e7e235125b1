using System.Globalization;
using Pilot.Messaging.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pilot.Manager.Drive;

/// <summary>The live terminal view of a drive: the car, the lead, the lane, engagement and alerts, each process's health,
/// and the newest lines the processes printed.</summary>
public static class LiveView
{
    private const double MpsToKph = 3.6;

    public static IRenderable Render(DriveSnapshot s, IReadOnlyList<ProcessHealthRow> rows, IReadOnlyList<string> recentOutput, string title)
    {
        var c = CultureInfo.InvariantCulture;
        string Kph(float? v) => v is { } x ? (x * MpsToKph).ToString("F0", c) + " km/h" : "–";
        var drive = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title)).AddColumn("").AddColumn("");
        drive.HideHeaders();
        drive.AddRow("time", s.SimTime is { } t ? $"{t.ToString("F1", c)} s ({Markup.Escape(s.Scenario)})" : "waiting for the simulator");
        drive.AddRow("speed", Kph(s.Speed));
        drive.AddRow("set speed", Kph(s.SetSpeed));
        drive.AddRow("lead", s.LeadDistance is { } d
            ? $"{d.ToString("F1", c)} m" + (s.LeadTimeGap is { } g ? $", {g.ToString("F2", c)} s" : "")
            : "none");
        drive.AddRow("lead (true)", s.TrueLeadGap is { } tg ? $"{tg.ToString("F1", c)} m" : "none");
        drive.AddRow("lane offset", s.LaneOffset is { } o ? $"{o.ToString("+0.00;-0.00", c)} m" : "–");
        drive.AddRow("state", s.State is { } st ? Colour(st) : "–");
        drive.AddRow("alert", s.Alert.Length > 0 ? $"[yellow]{Markup.Escape(s.Alert)}[/]" : "none");

        var procs = new Table().Border(TableBorder.Rounded).Title("processes")
            .AddColumn("name").AddColumn("state").AddColumn(new TableColumn("pid").RightAligned())
            .AddColumn(new TableColumn("CPU").RightAligned()).AddColumn(new TableColumn("memory").RightAligned())
            .AddColumn(new TableColumn("restarts").RightAligned());
        foreach (var p in rows)
            procs.AddRow(Markup.Escape(p.Name), p.StateMarkup, p.Pid > 0 ? p.Pid.ToString(c) : "",
                p.Running ? p.CpuPercent.ToString("F0", c) + "%" : "", p.Running ? (p.MemoryBytes / 1048576.0).ToString("F0", c) + " MiB" : "",
                p.Restarts.ToString(c));

        // One row per line, cut at the panel's edge: a long line must not push the tables off the screen.
        var output = new Panel(new Rows(recentOutput.Select(l => new Text(l) { Overflow = Overflow.Ellipsis }))).Header("output").Expand();
        return new Rows(new Columns(drive, procs), output);
    }

    private static string Colour(SelfdriveState.State state) => state switch
    {
        SelfdriveState.State.Enabled => "[green]enabled[/]",
        SelfdriveState.State.Overriding => "[blue]overriding[/]",
        SelfdriveState.State.SoftDisabling => "[red]soft disabling[/]",
        SelfdriveState.State.PreEnabled => "[yellow]pre-enabled[/]",
        _ => "disabled",
    };
}

/// <summary>A process row of the live view: managerState's figures plus why a process is not running.</summary>
public sealed record ProcessHealthRow(string Name, string StateMarkup, int Pid, bool Running, float CpuPercent, ulong MemoryBytes, int Restarts)
{
    /// <summary>
    /// Rows from the manager's own view of its table, which knows what managerState cannot say: a disabled row's
    /// condition, a crash loop given up, a device not there yet.
    /// </summary>
    public static IReadOnlyList<ProcessHealthRow> From(IReadOnlyList<ProcessStatus> statuses, IReadOnlyList<Processes.ProcessSpec> table) =>
        statuses.Select(s =>
        {
            var spec = table.First(t => t.Name == s.Name);
            string state = s switch
            {
                { Running: true } => "[green]running[/]",
                { Enabled: false } => $"off: {Markup.Escape(spec.DisabledBecause ?? "")}",
                { GaveUp: true } => $"[red]crash loop, exit {s.ExitCode}[/]",
                _ when spec.NeedsPath is { } path && !File.Exists(path) => $"[yellow]waiting for {Markup.Escape(path)}[/]",
                { RestartCount: > 0 } => $"[yellow]restarting (exit {s.ExitCode})[/]",
                _ => "[yellow]starting[/]",
            };
            return new ProcessHealthRow(s.Name, state, s.Pid, s.Running, s.CpuPercent, s.MemoryBytes, s.RestartCount);
        }).ToArray();
}
