using System.Globalization;
using System.Text.Json;

namespace Pilot.Benchmarks;

/// <summary>
/// A suite's result: a readable table of rows, then one JSON object of figures as the last line,
/// which is what scripts and CI read.
/// </summary>
public sealed class Report(string suite)
{
    private readonly List<(string Name, string Value, string Note)> _rows = [];
    private readonly Dictionary<string, object> _figures = new() { ["suite"] = suite };

    /// <summary>Records a figure under <paramref name="key"/> and shows it as a table row.</summary>
    public void Add(string key, double value, string unit, string note = "")
    {
        _figures[key] = Math.Round(value, 4);
        _rows.Add((key, value.ToString("G5", CultureInfo.InvariantCulture) + " " + unit, note));
    }

    /// <summary>Records a non-numeric fact (machine, peer version, target met) for the JSON line.</summary>
    public void Fact(string key, object value) => _figures[key] = value;

    public void Print(TextWriter output)
    {
        int w0 = Math.Max(6, _rows.Select(r => r.Name.Length).DefaultIfEmpty().Max());
        int w1 = Math.Max(6, _rows.Select(r => r.Value.Length).DefaultIfEmpty().Max());
        output.WriteLine($"{"figure".PadRight(w0)}  {"value".PadRight(w1)}  note");
        foreach (var (name, value, note) in _rows)
            output.WriteLine($"{name.PadRight(w0)}  {value.PadRight(w1)}  {note}");
        output.WriteLine(JsonSerializer.Serialize(_figures));
    }
}
