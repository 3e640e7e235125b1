using System.Text;
using Pilot.Testing;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>The real built CLI (<c>pilot capnp decode/encode</c>) as a process, stdin to stdout, against capnp.</summary>
public class CliProcessTests
{
    private static string Cli()
    {
        TestData.RequireTool("capnp");
        return TestData.Cli;
    }

    private static (int ExitCode, byte[] Stdout, string Stderr) Pilot(byte[] stdin, params string[] args) =>
        Tool.Execute("dotnet", [Cli(), .. args], stdin);

    [SkippableFact]
    public void Decode_and_encode_through_stdin_and_stdout_match_capnp()
    {
        Cli();
        byte[] text = File.ReadAllBytes(Tool.EverythingText);
        byte[] packed = Tool.Capnp(text, "encode", "--packed", Tool.Everything, "Everything");
        var decoded = Pilot(packed, "capnp", "decode", "--packed", Tool.Everything, "Everything");
        Assert.Equal(0, decoded.ExitCode);
        Assert.Equal(Tool.Capnp(packed, "decode", "--packed", Tool.Everything, "Everything"), decoded.Stdout);

        var encoded = Pilot(text, "capnp", "encode", Tool.Everything, "Everything", "-I", Tool.SchemaDir);
        Assert.Equal(0, encoded.ExitCode);
        Assert.Equal(Tool.Capnp(text, "encode", Tool.Everything, "Everything"), encoded.Stdout);
    }

    [SkippableFact]
    public void Bad_input_exits_non_zero_with_the_position()
    {
        Cli();
        var result = Pilot(Encoding.UTF8.GetBytes("(color = blue,\n nope = 1)"), "capnp", "encode", Tool.Everything, "Everything");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2:2: struct Everything has no field named 'nope'", result.Stderr);
        var truncated = Pilot([1, 0, 0, 0], "capnp", "decode", Tool.Everything, "Everything");
        Assert.Equal(1, truncated.ExitCode);
        Assert.StartsWith("pilot capnp decode:", truncated.Stderr);
    }
}
