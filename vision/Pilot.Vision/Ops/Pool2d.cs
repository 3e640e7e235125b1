using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>The window geometry shared by max and average pooling: KxK windows, stride defaulting to K, channels kept.</summary>
public abstract class Pool2d(int kernel, int? stride, Padding? padding) : Layer
{
    protected ConvGeometry G { get; private set; }

    public int KernelSize { get; } = kernel;
    public int Stride { get; } = stride ?? kernel;
    public Padding Padding { get; } = padding ?? Padding.Valid;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        var s = inputs[0];
        G = ConvGeometry.Create(s[0], s[1], s[2], s[3], KernelSize, KernelSize, Stride, Stride, Padding);
        return [s[0], s[1], G.OH, G.OW];
    }
}
