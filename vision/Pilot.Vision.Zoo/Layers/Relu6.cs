using System.Numerics;
using System.Runtime.InteropServices;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Zoo.Layers;

/// <summary>
/// min(max(x, 0), 6) (MobileNet v1/v2: the clamp keeps activations in a range low-precision inference represents
/// well). The engine's activation set has no clamp, so it lives here; gradient 1 on (0, 6), 0 elsewhere.
/// </summary>
public sealed class Relu6 : Layer
{
    public const float Ceiling = 6f;

    public override string Kind => "Relu6";

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 0, Name);
        return inputs[0];
    }

    public override void Forward(Tensor[] inputs, Tensor output) => Clamp(inputs[0].Span, output.Span);

    /// <summary>y = min(max(x, 0), 6), a SIMD vector at a time (it runs after every MobileNet convolution).</summary>
    public static void Clamp(ReadOnlySpan<float> x, Span<float> y)
    {
        var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        var yv = MemoryMarshal.Cast<float, Vector<float>>(y);
        var six = new Vector<float>(Ceiling);
        for (int i = 0; i < xv.Length; i++) yv[i] = Vector.Min(Vector.Max(xv[i], Vector<float>.Zero), six);
        for (int i = xv.Length * Vector<float>.Count; i < x.Length; i++) y[i] = Math.Clamp(x[i], 0f, Ceiling);
    }

    /// <summary>The plain loop <see cref="Clamp"/> is tested against.</summary>
    public static void ClampReference(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = Math.Clamp(x[i], 0f, Ceiling);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is not { } dxT) return;
        var x = inputs[0].Span; var dy = dOutput.Span; var dx = dxT.Span;
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > 0 && x[i] < Ceiling ? dy[i] : 0;
    }
}
