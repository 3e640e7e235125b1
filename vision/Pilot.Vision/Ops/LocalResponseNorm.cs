using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Local response normalisation across channels (Krizhevsky et al. 2012, PyTorch's convention):
/// y_c = x_c / s_c^beta with s_c = k + alpha/size * sum of x_j^2 over the <c>size</c> channels centred on c.
/// Backward: dx_i = dy_i s_i^-beta - 2 alpha beta/size x_i sum_{c: i in window(c)} dy_c x_c s_c^(-beta-1).
/// </summary>
public sealed class LocalResponseNorm(int size = 5, float alpha = 1e-4f, float beta = 0.75f, float k = 2f) : Layer
{
    private Tensor _scale = null!;  // [N, C, H, W] s_c
    private int _n, _c, _inner;

    public int Size { get; } = size;
    /// <summary>Divided by <see cref="Size"/> in the formula, as in PyTorch, Caffe and ONNX.</summary>
    public float Alpha { get; } = alpha;
    public float Beta { get; } = beta;
    public float K { get; } = k;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        Expect(Size > 0, Name, $"window size {Size} must be positive");
        var s = inputs[0];
        _n = s[0]; _c = s[1]; _inner = s[2] * s[3];
        _scale = ctx.Activations.Request(Name + ".scale", s);
        return s;
    }

    private (int Lo, int Hi) Window(int c) => (Math.Max(0, c - (Size - 1) / 2), Math.Min(_c - 1, c + Size / 2));

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var x = inputs[0].Span; var y = output.Span; var sc = _scale.Span;
        for (int n = 0; n < _n; n++)
            for (int c = 0; c < _c; c++)
            {
                var (lo, hi) = Window(c);
                for (int p = 0; p < _inner; p++)
                {
                    float sum = 0;
                    for (int j = lo; j <= hi; j++) { float v = x[(n * _c + j) * _inner + p]; sum += v * v; }
                    int i = (n * _c + c) * _inner + p;
                    sc[i] = K + Alpha / Size * sum;
                    y[i] = x[i] * MathF.Pow(sc[i], -Beta);
                }
            }
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is not { } dxT) return;
        var x = inputs[0].Span; var dy = dOutput.Span; var sc = _scale.Span; var dx = dxT.Span;
        float factor = 2 * Alpha * Beta / Size;
        for (int n = 0; n < _n; n++)
            for (int i = 0; i < _c; i++)
                for (int p = 0; p < _inner; p++)
                {
                    int ii = (n * _c + i) * _inner + p;
                    float acc = 0;
                    for (int c = 0; c < _c; c++)
                    {
                        var (lo, hi) = Window(c);
                        if (i < lo || i > hi) continue;
                        int ci = (n * _c + c) * _inner + p;
                        acc += dy[ci] * x[ci] * MathF.Pow(sc[ci], -Beta - 1);
                    }
                    dx[ii] = dy[ii] * MathF.Pow(sc[ii], -Beta) - factor * x[ii] * acc;
                }
    }
}
