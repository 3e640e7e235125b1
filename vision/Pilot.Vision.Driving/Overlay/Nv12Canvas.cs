namespace Pilot.Vision.Driving.Overlay;

/// <summary>Draws thick lines and boxes into an NV12 frame in place (luma and the 2×2-subsampled chroma together).</summary>
public ref struct Nv12Canvas
{
    private readonly Span<byte> _frame;
    private readonly int _width, _height;

    public Nv12Canvas(Span<byte> frame, int width, int height)
    {
        if (frame.Length < width * height * 3 / 2) throw new ArgumentException($"an NV12 {width}×{height} frame needs {width * height * 3 / 2} bytes, got {frame.Length}");
        _frame = frame;
        _width = width;
        _height = height;
    }

    /// <summary>A colour as full-range BT.601 YUV from RGB bytes.</summary>
    public static (byte Y, byte U, byte V) Color(byte r, byte g, byte b) => (
        (byte)Math.Clamp(0.299 * r + 0.587 * g + 0.114 * b + 0.5, 0, 255),
        (byte)Math.Clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b + 0.5, 0, 255),
        (byte)Math.Clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b + 0.5, 0, 255));

    /// <summary>A line of <paramref name="thickness"/> pixels from (x0, y0) to (x1, y1), clipped to the frame.</summary>
    public void Line(double x0, double y0, double x1, double y1, (byte Y, byte U, byte V) color, int thickness = 3)
    {
        double length = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
        int steps = Math.Max(1, (int)Math.Ceiling(length));
        int r = thickness / 2;
        for (int k = 0; k <= steps; k++)
        {
            double t = (double)k / steps;
            int cx = (int)Math.Round(x0 + t * (x1 - x0)), cy = (int)Math.Round(y0 + t * (y1 - y0));
            for (int dy = -r; dy <= r; dy++)
                for (int dx = -r; dx <= r; dx++) Dot(cx + dx, cy + dy, color);
        }
    }

    /// <summary>The outline of a rectangle.</summary>
    public void Box(double left, double top, double right, double bottom, (byte Y, byte U, byte V) color, int thickness = 3)
    {
        Line(left, top, right, top, color, thickness);
        Line(right, top, right, bottom, color, thickness);
        Line(right, bottom, left, bottom, color, thickness);
        Line(left, bottom, left, top, color, thickness);
    }

    private void Dot(int x, int y, (byte Y, byte U, byte V) color)
    {
        if ((uint)x >= (uint)_width || (uint)y >= (uint)_height) return;
        _frame[y * _width + x] = color.Y;
        int c = _width * _height + (y / 2) * _width + (x / 2) * 2;
        _frame[c] = color.U;
        _frame[c + 1] = color.V;
    }
}
