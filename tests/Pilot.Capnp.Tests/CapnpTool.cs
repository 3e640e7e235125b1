using System.Diagnostics;

namespace Pilot.Capnp.Tests;

/// <summary>Runs Debian's reference <c>capnp</c> tool as a subprocess on stdin bytes and returns stdout bytes.</summary>
internal static class CapnpTool
{
    public static string Schema => Path.Combine(Pilot.Testing.TestData.RepoRoot, "tests", "Pilot.Capnp.Tests", "schemas", "oracle.capnp");

    public static byte[] Run(byte[] input, params string[] args)
    {
        string tool = Pilot.Testing.TestData.RequireTool("capnp");
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"capnp {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.ToArray();
    }

    public static string Decode(byte[] framed, bool packed = false) =>
        System.Text.Encoding.UTF8.GetString(packed
            ? Run(framed, "decode", "--short", "--packed", Schema, "Sample")
            : Run(framed, "decode", "--short", Schema, "Sample"));
}
