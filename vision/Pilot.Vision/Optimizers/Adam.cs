using Pilot.Vision.Models;

namespace Pilot.Vision.Optimizers;

/// <summary>
/// Adam (Kingma and Ba 2015) with bias correction: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
/// w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps). With <c>decoupledDecay</c> &gt; 0 it is AdamW
/// (Loshchilov and Hutter 2019): w -= lr * decay * w first, for decaying parameters only.
/// </summary>
public class Adam(IReadOnlyList<Parameter> parameters, float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f,
    float epsilon = 1e-8f, float decoupledDecay = 0) : Optimizer(parameters, learningRate, 2)
{
    public float DecoupledDecay { get; } = decoupledDecay;

    protected override void Update(Parameter p, Span<float> w, ReadOnlySpan<float> g, int index)
    {
        var m = State(index, 0);
        var v = State(index, 1);
        float lr = LearningRate;
        float c1 = 1 - MathF.Pow(beta1, Steps), c2 = 1 - MathF.Pow(beta2, Steps);
        float decay = p.Decays ? 1 - lr * DecoupledDecay : 1;
        for (int j = 0; j < w.Length; j++)
        {
            m[j] = beta1 * m[j] + (1 - beta1) * g[j];
            v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
            w[j] = w[j] * decay - lr * (m[j] / c1) / (MathF.Sqrt(v[j] / c2) + epsilon);
        }
    }
}

/// <summary>Adam with decoupled weight decay (default 0.01, as PyTorch's AdamW).</summary>
public sealed class AdamW(IReadOnlyList<Parameter> parameters, float learningRate = 0.001f, float weightDecay = 0.01f,
    float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f) : Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay);
