using Pilot.Vision.Tensors;

namespace Pilot.Vision.Losses;

/// <summary>Mean squared error over all elements; gradient 2 (p - t) / count.</summary>
public sealed class MeanSquaredError : ILoss
{
    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        RegressionCheck.Same(prediction, target, "MSE");
        var p = prediction.Span; var g = gradient.Span;
        double total = 0;
        for (int i = 0; i < p.Length; i++) { float d = p[i] - target[i]; total += d * d; g[i] = 2 * d / p.Length; }
        return (float)(total / p.Length);
    }
}

/// <summary>Huber loss (smooth L1): 0.5 d^2 for |d| &lt;= delta, else delta (|d| - delta/2); mean over all elements.</summary>
public sealed class Huber(float delta = 1f) : ILoss
{
    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        RegressionCheck.Same(prediction, target, "Huber");
        var p = prediction.Span; var g = gradient.Span;
        double total = 0;
        for (int i = 0; i < p.Length; i++)
        {
            float d = p[i] - target[i];
            bool quadratic = MathF.Abs(d) <= delta;
            total += quadratic ? 0.5 * d * d : delta * (MathF.Abs(d) - 0.5 * delta);
            g[i] = (quadratic ? d : delta * MathF.Sign(d)) / p.Length;
        }
        return (float)(total / p.Length);
    }
}

/// <summary>
/// Laplace negative log-likelihood with a predicted scale (openpilot's model outputs): prediction [N, 2D] holds the
/// means mu [N, :D] then the log-scales s [N, D:] (b = exp(s), positive by construction); target [N, D].
/// Per element: s + ln 2 + |y - mu| exp(-s); mean over N*D. d/dmu = -sign(y - mu) exp(-s), d/ds = 1 - |y - mu| exp(-s).
/// </summary>
public sealed class LaplaceNll : ILoss
{
    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        int n = prediction.Dim(0), twoD = prediction.Length / n, d = twoD / 2;
        if (twoD % 2 != 0 || target.Length != n * d)
            throw new ArgumentException($"Laplace NLL: predictions {ShapeMath.Format(prediction.Shape)} must be [N, 2D] and targets [N, D]; got {target.Length} targets");
        var p = prediction.Span; var g = gradient.Span;
        int count = n * d;
        double total = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                float mu = p[i * twoD + j], s = p[i * twoD + d + j], y = target[i * d + j];
                float err = y - mu, invB = MathF.Exp(-s);
                total += s + MathF.Log(2) + MathF.Abs(err) * invB;
                g[i * twoD + j] = -MathF.Sign(err) * invB / count;
                g[i * twoD + d + j] = (1 - MathF.Abs(err) * invB) / count;
            }
        return (float)(total / count);
    }
}

internal static class RegressionCheck
{
    public static void Same(Tensor prediction, ReadOnlySpan<float> target, string loss)
    {
        if (target.Length != prediction.Length)
            throw new ArgumentException($"{loss}: {target.Length} targets for predictions {ShapeMath.Format(prediction.Shape)}");
    }
}
