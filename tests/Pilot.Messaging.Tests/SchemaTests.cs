using System.Diagnostics;
using System.Text.RegularExpressions;
using Pilot.Messaging.Schema;
using Pilot.Testing;

namespace Pilot.Messaging.Tests;

/// <summary>The schemas compile with the reference compiler, and the registry and hand-kept offsets agree with them.</summary>
public class SchemaTests
{
    private static string SchemaDir => Path.Combine(TestData.RepoRoot, "messaging", "schemas");

    /// <summary>`capnp compile -o- FILE | capnp decode schema.capnp CodeGeneratorRequest` as text.</summary>
    private static string CompiledText(string file)
    {
        TestData.RequireTool("capnp");
        var info = new ProcessStartInfo("bash", ["-c", $"capnp compile -o- {file} | capnp decode /usr/include/capnp/schema.capnp CodeGeneratorRequest"])
        { WorkingDirectory = SchemaDir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        string text = p.StandardOutput.ReadToEnd();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0 && text.Length > 0, $"capnp failed on {file}: {err}");
        return text;
    }

    /// <summary>The fields of one struct node: name → (discriminant value, slot offset, data words, pointers, discriminant offset).</summary>
    private static (Dictionary<string, (int Which, int Offset)> Fields, int DataWords, int Pointers, int DiscriminantOffset) Node(string text, string displayName)
    {
        int start = text.IndexOf($"displayName = \"{displayName}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{displayName} not in the compiled schema");
        int end = text.IndexOf("displayName = ", start + 20, StringComparison.Ordinal);
        string node = text[start..(end < 0 ? text.Length : end)];
        var size = Regex.Match(node, @"dataWordCount = (\d+),\s*pointerCount = (\d+)");
        var disc = Regex.Match(node, @"discriminantOffset = (\d+)");
        var fields = new Dictionary<string, (int, int)>();
        foreach (Match m in Regex.Matches(node, @"name = ""(\w+)"",\s*codeOrder = \d+,\s*discriminantValue = (\d+),\s*slot = \(\s*offset = (\d+)"))
            fields[m.Groups[1].Value] = (int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
        return (fields, int.Parse(size.Groups[1].Value), int.Parse(size.Groups[2].Value), disc.Success ? int.Parse(disc.Groups[1].Value) : -1);
    }

    [SkippableTheory]
    [InlineData("log.capnp")]
    [InlineData("car.capnp")]
    public void SchemaCompilesWithTheReferenceCompiler(string file) => Assert.Contains("requestedFiles", CompiledText(file));

    [SkippableFact]
    public void RegistryMatchesTheEventUnion()
    {
        var ev = Node(CompiledText("log.capnp"), "log.capnp:Event");
        foreach (var s in Services.All)
        {
            Assert.True(ev.Fields.TryGetValue(s.Name, out var f), $"service {s.Name} has no Event union member");
            Assert.Equal(f.Which, s.Which);
        }
        // Every union member except the reserved slots is a service.
        var members = ev.Fields.Where(f => f.Value.Which != 65535 && !f.Key.StartsWith("reserved", StringComparison.Ordinal)).Select(f => f.Key);
        Assert.Equal(members.Order(), Services.All.Select(s => s.Name).Order());
    }

    [SkippableFact]
    public void EventLayoutMatchesTheCompiler()
    {
        string log = CompiledText("log.capnp");
        var ev = Node(log, "log.capnp:Event");
        Assert.Equal((EventLayout.DataWords, EventLayout.Pointers, EventLayout.Which), (ev.DataWords, ev.Pointers, ev.DiscriminantOffset));
        Assert.Equal(EventLayout.LogMonoTime, ev.Fields["logMonoTime"].Offset);
        Assert.Equal(EventLayout.ValidBit, ev.Fields["valid"].Offset);
        Assert.All(ev.Fields.Where(f => f.Value.Which != 65535), f => Assert.Equal(EventLayout.Payload, f.Value.Offset));

        var init = Node(log, "log.capnp:InitData");
        Assert.Equal((EventLayout.InitData.DataWords, EventLayout.InitData.Pointers), (init.DataWords, init.Pointers));
        Assert.Equal([EventLayout.InitData.WallTimeNanos, EventLayout.InitData.MonoTimeNanos, EventLayout.InitData.SegmentNumber,
            EventLayout.InitData.DeviceType, EventLayout.InitData.Version, EventLayout.InitData.GitCommit, EventLayout.InitData.GitBranch,
            EventLayout.InitData.KernelVersion, EventLayout.InitData.DongleId, EventLayout.InitData.RouteName, EventLayout.InitData.Params],
            new[] { "wallTimeNanos", "monoTimeNanos", "segmentNumber", "deviceType", "version", "gitCommit", "gitBranch", "kernelVersion", "dongleId", "routeName", "params" }
                .Select(n => init.Fields[n].Offset));

        var sentinel = Node(log, "log.capnp:Sentinel");
        Assert.Equal((EventLayout.Sentinel.DataWords, EventLayout.Sentinel.Type, EventLayout.Sentinel.Signal),
            (sentinel.DataWords, sentinel.Fields["type"].Offset, sentinel.Fields["signal"].Offset));

        var x = Node(log, "log.capnp:EncodeIndex");
        Assert.Equal(EventLayout.EncodeIndex.DataWords, x.DataWords);
        Assert.Equal([EventLayout.EncodeIndex.FrameId, EventLayout.EncodeIndex.Type, EventLayout.EncodeIndex.EncodeId, EventLayout.EncodeIndex.SegmentNumber,
            EventLayout.EncodeIndex.SegmentId, EventLayout.EncodeIndex.TimestampSof, EventLayout.EncodeIndex.TimestampEof, EventLayout.EncodeIndex.KeyframeBit],
            new[] { "frameId", "type", "encodeId", "segmentNumber", "segmentId", "timestampSof", "timestampEof", "keyframe" }.Select(n => x.Fields[n].Offset));

        var frame = Node(log, "log.capnp:FrameData");
        Assert.Equal((EventLayout.FrameData.DataWords, EventLayout.FrameData.Pointers), (frame.DataWords, frame.Pointers));
        Assert.Equal([EventLayout.FrameData.FrameId, EventLayout.FrameData.TimestampSof, EventLayout.FrameData.TimestampEof,
            EventLayout.FrameData.Width, EventLayout.FrameData.Height, EventLayout.FrameData.Sensor],
            new[] { "frameId", "timestampSof", "timestampEof", "width", "height", "sensor" }.Select(n => frame.Fields[n].Offset));

        var car = Node(CompiledText("car.capnp"), "car.capnp:CarState");
        Assert.Equal((CarStateLayout.DataWords, CarStateLayout.Pointers, CarStateLayout.VEgo, CarStateLayout.AEgo),
            (car.DataWords, car.Pointers, car.Fields["vEgo"].Offset, car.Fields["aEgo"].Offset));
    }

    [Theory]
    [InlineData("log.capnp")]
    [InlineData("car.capnp")]
    public void EveryFieldAndEnumerantHasADocComment(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(SchemaDir, file));
        var undocumented = lines.Select((l, i) => (Line: l, No: i + 1))
            .Where(l => Regex.IsMatch(l.Line, @"^\s*\w+\s+@\d+\b") && !l.Line.Contains('#'))
            .Select(l => $"{file}:{l.No}: {l.Line.Trim()}").ToArray();
        Assert.True(undocumented.Length == 0, "fields without a comment:\n" + string.Join("\n", undocumented));
        Assert.Contains("Never renumber", File.ReadAllText(Path.Combine(SchemaDir, "car.capnp")));
    }
}
