namespace Pilot.Messaging.Logs;

/// <summary>Which log of a segment to read.</summary>
public enum LogKind { Rlog, Qlog }

/// <summary>
/// Reads a log file, a segment folder or a route (openpilot's LogReader). Events of one segment are merged from its
/// files in time order (stable: equal times keep file order); segments follow each other. Damage of every file read so
/// far is in <see cref="Damage"/>.
/// </summary>
public sealed class LogReader
{
    private readonly List<LogFileReader> _readers = [];

    public LogReader(string path, LogKind kind = LogKind.Rlog)
    {
        string name = kind == LogKind.Rlog ? RouteLayout.Rlog : RouteLayout.Qlog;
        if (File.Exists(path)) Segments = [[path]];
        else if (File.Exists(Path.Combine(path, name))) Segments = [[Path.Combine(path, name)]];
        else Segments = RouteLayout.Segments(path).Select(seg => (IReadOnlyList<string>)[Path.Combine(seg, name)])
            .Where(files => File.Exists(files[0])).ToArray();
        if (Segments.Count == 0) throw new FileNotFoundException($"{path}: no {name} found (not a log file, segment or route)");
    }

    /// <summary>The files read, grouped by segment.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Segments { get; }

    public IReadOnlyList<LogDamage> Damage => _readers.SelectMany(r => r.Damage).ToArray();

    /// <summary>Every readable event, in time order within each segment.</summary>
    public IEnumerable<LogEvent> ReadAll()
    {
        foreach (var files in Segments)
        {
            var events = new List<LogEvent>();
            foreach (var f in files)
            {
                var r = new LogFileReader(f);
                _readers.Add(r);
                events.AddRange(r.ReadAll());
            }
            // List.Sort is unstable; OrderBy is stable, so equal logMonoTimes keep their recorded order.
            foreach (var e in events.OrderBy(e => e.LogMonoTime)) yield return e;
        }
    }
}
