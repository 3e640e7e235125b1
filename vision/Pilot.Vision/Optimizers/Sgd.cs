using Pilot.Vision.Models;

namespace Pilot.Vision.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum mu (PyTorch form, no dampening): v = mu v + g;
/// w -= lr v, or with Nesterov w -= lr (g + mu v) (Sutskever et al. 2013).
/// </summary>
public sealed class Sgd(IReadOnlyList<Parameter> parameters, float learningRate, float momentum = 0, bool nesterov = false)
    : Optimizer(parameters, learningRate, momentum == 0 ? 0 : 1)
{
    protected override void Update(Parameter p, Span<float> w, ReadOnlySpan<float> g, int index)
    {
        float lr = LearningRate;
        if (momentum == 0) { for (int j = 0; j < w.Length; j++) w[j] -= lr * g[j]; return; }
        var v = State(index, 0);
        for (int j = 0; j < w.Length; j++)
        {
            v[j] = momentum * v[j] + g[j];
            w[j] -= lr * (nesterov ? g[j] + momentum * v[j] : v[j]);
        }
    }
}
