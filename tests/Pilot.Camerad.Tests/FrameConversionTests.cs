using System.Diagnostics;
using Pilot.Camerad.Pixels;
using Pilot.Messaging.Vision;
using Pilot.Testing;
using Xunit;

namespace Pilot.Camerad.Tests;

public sealed class FrameConversionTests
{
    [Fact]
    public void YuyvBecomesNv12WithChromaAveragedOverRowPairs()
    {
        // 4×2 pixels, rows padded to 12 bytes (the driver's bytesperline); padding bytes 0xEE must not leak through.
        byte[] yuyv =
        [
            10, 100, 11, 200, 12, 50, 13, 60, 0xEE, 0xEE, 0xEE, 0xEE,
            20, 101, 21, 203, 22, 51, 23, 0, 0xEE, 0xEE, 0xEE, 0xEE,
        ];
        var g = new FrameGeometry(4, 2, 8, PixelFormat.Nv12);   // pool rows of 8 bytes
        var frame = new byte[g.Size];
        FrameConversion.YuyvToNv12(yuyv, 12, g, frame);
        Assert.Equal(new byte[] { 10, 11, 12, 13 }, frame[0..4]);
        Assert.Equal(new byte[] { 20, 21, 22, 23 }, frame[8..12]);
        // U = (100 + 101 + 1) / 2 = 101, V = (200 + 203 + 1) / 2 = 202; U = (50 + 51 + 1) / 2 = 51, V = (60 + 0 + 1) / 2 = 30.
        Assert.Equal(new byte[] { 101, 202, 51, 30 }, frame[g.UvOffset..(g.UvOffset + 4)]);
    }

    [Fact]
    public void Nv12RowsAreRepitchedFromTheDriverToThePool()
    {
        const int w = 4, h = 2, bpl = 6;
        var src = new byte[bpl * h * 3 / 2];
        for (int i = 0; i < src.Length; i++) src[i] = (byte)i;
        var g = new FrameGeometry(w, h, 8, PixelFormat.Nv12);
        var frame = new byte[g.Size];
        FrameConversion.Nv12ToNv12(src, bpl, g, frame);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 0, 0, 0, 0, 6, 7, 8, 9, 0, 0, 0, 0, 12, 13, 14, 15, 0, 0, 0, 0 }, frame);
    }

    [Fact]
    public void RgbaBecomesFullRangeBt601()
    {
        // 2×2 blocks of one colour each; expected values from the JFIF equations, rounded to nearest, clamped.
        (byte R, byte G, byte B, byte Y, byte U, byte V)[] colours =
        [
            (255, 0, 0, 76, 85, 255),
            (0, 255, 0, 150, 44, 21),
            (0, 0, 255, 29, 255, 107),
            (128, 128, 128, 128, 128, 128),
        ];
        var g = new FrameGeometry(8, 2, 8, PixelFormat.Nv12);
        var rgba = new byte[8 * 2 * 4];
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 8; x++)
            {
                var c = colours[x / 2];
                rgba.AsSpan(4 * (y * 8 + x), 4).SetValues(c.R, c.G, c.B, 255);
            }
        var frame = new byte[g.Size];
        FrameConversion.RgbaToNv12(rgba, g, frame);
        for (int k = 0; k < colours.Length; k++)
        {
            Assert.Equal(colours[k].Y, frame[2 * k]);
            Assert.Equal(colours[k].Y, frame[8 + 2 * k + 1]);
            Assert.Equal(colours[k].U, frame[g.UvOffset + 2 * k]);
            Assert.Equal(colours[k].V, frame[g.UvOffset + 2 * k + 1]);
        }
    }

    [Fact]
    public void ShortSourceIsRefusedWithTheSizes()
    {
        var g = FrameGeometry.For(64, 8);
        var e = Assert.Throws<ArgumentException>(() => FrameConversion.YuyvToNv12(new byte[100], 128, g, new byte[g.Size]));
        Assert.Contains("1024 bytes, got 100", e.Message);
    }

    [SkippableFact]
    public void MjpegFrameFromFfmpegDecodesToTheImageItEncodes()
    {
        TestData.RequireTool("ffmpeg");
        string dir = Directory.CreateTempSubdirectory("mjpeg").FullName;
        try
        {
            // ffmpeg encodes a gradient image as JPEG and decodes that JPEG to RGBA with its own decoder: the two decoders
            // (IDCT and chroma upsampling differ) must agree on the luma to within a level or two.
            string jpeg = Path.Combine(dir, "f.jpg"), raw = Path.Combine(dir, "f.rgba");
            const string source = "gradients=size=128x64:seed=3";
            Ffmpeg("-f", "lavfi", "-i", source, "-frames:v", "1", "-q:v", "1", "-pix_fmt", "yuvj420p", jpeg);
            Ffmpeg("-i", jpeg, "-f", "rawvideo", "-pix_fmt", "rgba", raw);
            var g = FrameGeometry.For(128, 64);
            var frame = new byte[g.Size];
            new MjpegDecoder(g).Decode(File.ReadAllBytes(jpeg), frame);
            var rgba = File.ReadAllBytes(raw);
            double lumaError = 0;
            for (int i = 0; i < 128 * 64; i++)
                lumaError += Math.Abs(frame[i] - Math.Round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]));
            Assert.InRange(lumaError / (128 * 64), 0, 2.0);
            Assert.Throws<InvalidDataException>(() => new MjpegDecoder(g).Decode(new byte[] { 1, 2, 3, 4, 5 }, frame));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static void Ffmpeg(params string[] args)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y" }.Concat(args)) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, errors);
    }
}

internal static class SpanExtensions
{
    public static void SetValues(this Span<byte> span, params byte[] values) => values.CopyTo(span);
}
