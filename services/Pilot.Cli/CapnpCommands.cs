using System.CommandLine;
using Pilot.Capnp;
using Pilot.Capnp.Compiler;
using Pilot.Capnp.Schema;
using Pilot.Capnp.Schema.Text;

namespace Pilot.Cli;

/// <summary><c>pilot capnp compile|decode|encode</c>: the schema compiler and the text format, for any schema.</summary>
internal static class CapnpCommands
{
    public static Command Create()
    {
        var group = new Command("capnp", "Cap'n Proto schemas: generate C#, and convert messages to and from the text format.");
        group.Subcommands.Add(Compile());
        group.Subcommands.Add(Codec(encode: false));
        group.Subcommands.Add(Codec(encode: true));
        return group;
    }

    private static Option<string[]> ImportPaths() => new("--import-path", "-I")
    {
        Description = "Directory searched for imports that start with '/' (repeatable), as capnp -I.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Command Compile()
    {
        var schemas = new Argument<FileInfo[]>("schemas") { Description = "The .capnp files (one .cs file each).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder for the .cs files.", Required = true };
        var ns = new Option<string?>("--namespace") { Description = "C# namespace of all the code, imports included (default: each file's name in PascalCase)." };
        var imports = ImportPaths();
        var command = new Command("compile", "Generate C# readers and builders (layout from `capnp compile -o-`).") { schemas, output, ns, imports };
        command.SetAction(result => Run("compile", () =>
        {
            foreach (string path in SchemaCompiler.Compile(result.GetValue(schemas)!.Select(f => f.FullName).ToArray(), result.GetValue(output)!.FullName,
                         result.GetValue(imports) ?? [], result.GetValue(ns)))
                Console.Error.WriteLine($"wrote {path}");
        }));
        return command;
    }

    private static Command Codec(bool encode)
    {
        var schema = new Argument<FileInfo>("schema") { Description = "The .capnp file." };
        var type = new Argument<string>("type") { Description = "The root struct type, e.g. Event or Outer.Inner." };
        var packed = new Option<bool>("--packed", "-p") { Description = "Packed encoding instead of the plain framing." };
        var imports = ImportPaths();
        var command = encode
            ? new Command("encode", "Read text-format messages on stdin and write them framed to stdout, like `capnp encode`.")
            : new Command("decode", "Read framed messages on stdin until EOF and print them as text, like `capnp decode`.");
        command.Add(schema);
        command.Add(type);
        command.Add(packed);
        command.Add(imports);
        var shortFormat = new Option<bool>("--short") { Description = "One line per message (decode)." };
        var segmentSize = new Option<int>("--segment-size") { Description = "Build in fixed segments of this many words (encode)." };
        command.Add(encode ? segmentSize : shortFormat);
        command.SetAction(result => Run(encode ? "encode" : "decode", () =>
        {
            var codec = TextCodec.Load(result.GetValue(schema)!.FullName, result.GetValue(type)!, result.GetValue(imports) ?? []);
            using var stdout = Console.OpenStandardOutput();
            using var stdin = Console.OpenStandardInput();
            if (encode)
            {
                using var text = new MemoryStream();
                stdin.CopyTo(text);
                codec.Encode(text.ToArray(), stdout, result.GetValue(packed), result.GetValue(segmentSize));
            }
            else codec.Decode(stdin, stdout, result.GetValue(packed), pretty: !result.GetValue(shortFormat));
        }));
        return command;
    }

    private static int Run(string name, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is TextFormatException or SchemaException or CapnpException or IOException)
        {
            Console.Error.WriteLine($"pilot capnp {name}: {e.Message}");
            return 1;
        }
    }
}
