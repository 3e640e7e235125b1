using Pilot.Capnp.Compiler;
using Pilot.Capnp.Schema;

// The plugin for the reference compiler: `capnp compile -o<path>/capnpc-csharp:OUTDIR schema.capnp` runs it in
// OUTDIR with the CodeGeneratorRequest on stdin; it writes one .cs file per requested schema file there.
try
{
    using var stdin = Console.OpenStandardInput();
    using var buffer = new MemoryStream();
    stdin.CopyTo(buffer);
    var schema = RequestReader.Read(buffer.ToArray());
    string? ns = Environment.GetEnvironmentVariable("CAPNPC_CSHARP_NAMESPACE");
    foreach (var file in CSharpGenerator.Generate(schema, new GeneratorOptions(string.IsNullOrEmpty(ns) ? null : ns)))
        File.WriteAllText(file.FileName, file.Content);
    return 0;
}
catch (Exception e) when (e is SchemaException or Pilot.Capnp.CapnpException or IOException)
{
    Console.Error.WriteLine($"capnpc-csharp: {e.Message}");
    return 1;
}
