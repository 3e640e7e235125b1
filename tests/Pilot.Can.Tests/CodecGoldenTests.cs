using Pilot.Can.Codec;
using Pilot.Can.Dbc;

namespace Pilot.Can.Tests;

/// <summary>Known encodings: cantools' examples and hand-computed big-endian, 64-bit and CAN FD layouts.</summary>
public class CodecGoldenTests
{
    [SkippableFact]
    public void MotohawkExampleMessage()
    {
        var db = DbcDatabase.Load(Corpus.PathOf("cantools/motohawk.dbc"));
        var m = db.GetMessage("ExampleMessage");
        var enable = m.GetSignal("Enable");
        var frame = m.Encode(new Dictionary<string, double>
        {
            ["Enable"] = enable.PhysicalOf("Enabled"),
            ["AverageRadius"] = 3.2,
            ["Temperature"] = 250.1,
        });
        Assert.Equal("C001400000000000", Convert.ToHexString(frame));
        var decoded = m.Decode(frame);
        Assert.Equal("Enabled", enable.ChoiceName((long)decoded["Enable"]));
        Assert.Equal(3.2, decoded["AverageRadius"], 12);
        Assert.Equal(250.1, decoded["Temperature"], 12);
        Assert.Same(m, db.GetMessage(496));
    }

    [SkippableFact]
    public void CantoolsMultiplexExample()
    {
        var m = DbcDatabase.Load(Corpus.PathOf("cantools/multiplex.dbc")).GetMessage("Message1");
        Assert.True(m.IsExtended);
        Assert.Equal(0x00123456u, m.FrameId);
        var frame = m.Encode(new Dictionary<string, double> { ["Multiplexor"] = 8, ["BIT_J"] = 1, ["BIT_C"] = 1, ["BIT_G"] = 1, ["BIT_L"] = 1 });
        Assert.Equal("20008C0100000000", Convert.ToHexString(frame));
        var decoded = m.Decode(frame);
        Assert.Equal(["BIT_C", "BIT_G", "BIT_J", "BIT_L", "Multiplexor"], decoded.Keys.Order());
        // Selecting 24 instead: the m24 signals appear; BIT_J stays because SG_MUL_VAL_ extends it to 8, 16 and 24.
        var other = m.Decode(m.Encode(new Dictionary<string, double> { ["Multiplexor"] = 24, ["BIT_A"] = 1 }));
        Assert.Equal(1, other["BIT_A"]);
        Assert.Equal(0, other["BIT_J"]);
        Assert.Equal([(8L, 8L), (16L, 16L), (24L, 24L)], m.GetSignal("BIT_J").MultiplexerRanges);
        Assert.Equal(12, other.Count);
    }

    private const string EdgeDbc = """
        VERSION ""
        BU_: N
        BO_ 100 Edges: 12 N
         SG_ Be12 : 3|12@0+ (1,0) [0|0] "" N
         SG_ BeSigned10 : 12|10@0- (1,0) [0|0] "" N
        BO_ 101 Be64: 8 N
         SG_ All : 7|64@0+ (1,0) [0|0] "" N
        BO_ 102 Le64: 8 N
         SG_ All : 0|64@1+ (1,0) [0|0] "" N
        BO_ 103 Le64Shifted: 12 N
         SG_ Wide : 4|64@1+ (1,0) [0|0] "" N
        BO_ 104 Be64Shifted: 12 N
         SG_ Wide : 3|64@0+ (1,0) [0|0] "" N
        BO_ 105 Scaled: 2 N
         SG_ Half : 0|8@1- (0.5,0) [-64|63.5] "" N
         SG_ Negative : 8|8@1+ (-0.25,10) [-53.75|10] "" N
        """;

    [Theory]
    [InlineData("Edges", "Be12", 0xABC, "0ABC0000000000000000000000")]
    [InlineData("Be64", "All", 0x0123456789ABCDEF, "0123456789ABCDEF")]
    [InlineData("Le64", "All", 0x0123456789ABCDEF, "EFCDAB8967452301")]
    [InlineData("Le64Shifted", "Wide", 0xFFFFFFFFFFFFFFFF, "F0FFFFFFFFFFFFFF0F000000")]
    [InlineData("Be64Shifted", "Wide", 0x123456789ABCDEF5, "01234567 89ABCDEF 50000000")]
    public void HandComputedLayouts(string message, string signal, ulong raw, string hex)
    {
        var m = DbcDatabase.Parse(EdgeDbc).GetMessage(message);
        var s = m.GetSignal(signal);
        var frame = new byte[m.Length];
        m.Codec.EncodeRaw(frame, s.Index, raw);
        string expected = hex.Replace(" ", "")[..(m.Length * 2)];
        Assert.Equal(expected, Convert.ToHexString(frame));
        Assert.Equal(raw, m.Codec.DecodeRaw(frame, s.Index));
        Assert.Equal(raw, ReferenceCodec.ExtractRaw(frame, s));
        var viaReference = new byte[m.Length];
        ReferenceCodec.InsertRaw(viaReference, s, raw);
        Assert.Equal(frame, viaReference);
    }

