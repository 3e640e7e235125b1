using System.Runtime.InteropServices;
using Pilot.Messaging.Vision;
using SkiaSharp;

namespace Pilot.Camerad.Pixels;

/// <summary>
/// Decodes one MJPEG frame (a complete JPEG) per call into NV12, in process with Skia's libjpeg-turbo. Not ffmpeg: fed
/// through a pipe, ffmpeg's MJPEG demuxer holds frames back until it has probed two or more after them (measured: the
/// first decoded frame appears only after the third JPEG is written), which at 20 Hz adds over 100 ms of latency.
/// </summary>
public sealed class MjpegDecoder
{
    private readonly FrameGeometry _geometry;
    private readonly SKImageInfo _info;
    private readonly byte[] _rgba;   // [height, width, 4] decoded pixels, reused

    public MjpegDecoder(FrameGeometry geometry)
    {
        _geometry = geometry;
        _info = new SKImageInfo(geometry.Width, geometry.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        _rgba = new byte[geometry.Width * geometry.Height * 4];
    }

    /// <summary>Decodes <paramref name="jpeg"/> into <paramref name="frame"/> (NV12 of the decoder's geometry).</summary>
    public unsafe void Decode(ReadOnlySpan<byte> jpeg, Span<byte> frame)
    {
        fixed (byte* p = jpeg)
        fixed (byte* rgba = _rgba)
        {
            using var data = SKData.Create((nint)p, jpeg.Length);
            using var codec = SKCodec.Create(data)
                ?? throw new InvalidDataException($"MJPEG frame of {jpeg.Length} bytes is not a JPEG (starts {Convert.ToHexString(jpeg[..Math.Min(4, jpeg.Length)])})");
            if (codec.Info.Width != _info.Width || codec.Info.Height != _info.Height)
                throw new InvalidDataException($"MJPEG frame is {codec.Info.Width}x{codec.Info.Height}, the stream was set up for {_info.Width}x{_info.Height}");
            var result = codec.GetPixels(_info, (nint)rgba);
            if (result != SKCodecResult.Success)   // a truncated frame (USB packet loss) is dropped, not shown half grey
                throw new InvalidDataException($"MJPEG frame of {jpeg.Length} bytes could not be decoded ({result})");
        }
        FrameConversion.RgbaToNv12(_rgba, _geometry, frame);
    }
}
