using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// A pointwise nonlinearity: ReLU, leaky ReLU (alpha = negative slope, default 0.01), ELU (alpha, default 1),
/// SELU, sigmoid, tanh. Forward and derivative live in <see cref="Backends.Cpu.ActivationMath"/> and the backends.
/// </summary>
public class Activation(ActivationKind kind, float alpha = float.NaN) : Layer
{
    public ActivationKind Function { get; } = kind;
    public float Alpha { get; } = float.IsNaN(alpha) ? kind == ActivationKind.LeakyRelu ? 0.01f : 1f : alpha;

    public override string Kind => Function.ToString();

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 0, Name);
        return inputs[0];
    }

    public override void Forward(Tensor[] inputs, Tensor output) => Backend.Activation(Function, Alpha, inputs[0].Span, output.Span);

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is { } dx) Backend.ActivationBackward(Function, Alpha, inputs[0].Span, output.Span, dOutput.Span, dx.Span);
    }
}

public sealed class Relu() : Activation(ActivationKind.Relu);
public sealed class LeakyRelu(float slope = 0.01f) : Activation(ActivationKind.LeakyRelu, slope);
public sealed class Elu(float alpha = 1f) : Activation(ActivationKind.Elu, alpha);
public sealed class Selu() : Activation(ActivationKind.Selu);
public sealed class Sigmoid() : Activation(ActivationKind.Sigmoid);
public sealed class Tanh() : Activation(ActivationKind.Tanh);
