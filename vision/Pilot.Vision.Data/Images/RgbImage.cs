namespace Pilot.Vision.Data.Images;

/// <summary>An 8-bit RGB image, interleaved: <see cref="Pixels"/> is [Height, Width, 3].</summary>
public sealed class RgbImage
{
    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }   // [Height, Width, 3] R, G, B

    public RgbImage(int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0 || pixels.Length != width * height * 3)
            throw new ArgumentException($"{pixels.Length} bytes do not hold a {width}×{height} RGB image");
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Writes the image as float32 CHW, 0..1, into <paramref name="destination"/> ([channels, Height, Width]).
    /// One channel gives luma (ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B, as PIL's "L" mode).</summary>
    public void ToChw(Span<float> destination, int channels = 3)
    {
        int plane = Width * Height;
        if (channels is not (1 or 3))
            throw new ArgumentException($"channels must be 1 (grey) or 3 (RGB), got {channels}", nameof(channels));
        if (destination.Length != channels * plane)
            throw new ArgumentException($"destination holds {destination.Length} floats, [{channels}, {Height}, {Width}] needs {channels * plane}");
        ReadOnlySpan<byte> rgb = Pixels;
        for (int i = 0; i < plane; i++)
        {
            float r = rgb[3 * i] / 255f, g = rgb[3 * i + 1] / 255f, b = rgb[3 * i + 2] / 255f;
            if (channels == 1)
            {
                destination[i] = 0.299f * r + 0.587f * g + 0.114f * b;
            }
            else
            {
                destination[i] = r;
                destination[plane + i] = g;
                destination[2 * plane + i] = b;
            }
        }
    }

    /// <summary>The image as a new float32 CHW array (see <see cref="ToChw(Span{float}, int)"/>).</summary>
    public float[] ToChw(int channels = 3)
    {
        var result = new float[channels * Width * Height];
        ToChw(result, channels);
        return result;
    }
}
