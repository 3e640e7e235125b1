using Pilot.Can.Dbc;

namespace Pilot.Car.Ports;

/// <summary>
/// Where the car DBC files are (the repository's can/dbc, copied beside the binaries as dbc/), each loaded and
/// compiled once per folder.
/// </summary>
public sealed class DbcFolder(string root)
{
    private readonly Dictionary<string, DbcDatabase> _loaded = new(StringComparer.Ordinal);

    /// <summary>The DBC files shipped with the binaries.</summary>
    public static DbcFolder Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "dbc"));

    public string Root { get; } = root;

    /// <summary>The database in <paramref name="relativePath"/> (e.g. opendbc/honda_civic_touring_2016_can.dbc), loaded on first use.</summary>
    public DbcDatabase Load(string relativePath)
    {
        lock (_loaded)
        {
            if (_loaded.TryGetValue(relativePath, out var db)) return db;
            string path = Path.Combine(Root, relativePath);
            if (!File.Exists(path)) throw new FileNotFoundException($"car DBC '{relativePath}' not found under {Root}", path);
            return _loaded[relativePath] = DbcDatabase.Load(path);
        }
    }
}
