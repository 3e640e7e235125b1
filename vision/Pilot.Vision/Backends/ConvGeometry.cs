namespace Pilot.Vision.Backends;

/// <summary>How a convolution or pooling window treats the border.</summary>
public enum PaddingMode { Valid, Same, Explicit }

/// <summary>
/// Border padding in pixels. <see cref="Same"/> follows TensorFlow: output = ceil(input / stride), the total padding
/// split with the odd pixel at the bottom/right; <see cref="Valid"/> pads nothing; explicit padding is symmetric.
/// </summary>
public readonly record struct Padding(PaddingMode Mode, int Height, int Width)
{
    public static Padding Valid => new(PaddingMode.Valid, 0, 0);
    public static Padding Same => new(PaddingMode.Same, 0, 0);
    public static Padding Explicit(int pixels) => Explicit(pixels, pixels);
    public static Padding Explicit(int height, int width)
    {
        if (height < 0 || width < 0) throw new ArgumentOutOfRangeException(nameof(height), $"padding {height}x{width} is negative");
        return new(PaddingMode.Explicit, height, width);
    }

    /// <summary>(padding before, padding after, output size) along one axis.</summary>
    public (int Before, int After, int Output) Resolve(int input, int kernel, int stride, int dilation, bool vertical)
    {
        int span = dilation * (kernel - 1) + 1;  // receptive extent of the dilated kernel
        switch (Mode)
        {
            case PaddingMode.Same:
            {
                int output = (input + stride - 1) / stride;
                int total = Math.Max((output - 1) * stride + span - input, 0);
                return (total / 2, total - total / 2, output);
            }
            default:
            {
                int p = Mode == PaddingMode.Valid ? 0 : vertical ? Height : Width;
                int padded = input + 2 * p;
                if (padded < span)
                    throw new ArgumentException($"window of {span} pixels (kernel {kernel}, dilation {dilation}) is larger than the padded input of {padded} pixels");
                return (p, p, (padded - span) / stride + 1);  // (W - F + 2P) / S + 1 with F the dilated extent
            }
        }
    }
}

/// <summary>
/// Geometry of a 2-D window operation over an NCHW batch (convolution, pooling, im2col): input [N, C, H, W],
/// window KH x KW with stride and dilation, output [N, ., OH, OW]. PadTop/PadLeft place the window; the far padding is implied by OH/OW.
/// </summary>
public readonly record struct ConvGeometry(
    int N, int C, int H, int W,
    int KH, int KW, int StrideH, int StrideW, int DilationH, int DilationW,
    int PadTop, int PadLeft, int PadBottom, int PadRight, int OH, int OW)
{
    public static ConvGeometry Create(int n, int c, int h, int w, int kh, int kw, int strideH, int strideW, Padding padding, int dilationH = 1, int dilationW = 1)
    {
        if (n <= 0 || c <= 0 || h <= 0 || w <= 0) throw new ArgumentException($"input [{n}, {c}, {h}, {w}] must be positive");
        if (kh <= 0 || kw <= 0 || strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0)
            throw new ArgumentException($"kernel {kh}x{kw}, stride {strideH}x{strideW}, dilation {dilationH}x{dilationW} must be positive");
        var (pt, pb, oh) = padding.Resolve(h, kh, strideH, dilationH, vertical: true);
        var (pl, pr, ow) = padding.Resolve(w, kw, strideW, dilationW, vertical: false);
        return new(n, c, h, w, kh, kw, strideH, strideW, dilationH, dilationW, pt, pl, pb, pr, oh, ow);
    }

    public int InputPlane => H * W;
    public int OutputPlane => OH * OW;
    public int Taps => KH * KW;
}
