namespace Pilot.Vision.Training;

/// <summary>The learning rate for optimiser step <c>step</c> (0-based).</summary>
public interface ILearningRateSchedule
{
    float Rate(int step);
}

/// <summary>lr * gamma^floor(step / stepSize) (PyTorch StepLR).</summary>
public sealed record StepDecay(float Initial, int StepSize, float Gamma) : ILearningRateSchedule
{
    public float Rate(int step) => Initial * MathF.Pow(Gamma, step / StepSize);
}

/// <summary>lr * rate^(step / decaySteps), continuous (Keras ExponentialDecay).</summary>
public sealed record ExponentialDecay(float Initial, float DecayRate, int DecaySteps) : ILearningRateSchedule
{
    public float Rate(int step) => Initial * MathF.Pow(DecayRate, (float)step / DecaySteps);
}

/// <summary>lr / (1 + rate * step / decaySteps) (Keras InverseTimeDecay).</summary>
public sealed record InverseTimeDecay(float Initial, float DecayRate, int DecaySteps) : ILearningRateSchedule
{
    public float Rate(int step) => Initial / (1 + DecayRate * step / DecaySteps);
}

/// <summary>Cosine annealing from lr to <c>Minimum</c> over <c>TotalSteps</c>, then held (Loshchilov and Hutter 2017, no restarts).</summary>
public sealed record CosineDecay(float Initial, int TotalSteps, float Minimum = 0) : ILearningRateSchedule
{
    public float Rate(int step) =>
        Minimum + (Initial - Minimum) * 0.5f * (1 + MathF.Cos(MathF.PI * Math.Min(step, TotalSteps) / TotalSteps));
}

/// <summary>Linear warm-up to the inner schedule's rate over <c>WarmupSteps</c> (Goyal et al. 2017), then the inner schedule from its step 0.</summary>
public sealed record WarmUp(ILearningRateSchedule Inner, int WarmupSteps) : ILearningRateSchedule
{
    public float Rate(int step) => step < WarmupSteps ? Inner.Rate(0) * (step + 1) / WarmupSteps : Inner.Rate(step - WarmupSteps);
}

/// <summary>A fixed rate.</summary>
public sealed record ConstantRate(float Value) : ILearningRateSchedule
{
    public float Rate(int step) => Value;
}
