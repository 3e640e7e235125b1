namespace Pilot.Messaging;

/// <summary>One service of the bus: the union member of <c>Event</c> it carries and how it is sent and logged.</summary>
/// <param name="Name">union member name in log.capnp (also the service name on the command line)</param>
/// <param name="Which">the <c>Event</c> union discriminant of that member (checked against the schema by a test)</param>
/// <param name="RateHz">nominal publish rate, Hz; 0 for event-driven services (no alive or frequency check)</param>
/// <param name="ShouldLog">recorded in rlog</param>
/// <param name="QlogDecimation">every Nth message goes to qlog; 0 keeps it out of qlog</param>
/// <param name="Conflate">subscribers keep only the newest message unless they ask otherwise</param>
public sealed record ServiceInfo(string Name, ushort Which, double RateHz, bool ShouldLog, int QlogDecimation, bool Conflate)
{
    /// <summary>Nominal period, s (infinity for event-driven services).</summary>
    public double Period => RateHz > 0 ? 1.0 / RateHz : double.PositiveInfinity;

    public override string ToString() => Name;
}

/// <summary>
/// The service registry: the one table every process reads. Rates come from ARCHITECTURE.md; decimations keep qlog near
/// 1 Hz for the 100 Hz services (openpilot's qlog keeps drives reviewable at ~1% of rlog's size).
/// </summary>
public static class Services
{
    public static readonly IReadOnlyList<ServiceInfo> All =
    [
        new("initData", 0, 0, true, 1, false),
        new("sentinel", 1, 0, true, 1, false),
        new("can", 2, 100, true, 100, false),
        new("sendcan", 3, 100, true, 100, false),
        new("carState", 4, 100, true, 10, false),
        new("carControl", 5, 100, true, 10, false),
        new("carParams", 6, 0.02, true, 1, true),
        new("bridgeState", 7, 10, true, 1, false),
        new("modelV2", 8, 20, true, 20, false),
        new("radarState", 9, 20, true, 5, false),
        new("longitudinalPlan", 10, 20, true, 5, false),
        new("controlsState", 11, 100, true, 10, false),
        new("selfdriveState", 12, 100, true, 10, false),
        new("roadCameraState", 13, 20, true, 20, false),
        new("deviceState", 14, 2, true, 1, true),
        new("managerState", 15, 2, true, 1, true),
        new("liveCalibration", 16, 4, true, 1, true),
        new("accelerometer", 17, 100, true, 10, false),
        new("gyroscope", 18, 100, true, 10, false),
        new("gnssLocation", 19, 10, true, 1, false),
        new("logMessage", 20, 0, true, 1, false),
        new("roadEncodeIdx", 21, 20, true, 1, false),
        new("liveTracks", 24, 20, true, 5, false),
        new("simulatorState", 25, 100, true, 10, false),
        new("carOutput", 26, 100, true, 10, false),
    ];

    private static readonly Dictionary<string, ServiceInfo> ByName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);
    private static readonly ServiceInfo?[] ByWhich = BuildByWhich();

    /// <summary>The service called <paramref name="name"/>; throws listing the known names when there is none.</summary>
    public static ServiceInfo Get(string name) =>
        ByName.TryGetValue(name, out var s) ? s
            : throw new ArgumentException($"unknown service '{name}'; known: {string.Join(", ", ByName.Keys)}", nameof(name));

    public static bool TryGet(string name, out ServiceInfo service) => ByName.TryGetValue(name, out service!);

    /// <summary>The service whose <c>Event</c> union discriminant is <paramref name="which"/>, or null for an unknown member.</summary>
    public static ServiceInfo? FromWhich(ushort which) => which < ByWhich.Length ? ByWhich[which] : null;

    /// <summary>Parses a comma-separated service list ("carState,modelV2"); every name must exist.</summary>
    public static IReadOnlyList<ServiceInfo> Parse(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Get).ToArray();

    private static ServiceInfo?[] BuildByWhich()
    {
        var table = new ServiceInfo?[All.Max(s => s.Which) + 1];
        foreach (var s in All) table[s.Which] = s;
        return table;
    }
}
