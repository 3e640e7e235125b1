namespace Pilot.Benchmarks;

/// <summary>Where the shared real-world data lives for benchmarks: $PILOT_DATA, else ../shared/data beside the repository.</summary>
public static class BenchData
{
    /// <summary>The repository (the folder holding Pilot.sln above the program), else the working directory.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    // After RepoRoot: static properties initialise in declaration order.
    public static string Root { get; } = Environment.GetEnvironmentVariable("PILOT_DATA") is { Length: > 0 } env ? env : Path.Combine(RepoRoot, "..", "shared", "data");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pilot.sln"))) return dir.FullName;
        return ".";
    }
}
