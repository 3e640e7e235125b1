using Pilot.Capnp.Compiler;
using Pilot.Testing;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>The committed generated code must be what the generator makes of the committed schema, in- and out-of-process.</summary>
public class GeneratedCodeTests
{
    private const string Namespace = "Pilot.Capnp.Schema.Tests.Generated";
    private static string Committed => CommittedFile("everything.capnp.cs");

    private static string CommittedFile(string name) => Path.Combine(TestData.RepoRoot, "tests", "Pilot.Capnp.Schema.Tests", "Generated", name);

    /// <summary>On failure regenerate: ./pilot capnp compile Schemas/*.capnp --out Generated --namespace Pilot.Capnp.Schema.Tests.Generated</summary>
    [SkippableTheory]
    [InlineData("everything.capnp")]
    [InlineData("names.capnp")]
    [InlineData("imports.capnp")]
    public void Committed_generated_code_matches_the_schema(string schema)
    {
        TestData.RequireTool("capnp");
        var file = Assert.Single(SchemaCompiler.Generate(Path.Combine(Tool.SchemaDir, schema), csharpNamespace: Namespace));
        Assert.Equal(schema + ".cs", file.FileName);
        Assert.Equal(File.ReadAllText(CommittedFile(file.FileName)), file.Content);
    }

    [SkippableFact]
    public void Imported_types_are_referenced_in_the_shared_namespace()
    {
        string code = File.ReadAllText(CommittedFile("imports.capnp.cs"));
        Assert.Contains($"global::{Namespace}.Point.Reader Point", code);
        Assert.Contains($"StructList<global::{Namespace}.Shape.Reader> Shapes", code);
        var message = new MessageBuilder();
        var uses = Generated.UsesImport.Builder.Create(message.InitRoot(Generated.UsesImport.Builder.DataWords, Generated.UsesImport.Builder.PointerCount));
        uses.InitPoint().SetX(2);
        uses.InitInner().SetCount(4);
        var reader = uses.AsReader();
        Assert.Equal((2f, 4u, Generated.Color.Green), (reader.Point.X, reader.Inner.Count, reader.Color));
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
