using System.Diagnostics;

namespace Pilot.Capnp.Schema;

/// <summary>
/// Runs the reference compiler (<c>capnp compile -o-</c>) so that field layout always comes from it, and loads the
/// CodeGeneratorRequest it writes.
/// </summary>
public static class CapnpTool
{
    /// <summary>The compiler binary; <c>capnp</c> on PATH unless <c>$PILOT_CAPNP</c> names another.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("PILOT_CAPNP") is { Length: > 0 } path ? path : "capnp";

    /// <summary>Compiles <paramref name="schemaFiles"/> and returns the framed CodeGeneratorRequest.</summary>
    public static byte[] CompileRequest(IReadOnlyList<string> schemaFiles, IEnumerable<string>? importPaths = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("compile");
        start.ArgumentList.Add("-o-");
        foreach (string dir in importPaths ?? []) start.ArgumentList.Add("-I" + dir);
        foreach (string file in schemaFiles)
        {
            if (!File.Exists(file)) throw new SchemaException($"schema file not found: {file}");
            start.ArgumentList.Add(file);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SchemaException($"could not start '{Executable}'");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SchemaException($"could not run '{Executable}' (install capnproto): {e.Message}", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new SchemaException($"capnp compile failed ({process.ExitCode}): {stderr.Result.Trim()}");
            return output.ToArray();
        }
    }

    /// <summary>Compiles one schema file and loads its schema.</summary>
    public static SchemaSet Load(string schemaFile, IEnumerable<string>? importPaths = null) =>
        RequestReader.Read(CompileRequest([schemaFile], importPaths));
}
