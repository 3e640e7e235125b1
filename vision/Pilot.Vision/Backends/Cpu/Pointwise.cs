namespace Pilot.Vision.Backends.Cpu;

/// <summary>
/// Fast activation loops: (leaky) ReLU runs on the vector path, the transcendental ones call the scalar
/// <see cref="ActivationMath"/> definitions (they are a small share of any network's time).
/// </summary>
public static unsafe class Pointwise
{
    public static void Forward(SimdLevel level, ActivationKind kind, float alpha, float* x, float* y, int n)
    {
        switch (kind)
        {
            case ActivationKind.Relu: VectorOps.LeakyRelu(level, 0f, x, y, n); return;
            case ActivationKind.LeakyRelu: VectorOps.LeakyRelu(level, alpha, x, y, n); return;
            default:
                for (int i = 0; i < n; i++) y[i] = ActivationMath.Forward(kind, alpha, x[i]);
                return;
        }
    }

    public static void Backward(SimdLevel level, ActivationKind kind, float alpha, float* x, float* y, float* dy, float* dx, int n)
    {
        switch (kind)
        {
            case ActivationKind.Relu: VectorOps.LeakyReluBackward(level, 0f, x, dy, dx, n); return;
            case ActivationKind.LeakyRelu: VectorOps.LeakyReluBackward(level, alpha, x, dy, dx, n); return;
            default:
                for (int i = 0; i < n; i++) dx[i] = ActivationMath.Derivative(kind, alpha, x[i], y[i]) * dy[i];
                return;
        }
    }
}
