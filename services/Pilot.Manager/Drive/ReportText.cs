using System.Globalization;

namespace Pilot.Manager.Drive;

/// <summary>The end-of-drive summary as plain lines (headless output, and the last thing the live view prints).</summary>
public static class ReportText
{
    public static IReadOnlyList<string> Lines(DriveReport r)
    {
        var c = CultureInfo.InvariantCulture;
        string M(double? v, string unit, string format = "F2") => v is { } x ? x.ToString(format, c) + " " + unit : "n/a";
        var lines = new List<string>
        {
            $"drove {r.DistanceM.ToString("F0", c)} m in {r.DurationS.ToString("F1", c)} s of simulated time",
            $"lateral error: RMS {M(r.LateralErrorRmsM, "m", "F3")}, max {M(r.LateralErrorMaxM, "m", "F3")}" +
                (r.LeftLane ? " (LEFT THE LANE)" : ""),
            $"minimum time gap to a lead: {M(r.MinTimeGapS, "s")}" + (r.Collision ? " (COLLISION)" : ""),
            $"engaged {(r.EngagedFraction * 100).ToString("F0", c)}% of the time, {r.Disengagements} disengagement(s)",
            "alerts: " + (r.Alerts.Count == 0 ? "none" : string.Join(", ", r.Alerts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} ×{a.Value}"))),
            $"processes (mean CPU % of a core, peak memory, restarts); whole stack {r.StackCpuPercent.ToString("F0", c)}%:",
        };
        lines.Add("camera frame to sendcan: " + Timing(r.FrameToSendcanMs));
        lines.Add("controlsd period jitter: " + Timing(r.ControlsJitterMs));
        foreach (var p in r.Processes)
            lines.Add($"  {p.Name,-10} {p.MeanCpuPercent.ToString("F1", c),6}%  {(p.PeakMemoryBytes / 1048576.0).ToString("F0", c),5} MiB  {p.Restarts} restart(s)");
        return lines;

        string Timing(Distribution? d) => d is null ? "n/a"
            : $"p50 {d.P50.ToString("F2", c)} ms, p99 {d.P99.ToString("F2", c)} ms, max {d.Max.ToString("F2", c)} ms ({d.Count} samples)";
    }
}
