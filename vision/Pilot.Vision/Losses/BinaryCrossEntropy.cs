using Pilot.Vision.Tensors;

namespace Pilot.Vision.Losses;

/// <summary>
/// Binary cross-entropy, mean over all elements, targets in [0, 1]. From logits z (default, stable form
/// max(z, 0) - z t + log(1 + exp(-|z|)), gradient sigmoid(z) - t) or from probabilities p clamped to [eps, 1 - eps].
/// </summary>
public sealed class BinaryCrossEntropy(bool fromLogits = true) : ILoss
{
    private const float Epsilon = 1e-7f;  // Keras' clamp: keeps log finite for saturated probabilities

    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        if (target.Length != prediction.Length) throw new ArgumentException($"binary cross-entropy: {target.Length} targets for {prediction.Length} predictions");
        var x = prediction.Span; var g = gradient.Span;
        int count = x.Length;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            float t = target[i];
            if (fromLogits)
            {
                float z = x[i];
                total += MathF.Max(z, 0) - z * t + MathF.Log(1 + MathF.Exp(-MathF.Abs(z)));
                g[i] = (Backends.Cpu.ActivationMath.Forward(Backends.ActivationKind.Sigmoid, 0, z) - t) / count;
            }
            else
            {
                float p = Math.Clamp(x[i], Epsilon, 1 - Epsilon);
                total -= t * MathF.Log(p) + (1 - t) * MathF.Log(1 - p);
                g[i] = (p - t) / (p * (1 - p)) / count;
            }
        }
        return (float)(total / count);
    }
}
