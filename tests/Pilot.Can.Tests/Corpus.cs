using Pilot.Testing;

namespace Pilot.Can.Tests;

/// <summary>The DBC files of the shared corpus: every opendbc file (static, generator templates, can/tests) and all of cantools'.</summary>
internal static class Corpus
{
    public static string Root => TestData.Require("dbc");

    /// <summary>Relative paths (under dbc/) of every DBC file, sorted.</summary>
    public static IEnumerable<string> AllFiles()
    {
        string? root = TestData.Root is null ? null : Path.Combine(TestData.Root, "dbc");
        if (root is null || !Directory.Exists(root)) return [];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".dbc", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    public static IEnumerable<object[]> AllFilesData() => AllFiles().Select(f => new object[] { f });

    public static string PathOf(string relative) => TestData.Require(Path.Combine("dbc", relative));
}
