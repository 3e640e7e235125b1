using Pilot.Vision.Models;

namespace Pilot.Vision.Optimizers;

/// <summary>
/// AdaDelta (Zeiler 2012): Eg = rho Eg + (1 - rho) g^2; d = sqrt(Ex + eps) / sqrt(Eg + eps) * g;
/// Ex = rho Ex + (1 - rho) d^2; w -= lr d (lr 1 is the paper's rule).
/// </summary>
public sealed class AdaDelta(IReadOnlyList<Parameter> parameters, float learningRate = 1f, float rho = 0.9f, float epsilon = 1e-6f)
    : Optimizer(parameters, learningRate, 2)
{
    protected override void Update(Parameter p, Span<float> w, ReadOnlySpan<float> g, int index)
    {
        var eg = State(index, 0);
        var ex = State(index, 1);
        for (int j = 0; j < w.Length; j++)
        {
            eg[j] = rho * eg[j] + (1 - rho) * g[j] * g[j];
            float d = MathF.Sqrt(ex[j] + epsilon) / MathF.Sqrt(eg[j] + epsilon) * g[j];
            ex[j] = rho * ex[j] + (1 - rho) * d * d;
            w[j] -= LearningRate * d;
        }
    }
}
