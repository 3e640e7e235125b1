using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>
/// <c>pilot capnp compile</c>: runs the reference compiler for the layout (<c>capnp compile -o-</c>) and generates
/// C# in-process, writing one file per schema into the output folder.
/// </summary>
public static class SchemaCompiler
{
    /// <returns>The paths of the files written.</returns>
    public static IReadOnlyList<string> Compile(IReadOnlyList<string> schemaFiles, string outputDirectory, IEnumerable<string>? importPaths = null,
        string? csharpNamespace = null)
    {
        var files = CSharpGenerator.Generate(RequestReader.Read(CapnpTool.CompileRequest(schemaFiles, importPaths)),
            new GeneratorOptions(csharpNamespace));
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        foreach (var file in files)
        {
            string path = Path.Combine(outputDirectory, file.FileName);
            File.WriteAllText(path, file.Content);
            written.Add(path);
        }
        return written;
    }

    /// <summary>The generated files for one schema, without writing them.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(string schemaFile, IEnumerable<string>? importPaths = null, string? csharpNamespace = null) =>
        CSharpGenerator.Generate(CapnpTool.Load(schemaFile, importPaths), new GeneratorOptions(csharpNamespace));
}
