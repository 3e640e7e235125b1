using Pilot.Vision.Models;

namespace Pilot.Vision.Optimizers;

/// <summary>AdaGrad (Duchi et al. 2011): G += g^2; w -= lr g / (sqrt(G) + eps).</summary>
public sealed class AdaGrad(IReadOnlyList<Parameter> parameters, float learningRate = 0.01f, float epsilon = 1e-10f)
    : Optimizer(parameters, learningRate, 1)
{
    protected override void Update(Parameter p, Span<float> w, ReadOnlySpan<float> g, int index)
    {
        var sum = State(index, 0);
        for (int j = 0; j < w.Length; j++)
        {
            sum[j] += g[j] * g[j];
            w[j] -= LearningRate * g[j] / (MathF.Sqrt(sum[j]) + epsilon);
        }
    }
}
