namespace Pilot.Benchmarks;

/// <summary>Where the shared real-world data lives for benchmarks: $PILOT_DATA, else ../shared/data beside the repository.</summary>
public static class BenchData
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        string? env = Environment.GetEnvironmentVariable("PILOT_DATA");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pilot.sln"))) return Path.Combine(dir.FullName, "..", "shared", "data");
        return "../shared/data";
    }
}
