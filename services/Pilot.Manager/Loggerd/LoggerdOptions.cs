using Pilot.Messaging;

namespace Pilot.Manager.Loggerd;

/// <summary>Settings of <see cref="Loggerd"/>.</summary>
/// <param name="OutDir">folder the route's segment folders go into</param>
public sealed record LoggerdOptions(string OutDir)
{
    /// <summary>Segment length in log time (openpilot: 60 s).</summary>
    public TimeSpan SegmentLength { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Record the road camera's frames as H.264 (needs the shared-memory frame bus of a live transport).</summary>
    public bool RecordVideo { get; init; } = true;
    /// <summary>Route name; default: the wall time at start.</summary>
    public string? RouteName { get; init; }

    /// <summary>
    /// What loggerd subscribes to: every should-log service except those the route logger writes itself (initData and
    /// sentinels at segment boundaries, roadEncodeIdx for each encoded frame).
    /// </summary>
    public static IReadOnlyList<ServiceInfo> Recorded { get; } =
        Services.All.Where(s => s.ShouldLog && s.Name is not ("initData" or "sentinel" or "roadEncodeIdx")).ToArray();
}
