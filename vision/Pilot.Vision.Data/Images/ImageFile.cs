using SkiaSharp;

namespace Pilot.Vision.Data.Images;

/// <summary>
/// PNG and JPEG reading and PNG writing through SkiaSharp (works headless: no display or GPU is involved).
/// Images are float32 CHW with values 0..1 on the tensor side, 8-bit RGB on the file side. Pixels are returned as
/// stored: an EXIF orientation tag (phone photos) is not applied, and an alpha channel is dropped.
/// </summary>
public static class ImageFile
{
    /// <summary>Largest image accepted, in pixels (a 16k × 16k image is 1 GiB as RGBA). Threat: a corrupt header
    /// declaring a huge size would make the decoder allocate it.</summary>
    public const long MaxPixels = 1L << 28;

    /// <summary>Decodes a PNG or JPEG at its own size.</summary>
    public static RgbImage LoadRgb(string path)
    {
        using var bitmap = Decode(path);
        return ToRgb(bitmap);
    }

    /// <summary>Decodes a PNG or JPEG and resizes it to <paramref name="width"/> × <paramref name="height"/>
    /// (bilinear with mip-maps, so downscaling averages rather than skips pixels; aspect ratio not kept, as Keras'
    /// image_dataset_from_directory does by default).</summary>
    public static RgbImage LoadRgb(string path, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"target size {width}×{height} must be positive");
        using var bitmap = Decode(path);
        if (bitmap.Width == width && bitmap.Height == height) return ToRgb(bitmap);
        using var resized = bitmap.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new DataFormatException(path, -1, $"could not resize {bitmap.Width}×{bitmap.Height} to {width}×{height}");
        return ToRgb(resized);
    }

    /// <summary>Decodes into float32 CHW [channels, height, width], 0..1, resized when the size differs.</summary>
    public static float[] LoadChw(string path, int channels, int height, int width) =>
        LoadRgb(path, width, height).ToChw(channels);

    /// <summary>Writes a CHW image (1 channel: grey, 3: RGB) as PNG. Values are clamped to 0..1 unless
    /// <paramref name="normalize"/> stretches the image's own min..max to 0..1 (for feature maps).</summary>
    public static void SavePng(string path, ReadOnlySpan<float> chw, int channels, int height, int width, bool normalize = false) =>
        SaveGridPng(path, chw, 1, channels, height, width, columns: 1, padding: 0, normalize);

    /// <summary>
    /// Writes <paramref name="count"/> CHW images ([count, channels, height, width]) as one PNG grid, row-major,
    /// <paramref name="columns"/> per row (0: a near-square grid), separated by <paramref name="padding"/> black pixels.
    /// With <paramref name="normalize"/> each image is stretched from its own min..max. To show a feature map
    /// [C, H, W], pass it as count = C images of one channel.
    /// </summary>
    public static void SaveGridPng(string path, ReadOnlySpan<float> images, int count, int channels, int height, int width,
        int columns = 0, int padding = 2, bool normalize = false)
    {
        var grid = ImageGrid.Compose(images, count, channels, height, width, columns, padding, normalize);
        using var bitmap = new SKBitmap(new SKImageInfo(grid.Width, grid.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = bitmap.GetPixelSpan();
        ReadOnlySpan<byte> rgb = grid.Pixels;
        unsafe
        {
            fixed (byte* target = rgba)
            {
                for (int i = 0, n = grid.Width * grid.Height; i < n; i++)
                {
                    target[4 * i] = rgb[3 * i];
                    target[4 * i + 1] = rgb[3 * i + 1];
                    target[4 * i + 2] = rgb[3 * i + 2];
                    target[4 * i + 3] = 255;
                }
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new IOException($"PNG encoding of a {grid.Width}×{grid.Height} image failed for {path}");
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static SKBitmap Decode(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"image not found: {path}", path);
        using var codec = SKCodec.Create(path, out var result)
            ?? throw new DataFormatException(path, -1, $"not a decodable PNG or JPEG image ({result})");
        var size = codec.Info;
        if ((long)size.Width * size.Height > MaxPixels)
            throw new DataFormatException(path, -1, $"image declares {size.Width}×{size.Height} pixels, more than ImageFile.MaxPixels ({MaxPixels})");
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new DataFormatException(path, -1,
                decoded == SKCodecResult.IncompleteInput ? "image data is truncated" : $"image could not be decoded ({decoded})");
        }
        return bitmap;
    }

    private static RgbImage ToRgb(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888)
            throw new InvalidOperationException($"expected an RGBA bitmap, got {bitmap.ColorType}");
        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        int n = bitmap.Width * bitmap.Height;
        var rgb = new byte[3 * n];
        for (int i = 0; i < n; i++)
        {
            rgb[3 * i] = rgba[4 * i];
            rgb[3 * i + 1] = rgba[4 * i + 1];
            rgb[3 * i + 2] = rgba[4 * i + 2];
        }
        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }
}
