using Pilot.Vision.Models;

namespace Pilot.Vision.Optimizers;

/// <summary>RMSProp (Tieleman and Hinton 2012): E = rho E + (1 - rho) g^2; w -= lr g / (sqrt(E) + eps).</summary>
public sealed class RmsProp(IReadOnlyList<Parameter> parameters, float learningRate = 0.001f, float rho = 0.9f, float epsilon = 1e-7f)
    : Optimizer(parameters, learningRate, 1)
{
    protected override void Update(Parameter p, Span<float> w, ReadOnlySpan<float> g, int index)
    {
        var e = State(index, 0);
        for (int j = 0; j < w.Length; j++)
        {
            e[j] = rho * e[j] + (1 - rho) * g[j] * g[j];
            w[j] -= LearningRate * g[j] / (MathF.Sqrt(e[j]) + epsilon);
        }
    }
}