    [Fact]
    public void SignedBigEndianAcrossBytes()
    {
        var m = DbcDatabase.Parse(EdgeDbc).GetMessage("Edges");
        var frame = m.Encode(new Dictionary<string, double> { ["BeSigned10"] = -1 });
        // 12|10@0: msb is bit 4 of byte 1; five bits in byte 1 (4..0), five in byte 2 (7..3).
        Assert.Equal("001FF8000000000000000000", Convert.ToHexString(frame));
        Assert.Equal(-1, m.Decode(frame)["BeSigned10"]);
        frame = m.Encode(new Dictionary<string, double> { ["BeSigned10"] = -512 });
        Assert.Equal("001000000000000000000000", Convert.ToHexString(frame));
        Assert.Equal(-512, m.Codec.DecodeInteger(frame, m.GetSignal("BeSigned10").Index));
    }

    [Fact]
    public void RoundingIsHalfAwayFromZeroAndNegativeFactorsWork()
    {
        var m = DbcDatabase.Parse(EdgeDbc).GetMessage("Scaled");
        Assert.Equal(0x03, m.Encode(new Dictionary<string, double> { ["Half"] = 1.25 }, EncodeMode.Clamp)[0]);   // raw 2.5 -> 3
        Assert.Equal(unchecked((byte)-3), m.Encode(new Dictionary<string, double> { ["Half"] = -1.25 }, EncodeMode.Clamp)[0]); // -2.5 -> -3
        var frame = m.Encode(new Dictionary<string, double> { ["Negative"] = -40 });          // (−40 − 10) / −0.25 = 200
        Assert.Equal(200, frame[1]);
        Assert.Equal(-40, m.Decode(frame)["Negative"]);
    }

    [Fact]
    public void StrictRejectsOutOfRangeAndClampSaturates()
    {
        var m = DbcDatabase.Parse(EdgeDbc).GetMessage("Scaled");
        var e = Assert.Throws<CanEncodeException>(() => m.Encode(new Dictionary<string, double> { ["Half"] = 64 }));
        Assert.Contains("Scaled.Half", e.Message);
        Assert.Contains("[-64|63.5]", e.Message);
        Assert.Equal(127, m.Encode(new Dictionary<string, double> { ["Half"] = 1000 }, EncodeMode.Clamp)[0]);
        Assert.Equal(0x80, m.Encode(new Dictionary<string, double> { ["Half"] = -1000 }, EncodeMode.Clamp)[0]);
        Assert.Throws<CanEncodeException>(() => m.Encode(new Dictionary<string, double> { ["Half"] = double.NaN }, EncodeMode.Clamp));
        var be = DbcDatabase.Parse(EdgeDbc).GetMessage("Edges");
        var fit = Assert.Throws<CanEncodeException>(() => be.Encode(new Dictionary<string, double> { ["Be12"] = 4096 }));
        Assert.Contains("does not fit unsigned 12 bits", fit.Message);
    }

    [SkippableFact]
    public void FloatAndDoubleSignals()
    {
        var db = DbcDatabase.Load(Corpus.PathOf("cantools/floating_point.dbc"));
        var m1 = db.GetMessage("Message1");
        Assert.Equal(SignalValueType.Float64, m1.GetSignal("Signal1").ValueType);
        var f1 = m1.Encode(new Dictionary<string, double> { ["Signal1"] = -129.448 });
        Assert.Equal(BitConverter.GetBytes(-129.448), f1);
        Assert.Equal(-129.448, m1.Decode(f1)["Signal1"]);
        var m2 = db.GetMessage("Message2");
        var f2 = m2.Encode(new Dictionary<string, double> { ["Signal2"] = 1.5 });
        Assert.Equal(BitConverter.GetBytes(1.5f), f2[4..]);
        Assert.Equal(1.5, m2.Decode(f2)["Signal2"]);
        Assert.Throws<CanEncodeException>(() => m2.Encode(new Dictionary<string, double> { ["Signal2"] = 1e40 }));
        Assert.Equal(float.MaxValue, m2.Decode(m2.Encode(new Dictionary<string, double> { ["Signal2"] = 1e40 }, EncodeMode.Clamp))["Signal2"]);
    }

    [SkippableFact]
    public void ExtendedMultiplexingFollowsTheChain()
    {
        var m = DbcDatabase.Load(Corpus.PathOf("cantools/issue_184_extended_mux_cascaded.dbc")).Messages[0];
        var inner = m.Signals.Single(s => s.IsMultiplexer && s.MultiplexerSignal is not null);
        var outer = m.GetSignal(inner.MultiplexerSignal!);
        var leaf = m.Signals.First(s => s.MultiplexerSignal == inner.Name);
        var values = new Dictionary<string, double>
        {
            [outer.Name] = inner.MultiplexerRanges[0].From,
            [inner.Name] = leaf.MultiplexerRanges[0].From,
            [leaf.Name] = 1,
        };
        var decoded = m.Decode(m.Encode(values));
        Assert.Equal(1, decoded[leaf.Name]);
        // Switch the outer multiplexer away: the inner one and its leaf vanish.
        values[outer.Name] = inner.MultiplexerRanges[0].To + 1;
        decoded = m.Decode(m.Encode(values, EncodeMode.Clamp));
        Assert.False(decoded.ContainsKey(inner.Name));
        Assert.False(decoded.ContainsKey(leaf.Name));
    }

    [Fact]
    public void ShortFramesAreRejectedWithTheMessageName()
    {
        var m = DbcDatabase.Parse(EdgeDbc).GetMessage("Be64");
        var e = Assert.Throws<CanDecodeException>(() => m.Decode(new byte[7]));
        Assert.Contains("Be64 (0x65): frame has 7 bytes, expected 8", e.Message);
    }
}
