using Pilot.Capnp.Compiler;
using Pilot.Testing;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>The committed generated code must be what the generator makes of the committed schema, in- and out-of-process.</summary>
public class GeneratedCodeTests
{
    private const string Namespace = "Pilot.Capnp.Schema.Tests.Generated";
    private static string Committed => Path.Combine(TestData.RepoRoot, "tests", "Pilot.Capnp.Schema.Tests", "Generated", "everything.capnp.cs");

    [SkippableFact]
    public void Committed_generated_code_matches_the_schema()
    {
        TestData.RequireTool("capnp");
        var files = SchemaCompiler.Generate(Tool.Everything, csharpNamespace: Namespace);
        var file = Assert.Single(files);
        Assert.Equal("everything.capnp.cs", file.FileName);
        // On failure regenerate: ./pilot capnp compile <schema> --out tests/Pilot.Capnp.Schema.Tests/Generated --namespace ...
        Assert.Equal(File.ReadAllText(Committed), file.Content);
    }

    [SkippableFact]
    public void Plugin_run_by_capnp_compile_writes_the_same_code()
    {
        string capnp = TestData.RequireTool("capnp");
        string plugin = Path.Combine(AppContext.BaseDirectory, "capnpc-csharp");
        Assert.True(File.Exists(plugin), $"the plugin's apphost is missing: {plugin}");
        string outDir = Directory.CreateTempSubdirectory("capnpc-csharp").FullName;
        try
        {
            Tool.Run(capnp, ["compile", $"-o{plugin}:{outDir}", "everything.capnp"], [],
                new Dictionary<string, string> { ["CAPNPC_CSHARP_NAMESPACE"] = Namespace }, workingDirectory: Tool.SchemaDir);
            Assert.Equal(File.ReadAllText(Committed), File.ReadAllText(Path.Combine(outDir, "everything.capnp.cs")));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
