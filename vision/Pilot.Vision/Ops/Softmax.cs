using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Softmax (or log-softmax when <c>log</c>) over the features of [N, D], max-subtracted for stability.
/// Backward: softmax dx = y (dy - sum(dy y)); log-softmax dx = dy - exp(y) sum(dy).
/// </summary>
public class Softmax(bool log = false) : Layer
{
    private int _n, _d;

    public override string Kind => log ? "LogSoftmax" : "Softmax";

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 2, Name);
        _n = inputs[0][0]; _d = inputs[0][1];
        return inputs[0];
    }

    /// <summary>Softmax or log-softmax of one row (shared with the cross-entropy loss).</summary>
    public static void Row(ReadOnlySpan<float> x, Span<float> y, bool log)
    {
        float max = float.NegativeInfinity;
        foreach (float v in x) max = MathF.Max(max, v);
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += Math.Exp(x[i] - max);
        float logSum = (float)Math.Log(sum);
        for (int i = 0; i < x.Length; i++) y[i] = log ? x[i] - max - logSum : MathF.Exp(x[i] - max - logSum);
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var x = inputs[0].Span; var y = output.Span;
        for (int n = 0; n < _n; n++) Row(x.Slice(n * _d, _d), y.Slice(n * _d, _d), log);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is not { } dxT) return;
        var y = output.Span; var dy = dOutput.Span; var dx = dxT.Span;
        for (int n = 0; n < _n; n++)
        {
            int o = n * _d;
            double s = 0;
            for (int i = o; i < o + _d; i++) s += log ? dy[i] : dy[i] * y[i];
            for (int i = o; i < o + _d; i++) dx[i] = log ? dy[i] - MathF.Exp(y[i]) * (float)s : y[i] * (dy[i] - (float)s);
        }
    }
}

public sealed class LogSoftmax() : Softmax(log: true);
