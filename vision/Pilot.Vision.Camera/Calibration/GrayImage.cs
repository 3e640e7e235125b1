using Pilot.Vision.Data.Images;

namespace Pilot.Vision.Camera.Calibration;

/// <summary>A single-channel float image (luma 0..1), row-major [Height, Width], with bilinear sampling.</summary>
public sealed class GrayImage
{
    public int Width { get; }
    public int Height { get; }
    public float[] Pixels { get; }  // [Height, Width]

    public GrayImage(int width, int height, float[]? pixels = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"image size {width}×{height} must be positive");
        pixels ??= new float[width * height];
        if (pixels.Length != width * height) throw new ArgumentException($"{pixels.Length} pixels do not fill {width}×{height}");
        (Width, Height, Pixels) = (width, height, pixels);
    }

    /// <summary>Loads a PNG or JPEG as luma (BT.601).</summary>
    public static GrayImage Load(string path)
    {
        var rgb = ImageFile.LoadRgb(path);
        var gray = new GrayImage(rgb.Width, rgb.Height);
        rgb.ToChw(gray.Pixels, channels: 1);
        return gray;
    }

    public float this[int x, int y] => Pixels[y * Width + x];

    /// <summary>Bilinear sample at (x, y), clamped to the border.</summary>
    public float Sample(double x, double y)
    {
        x = Math.Clamp(x, 0, Width - 1.000001);
        y = Math.Clamp(y, 0, Height - 1.000001);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        float top = this[x0, y0] + fx * (this[x1, y0] - this[x0, y0]);
        float bottom = this[x0, y1] + fx * (this[x1, y1] - this[x0, y1]);
        return top + fy * (bottom - top);
    }

    /// <summary>A Gaussian-blurred copy (separable kernel of ±3σ, borders clamped).</summary>
    public GrayImage Blur(double sigma)
    {
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += kernel[i + radius] = (float)Math.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= (float)sum;

        var temp = new float[Pixels.Length];
        var result = new GrayImage(Width, Height);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * this[Math.Clamp(x + k, 0, Width - 1), y];
                temp[y * Width + x] = acc;
            }
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * temp[Math.Clamp(y + k, 0, Height - 1) * Width + x];
                result.Pixels[y * Width + x] = acc;
            }
        return result;
    }
}
