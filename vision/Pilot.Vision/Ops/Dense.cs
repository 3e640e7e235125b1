using Pilot.Vision.Init;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>Fully connected layer y[N, out] = x[N, in] * W^T + b, W [out, in]; any input rank is read as [N, in].</summary>
public sealed class Dense(int units, bool bias = true, IInitializer? init = null) : Layer
{
    private Parameter _w = null!;   // [out, in]
    private Parameter? _b;          // [out]
    private int _n, _in;

    public int Units { get; } = units;
    public Parameter Weight => _w;
    public Parameter? Bias => _b;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 0, Name);
        Expect(Units > 0, Name, $"units {Units} must be positive");
        _n = inputs[0][0];
        _in = ShapeMath.PerSample(inputs[0]);
        _w = AddParameter(ctx, "weight", [Units, _in], init ?? VarianceScaling.GlorotUniform, _in, Units, decays: true);
        if (bias) _b = AddParameter(ctx, "bias", [Units], new Constant(0), _in, Units, decays: false);
        return [_n, Units];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        Multiply(inputs[0].Span, output.Span);
        if (_b is not null) Backend.AddChannelBias(output.Span, _b.Value.Span, _n, Units, 1);
    }

    /// <summary>y [N, out] = x [N, in] * W^T, no bias.</summary>
    public void Multiply(ReadOnlySpan<float> x, Span<float> y) => Backend.Gemm(false, true, _n, Units, _in, 1f, x, _in, _w.Value.Span, _in, 0f, y, Units);

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        var dy = dOutput.Span;  // [N, out]
        if (!Frozen)
        {
            Backend.Gemm(true, false, Units, _in, _n, 1f, dy, Units, inputs[0].Span, _in, 0f, _w.Grad.Span, _in);  // dW = dy^T x
            if (_b is not null) Backend.SumChannels(dy, _n, Units, 1, _b.Grad.Span);
        }
        if (dInputs[0] is { } dx) Backend.Gemm(false, false, _n, _in, Units, 1f, dy, Units, _w.Value.Span, _in, 0f, dx.Span, _in);  // dx = dy W
    }
}
