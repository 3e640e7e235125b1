using Pilot.Vision.Backends;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>Average pooling over KxK windows (stride defaults to K); padded cells are not counted (Keras behaviour).</summary>
public sealed class AvgPool2d(int kernel, int? stride = null, Padding? padding = null) : Pool2d(kernel, stride, padding)
{
    public override void Forward(Tensor[] inputs, Tensor output) => Backend.AvgPoolForward(inputs[0].Span, output.Span, G);

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is { } dx) Backend.AvgPoolBackward(dOutput.Span, dx.Span, G);
    }
}
