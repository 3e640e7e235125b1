namespace Pilot.Testing;

/// <summary>
/// Locates the shared real-world test data (DBC corpora, CAN logs, video, images): <c>$PILOT_DATA</c>, else
/// <c>../shared/data</c> beside the repository. Tests that need it call <see cref="Require"/>, which skips them
/// (never passes them) with a message when the data is absent.
/// </summary>
public static class TestData
{
    public static string? Root { get; } = Find();

    /// <summary>The repository root (the folder holding Pilot.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// The built <c>pilot</c> CLI of the same configuration as the running tests. Test projects that run it as a
    /// process reference services/Pilot.Cli (ReferenceOutputAssembly="false") so that it is always built first.
    /// </summary>
    public static string Cli
    {
        get
        {
            // The tests run from <project>/bin/<Configuration>/<framework>/.
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = framework.Parent!.Name;
            string dll = Path.Combine(RepoRoot, "services", "Pilot.Cli", "bin", configuration, framework.Name, "pilot.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException($"the CLI is not built at {dll}; the test project must reference services/Pilot.Cli", dll);
            return dll;
        }
    }

    /// <summary>The absolute path of <paramref name="relative"/> under the data root; skips the test when it is missing.</summary>
    public static string Require(string relative)
    {
        Skip.If(Root is null, "shared test data not found: set PILOT_DATA or place ../shared/data beside the repository");
        string path = Path.Combine(Root!, relative);
        Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"shared test data missing: {path}");
        return path;
    }

    /// <summary>Skips the test when a command-line tool (e.g. capnp, socat, ffmpeg) is not installed.</summary>
    public static string RequireTool(string name)
    {
        string? found = Environment.GetEnvironmentVariable("PATH")?.Split(':')
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
        Skip.If(found is null, $"'{name}' is not installed (./test.sh installs it)");
        return found!;
    }

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable("PILOT_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        string candidate = Path.GetFullPath(Path.Combine(FindRepoRoot(), "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pilot.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Pilot.sln not found above {AppContext.BaseDirectory}");
    }
}
