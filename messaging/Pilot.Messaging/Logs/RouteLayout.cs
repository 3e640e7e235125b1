using System.Globalization;

namespace Pilot.Messaging.Logs;

/// <summary>
/// Names on disk, as openpilot lays them out: a route is "yyyy-MM-dd--HH-mm-ss" (local wall time at its start), segment n
/// lives in the folder "&lt;route&gt;--n" beside the others and holds rlog.zst, qlog.zst and fcamera.h264.
/// </summary>
public static class RouteLayout
{
    public const string Rlog = "rlog.zst", Qlog = "qlog.zst", RoadVideo = "fcamera.h264";

    public static string NewRouteName(DateTime wallTime) => wallTime.ToString("yyyy-MM-dd--HH-mm-ss", CultureInfo.InvariantCulture);

    public static string SegmentDir(string root, string route, int segment) => Path.Combine(root, $"{route}--{segment}");

    /// <summary>
    /// The segment folders of a route, in segment order. <paramref name="route"/> is the route's path without the
    /// "--n" suffix ("/data/2026-01-01--12-00-00"), or a folder holding the segment folders.
    /// </summary>
    public static IReadOnlyList<string> Segments(string route)
    {
        string full = Path.GetFullPath(route.TrimEnd('/'));
        string dir, prefix;
        if (Directory.Exists(full) && !File.Exists(Path.Combine(full, Rlog)) && !File.Exists(Path.Combine(full, Qlog)))
            (dir, prefix) = (full, "");
        else
            (dir, prefix) = (Path.GetDirectoryName(full)!, Path.GetFileName(full) + "--");
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"route {route}: folder {dir} does not exist");
        var found = new List<(int N, string Path)>();
        foreach (var d in Directory.GetDirectories(dir))
        {
            string name = Path.GetFileName(d);
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            int dash = name.LastIndexOf("--", StringComparison.Ordinal);
            if (dash >= 0 && int.TryParse(name[(dash + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                && (prefix.Length == 0 || dash + 2 == prefix.Length))
                found.Add((n, d));
        }
        if (found.Count == 0) throw new DirectoryNotFoundException($"route {route}: no segment folders '{prefix}N' in {dir}");
        return found.OrderBy(f => f.N).Select(f => f.Path).ToArray();
    }
}
