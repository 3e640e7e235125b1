using System.Text;
using Pilot.Capnp.Schema.Text;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>The reference's float printing (kj FloatToBuffer / DoubleToBuffer) and reading, on fixed and random values.</summary>
public class FloatFormatTests
{
    [Theory]
    [InlineData(1e10, 6, "1e10")]
    [InlineData(1e10, 15, "10000000000")]
    [InlineData(1e-5, 15, "1e-05")]
    [InlineData(123456.7, 6, "123457")]
    [InlineData(1e6, 6, "1e06")]
    [InlineData(0.0001, 15, "0.0001")]
    [InlineData(-0.0, 15, "-0")]
    [InlineData(1.5e300, 17, "1.5000000000000001e300")]
    public void FormatG_follows_printf_g_without_the_exponent_plus(double value, int precision, string expected) =>
        Assert.Equal(expected, KjFloat.FormatG(value, precision));

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(16777216f, "16777216")]
    [InlineData(1e-45f, "1.4012985e-45")]   // subnormal: strtof reports ERANGE, so the wide form is used
    [InlineData(float.NaN, "nan")]
    [InlineData(float.NegativeInfinity, "-inf")]
    public void Float32_formats_like_kj(float value, string expected) => Assert.Equal(expected, KjFloat.Format(value));

    [SkippableFact]
    public void Random_floats_print_and_parse_like_the_reference()
    {
        var random = new Random(20261123);
        var schema = CapnpTool.Load(Tool.Everything);
        var lists = schema.FindStruct("Lists");
        var message = new MessageBuilder();
        var root = message.InitRoot(lists.DataWords, lists.PointerCount);
        const int Count = 600;  // fits the first segment: larger messages differ in segment layout (see CAPNP_API.md)
        var f32 = root.InitList((int)lists.FindField("float32s")!.Offset, ElementSize.FourBytes, Count);
        var f64 = root.InitList((int)lists.FindField("float64s")!.Offset, ElementSize.EightBytes, Count);
        for (int i = 0; i < Count; i++)
        {
            // Half random bit patterns (all exponents, subnormals, NaNs), half "human" decimals.
            f32.SetUInt32(i, i % 2 == 0 ? (uint)random.NextInt64(0, 1L << 32) : BitConverter.SingleToUInt32Bits((float)Math.Round(random.NextDouble() * 1000, 3)));
            f64.SetUInt64(i, i % 2 == 0 ? (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63) : BitConverter.DoubleToUInt64Bits(Math.Round(random.NextDouble() * 1e6, 4)));
        }
        byte[] framed = message.ToFramedArray();
        string reference = Encoding.UTF8.GetString(Tool.Capnp(framed, "decode", Tool.Everything, "Lists"));
        var codec = new TextCodec(schema, lists);
        using var printed = new MemoryStream();
        codec.Decode(new MemoryStream(framed), printed);
        Assert.Equal(reference, Encoding.UTF8.GetString(printed.ToArray()));

        // And back: the reference's text parsed by both sides gives the same bytes (double rounding to float included).
        byte[] text = Encoding.UTF8.GetBytes(reference);
        using var encoded = new MemoryStream();
        codec.Encode(text, encoded);
        Assert.Equal(Tool.Capnp(text, "encode", Tool.Everything, "Lists"), encoded.ToArray());
    }
}
