namespace Pilot.Vision.Data.Images;

/// <summary>Lays out CHW float images as one RGB byte image (the part of grid writing that needs no codec).</summary>
public static class ImageGrid
{
    /// <summary>See <see cref="ImageFile.SaveGridPng"/> for the parameters.</summary>
    public static RgbImage Compose(ReadOnlySpan<float> images, int count, int channels, int height, int width,
        int columns = 0, int padding = 2, bool normalize = false)
    {
        if (count <= 0 || height <= 0 || width <= 0 || padding < 0 || columns < 0)
            throw new ArgumentException($"grid of {count} images [{channels}, {height}, {width}], {columns} columns, padding {padding} is not valid");
        if (channels is not (1 or 3))
            throw new ArgumentException($"images must have 1 (grey) or 3 (RGB) channels, got {channels}; pass a feature map as C one-channel images", nameof(channels));
        int size = channels * height * width;
        if (images.Length != (long)count * size)
            throw new ArgumentException($"{images.Length} floats do not hold {count} images of [{channels}, {height}, {width}]");

        if (columns == 0) columns = (int)Math.Ceiling(Math.Sqrt(count));
        columns = Math.Min(columns, count);
        int rows = (count + columns - 1) / columns;
        int gridWidth = columns * width + (columns - 1) * padding, gridHeight = rows * height + (rows - 1) * padding;
        var rgb = new byte[gridWidth * gridHeight * 3];
        int plane = height * width;
        for (int n = 0; n < count; n++)
        {
            var image = images.Slice(n * size, size);
            float low = 0f, scale = 1f;
            if (normalize)
            {
                float min = float.PositiveInfinity, max = float.NegativeInfinity;
                foreach (float v in image) { min = Math.Min(min, v); max = Math.Max(max, v); }
                low = min;
                scale = max > min ? 1f / (max - min) : 0f;  // a constant map shows as black, not as a division by zero
            }
            int top = n / columns * (height + padding), left = n % columns * (width + padding);
            for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int target = ((top + y) * gridWidth + left + x) * 3;
                for (int k = 0; k < 3; k++)
                {
                    float v = (image[(channels == 1 ? 0 : k) * plane + y * width + x] - low) * scale;
                    rgb[target + k] = (byte)Math.Round(Math.Clamp(float.IsNaN(v) ? 0f : v, 0f, 1f) * 255f);
                }
            }
        }
        return new RgbImage(gridWidth, gridHeight, rgb);
    }
}
