using System.Diagnostics;
using Pilot.Testing;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>Runs real programs (the reference <c>capnp</c>, the plugin, the CLI) with stdin bytes and returns stdout.</summary>
internal static class Tool
{
    public static string SchemaDir => Path.Combine(TestData.RepoRoot, "tests", "Pilot.Capnp.Schema.Tests", "Schemas");
    public static string Everything => Path.Combine(SchemaDir, "everything.capnp");
    public static string EverythingText => Path.Combine(SchemaDir, "everything.txt");

    /// <summary>Runs the reference compiler's tool; skips the test when capnp is not installed.</summary>
    public static byte[] Capnp(byte[] stdin, params string[] args) => Run(TestData.RequireTool("capnp"), args, stdin);

    /// <summary>Runs <paramref name="program"/> and returns its stdout; a non-zero exit is an error with its stderr.</summary>
    public static byte[] Run(string program, IEnumerable<string> args, byte[] stdin, IDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var (exitCode, stdout, stderr) = Execute(program, args, stdin, environment, workingDirectory);
        if (exitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {exitCode}: {stderr}");
        return stdout;
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="stdin"/> and returns how it ended.</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) Execute(string program, IEnumerable<string> args, byte[] stdin,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }

}
