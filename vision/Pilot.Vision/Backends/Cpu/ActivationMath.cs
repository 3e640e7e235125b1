namespace Pilot.Vision.Backends.Cpu;

/// <summary>Scalar forward and derivative of every <see cref="ActivationKind"/>: the reference the vector paths are tested against.</summary>
public static class ActivationMath
{
    public const float SeluAlpha = 1.6732632423543772f;  // Klambauer et al. 2017, eq. 14 (self-normalising fixed point)
    public const float SeluScale = 1.0507009873554805f;

    public static float Forward(ActivationKind kind, float alpha, float x) => kind switch
    {
        ActivationKind.Identity => x,
        ActivationKind.Relu => x > 0 ? x : 0,
        ActivationKind.LeakyRelu => x > 0 ? x : alpha * x,
        ActivationKind.Elu => x > 0 ? x : alpha * (MathF.Exp(x) - 1),
        ActivationKind.Selu => SeluScale * (x > 0 ? x : SeluAlpha * (MathF.Exp(x) - 1)),
        ActivationKind.Sigmoid => x >= 0 ? 1 / (1 + MathF.Exp(-x)) : MathF.Exp(x) / (1 + MathF.Exp(x)),  // no overflow either side
        ActivationKind.Tanh => MathF.Tanh(x),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation"),
    };

    /// <summary>dy/dx at x, where y = Forward(x) (the cheaper of the two is used).</summary>
    public static float Derivative(ActivationKind kind, float alpha, float x, float y) => kind switch
    {
        ActivationKind.Identity => 1,
        ActivationKind.Relu => x > 0 ? 1 : 0,
        ActivationKind.LeakyRelu => x > 0 ? 1 : alpha,
        ActivationKind.Elu => x > 0 ? 1 : y + alpha,
        ActivationKind.Selu => x > 0 ? SeluScale : y + SeluScale * SeluAlpha,
        ActivationKind.Sigmoid => y * (1 - y),
        ActivationKind.Tanh => 1 - y * y,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation"),
    };
}
