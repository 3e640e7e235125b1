using System.Text;
using Pilot.Capnp.Schema.Text;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>
/// The dynamic, schema-driven codec (what <c>pilot capnp decode/encode</c> run) against the reference tool on the same
/// input: text for text, byte for byte. Each case is one batch of messages per capnp invocation.
/// </summary>
public class TextCodecDifferentialTests
{
    private static readonly Lazy<TextCodec> Codec = new(() => TextCodec.Load(Tool.Everything, "Everything"));

    private static byte[] Text => File.ReadAllBytes(Tool.EverythingText);

    private static string PilotDecode(byte[] input, bool packed = false, bool pretty = true)
    {
        using var output = new MemoryStream();
        Codec.Value.Decode(new MemoryStream(input), output, packed, pretty);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static byte[] PilotEncode(byte[] text, bool packed = false, int segmentWords = 0)
    {
        using var output = new MemoryStream();
        Codec.Value.Encode(text, output, packed, segmentWords);
        return output.ToArray();
    }

    [SkippableTheory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, "--segment-size=2")]
    [InlineData(true, "--segment-size=5")]
    public void Decode_prints_what_capnp_decode_prints(bool packed, string? segments)
    {
        string[] encodeArgs = ["encode", .. packed ? ["--packed"] : Array.Empty<string>(), .. segments is null ? [] : new[] { segments },
            Tool.Everything, "Everything"];
        byte[] binary = Tool.Capnp(Text, encodeArgs);
        string reference = Encoding.UTF8.GetString(Tool.Capnp(binary, ["decode", .. packed ? ["--packed"] : Array.Empty<string>(), Tool.Everything, "Everything"]));
        Assert.Equal(5, reference.Split("\n(").Length);
        Assert.Equal(reference, PilotDecode(binary, packed));
    }

    [SkippableFact]
    public void Short_decode_prints_what_capnp_decode_short_prints()
    {
        byte[] binary = Tool.Capnp(Text, "encode", Tool.Everything, "Everything");
        string reference = Encoding.UTF8.GetString(Tool.Capnp(binary, "decode", "--short", Tool.Everything, "Everything"));
        Assert.Equal(reference, PilotDecode(binary, pretty: false));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Encode_writes_the_bytes_capnp_encode_writes(bool packed)
    {
        byte[] reference = Tool.Capnp(Text, packed ? ["encode", "--packed", Tool.Everything, "Everything"] : ["encode", Tool.Everything, "Everything"]);
        Assert.Equal(reference, PilotEncode(Text, packed));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Encode_of_messages_larger_than_the_first_segment_writes_the_bytes_capnp_encode_writes(bool packed)
    {
        // 1500- and 3000-word lists overflow the 1024-word first segment: each new segment must be sized like the
        // reference's (object + landing pad, growing with the total), or the segment tables differ.
        string floats = string.Join(", ", Enumerable.Range(0, 3000).Select(i => (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        byte[] text = Encoding.UTF8.GetBytes($"(lists = (float32s = [{floats}], float64s = [{floats}], texts = [\"a\", \"b\"]), string = \"big\")\n");
        string[] args = packed ? ["encode", "--packed", Tool.Everything, "Everything"] : ["encode", Tool.Everything, "Everything"];
        byte[] reference = Tool.Capnp(text, args);
        byte[] ours = PilotEncode(text, packed);
        Assert.Equal(reference, ours);
        if (!packed) Assert.Equal(3, MessageReader.ReadFramed(ours).SegmentCount);
    }

    [SkippableFact]
    public void Encode_in_tiny_segments_decodes_in_the_reference_to_the_same_text()
    {
        byte[] multi = PilotEncode(Text, segmentWords: 3);
        Assert.True(MessageReader.ReadFramed(multi).SegmentCount > 10);
        string viaReference = Encoding.UTF8.GetString(Tool.Capnp(Tool.Capnp(Text, "encode", Tool.Everything, "Everything"),
            "decode", Tool.Everything, "Everything"));
        Assert.Equal(viaReference, Encoding.UTF8.GetString(Tool.Capnp(multi, "decode", Tool.Everything, "Everything")));
    }

    [SkippableFact]
    public void Decode_of_a_real_schema_request_matches_capnp_decode()
    {
        // schema.capnp's own CodeGeneratorRequest: deep nesting, long lists, unions in groups, defaults.
        string schema = "/usr/include/capnp/schema.capnp";
        Skip.IfNot(File.Exists(schema), "libcapnp-dev is not installed");
        byte[] request = CapnpTool.CompileRequest([schema]);
        string reference = Encoding.UTF8.GetString(Tool.Capnp(request, "decode", schema, "CodeGeneratorRequest"));
        using var output = new MemoryStream();
        TextCodec.Load(schema, "CodeGeneratorRequest").Decode(new MemoryStream(request), output);
        Assert.Equal(reference, Encoding.UTF8.GetString(output.ToArray()));
    }

    [SkippableFact]
    public void Text_bytes_that_are_not_utf8_and_unknown_enumerants_print_like_the_reference()
    {
        var message = new MessageBuilder();
        var schema = CapnpTool.Load(Tool.Everything);
        var type = schema.FindStruct("Everything");
        var root = message.InitRoot(type.DataWords, type.PointerCount);
        root.SetText((int)type.FindField("string")!.Offset, [0x61, 0xff, 0xc3, 0x28, 0x7f, 0x80]);
        root.WriteUInt16((int)type.FindField("color")!.Offset, 77);
        byte[] framed = message.ToFramedArray();
        string reference = Encoding.Latin1.GetString(Tool.Capnp(framed, "decode", Tool.Everything, "Everything"));
        using var output = new MemoryStream();
        new TextCodec(schema, type).Decode(new MemoryStream(framed), output);
        Assert.Equal(reference, Encoding.Latin1.GetString(output.ToArray()));
        Assert.Contains("(77)", reference);
    }
}
