using Pilot.Vision.Init;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Batch normalisation (Ioffe and Szegedy 2015) over the channel axis of [N, C, H, W] or [N, C]. Training uses the
/// batch mean and biased variance and updates running statistics with <c>momentum</c> (PyTorch convention: new =
/// (1 - m) * old + m * batch, unbiased variance); evaluation uses the running statistics.
/// </summary>
public sealed class BatchNorm(float momentum = 0.1f, float epsilon = 1e-5f) : Layer
{
    private Parameter _gamma = null!, _beta = null!;   // [C]
    private Tensor _runningMean = null!, _runningVar = null!;  // [C]
    private Tensor _xhat = null!;                      // [N, C, ...] normalised input, kept for backward
    private Tensor _invStd = null!;                    // [C] 1/sqrt(var + eps) used by the last forward
    private Tensor _shift = null!, _affineScale = null!;  // [C] per-channel affine map of the last forward
    private int _n, _c, _inner;

    public float Momentum { get; } = momentum;
    public float Epsilon { get; } = epsilon;
    public Tensor RunningMean => _runningMean;
    public Tensor RunningVar => _runningVar;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 0, Name);
        var s = inputs[0];
        Expect(s.Length >= 2, Name, $"expects [N, C, ...], got {ShapeMath.Format(s)}");
        _n = s[0]; _c = s[1]; _inner = s.Length > 2 ? ShapeMath.Count(s.AsSpan(2)) : 1;
        _gamma = AddParameter(ctx, "gamma", [_c], new Constant(1), 1, 1, decays: false);
        _beta = AddParameter(ctx, "beta", [_c], new Constant(0), 1, 1, decays: false);
        _runningMean = AddBuffer(ctx, "running_mean", [_c]);
        _runningVar = AddBuffer(ctx, "running_var", [_c]);
        _xhat = ctx.Activations.Request(Name + ".xhat", s);
        _invStd = ctx.Activations.Request(Name + ".inv_std", [_c]);
        _shift = ctx.Activations.Request(Name + ".shift", [_c]);
        _affineScale = ctx.Activations.Request(Name + ".scale", [_c]);
        return s;
    }

    /// <summary>
    /// The evaluation-mode layer as one per-channel affine map y = scale [C] * x + shift [C]: gamma (x - mean) / std + beta
    /// with the running statistics (what an inference plan folds into the convolution before it).
    /// </summary>
    public void EvaluationAffine(Span<float> scale, Span<float> shift)
    {
        var gamma = _gamma.Value.Span; var beta = _beta.Value.Span;
        var rm = _runningMean.Span; var rv = _runningVar.Span;
        for (int c = 0; c < _c; c++)
        {
            scale[c] = gamma[c] * (1 / MathF.Sqrt(rv[c] + Epsilon));
            shift[c] = beta[c] - rm[c] * scale[c];
        }
    }

    internal override void InitializeBuffers()
    {
        _runningMean.Span.Clear();
        _runningVar.Span.Fill(1);
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var x = inputs[0].Span;
        var invStd = _invStd.Span; var shift = _shift.Span;
        var gamma = _gamma.Value.Span; var beta = _beta.Value.Span;
        var rm = _runningMean.Span; var rv = _runningVar.Span;
        if (!Training)
        {
            EvaluationAffine(_affineScale.Span, shift);
            for (int c = 0; c < _c; c++) invStd[c] = 1 / MathF.Sqrt(rv[c] + Epsilon);   // backward rebuilds xhat from it if needed
            Backend.ChannelAffine(x, _affineScale.Span, shift, output.Span, _n, _c, _inner);
            return;
        }
        int count = _n * _inner;
        for (int c = 0; c < _c; c++)
        {
            double sum = 0, sq = 0;
            for (int n = 0; n < _n; n++)
                foreach (float v in x.Slice((n * _c + c) * _inner, _inner)) sum += v;
            double mu = sum / count;
            for (int n = 0; n < _n; n++)
                foreach (float v in x.Slice((n * _c + c) * _inner, _inner)) sq += (v - mu) * (v - mu);
            invStd[c] = (float)(1 / Math.Sqrt(sq / count + Epsilon));
            shift[c] = (float)(-mu * invStd[c]);
            rm[c] = (1 - Momentum) * rm[c] + Momentum * (float)mu;
            rv[c] = (float)((1 - Momentum) * rv[c] + Momentum * (count > 1 ? sq / (count - 1) : sq / count));
        }
        Backend.ChannelAffine(x, invStd, shift, _xhat.Span, _n, _c, _inner);
        Backend.ChannelAffine(_xhat.Span, gamma, beta, output.Span, _n, _c, _inner);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (!Training)  // evaluation forward skipped xhat: rebuild it from the running statistics
        {
            for (int c = 0; c < _c; c++) _shift.Span[c] = -_runningMean.Span[c] * _invStd.Span[c];
            Backend.ChannelAffine(inputs[0].Span, _invStd.Span, _shift.Span, _xhat.Span, _n, _c, _inner);
        }
        var dy = dOutput.Span;
        var xhat = _xhat.Span;
        var invStd = _invStd.Span;
        var gamma = _gamma.Value.Span;
        var dx = dInputs[0] is { } t ? t.Span : default;
        int count = _n * _inner;
        for (int c = 0; c < _c; c++)
        {
            double dBeta = 0, dGamma = 0;
            for (int n = 0; n < _n; n++)
            {
                int o = (n * _c + c) * _inner;
                for (int i = o; i < o + _inner; i++) { dBeta += dy[i]; dGamma += dy[i] * xhat[i]; }
            }
            if (!Frozen) { _gamma.Grad.Span[c] = (float)dGamma; _beta.Grad.Span[c] = (float)dBeta; }
            if (dx.IsEmpty) continue;
            float k = gamma[c] * invStd[c];
            // Training: dx = gamma*invstd/M * (M*dy - sum(dy) - xhat*sum(dy*xhat)); evaluation: statistics are constants.
            float meanDy = Training ? (float)(dBeta / count) : 0, meanDyXhat = Training ? (float)(dGamma / count) : 0;
            for (int n = 0; n < _n; n++)
            {
                int o = (n * _c + c) * _inner;
                for (int i = o; i < o + _inner; i++) dx[i] = k * (dy[i] - meanDy - xhat[i] * meanDyXhat);
            }
        }
    }
}
