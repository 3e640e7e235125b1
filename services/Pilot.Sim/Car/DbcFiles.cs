using Pilot.Can.Dbc;

namespace Pilot.Sim.Car;

/// <summary>The car DBC files the simulator speaks, shipped beside the binaries (dbc/, copied from the repository's can/dbc).</summary>
public static class DbcFiles
{
    public const string HondaCivic = "opendbc/honda_civic_touring_2016_can.dbc";
    public const string HondaNidecRadar = "opendbc/acura_ilx_2016_nidec.dbc";
    public const string SimCar = "pilot_sim.dbc";

    private static readonly Dictionary<string, DbcDatabase> Loaded = new(StringComparer.Ordinal);

    /// <summary>Folder the files are read from.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "dbc");

    /// <summary>The database at <paramref name="relativePath"/> under <see cref="Root"/>, parsed once.</summary>
    public static DbcDatabase Load(string relativePath)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(relativePath, out var db)) return db;
            string path = Path.Combine(Root, relativePath);
            if (!File.Exists(path)) throw new FileNotFoundException($"car DBC '{relativePath}' is missing under {Root}", path);
            return Loaded[relativePath] = DbcDatabase.Load(path);
        }
    }
}
