using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>Concatenation along the channel axis (axis 1) of inputs [N, C_i, ...] with equal other axes (Inception merges).</summary>
public sealed class Concat : Layer
{
    private int[] _per = [];  // [inputs] elements per sample of each input
    private int _n, _total;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        Expect(inputs.Count >= 2, Name, $"expects at least 2 inputs, got {inputs.Count}");
        var first = inputs[0];
        Expect(first.Length >= 2, Name, $"expects [N, C, ...], got {ShapeMath.Format(first)}");
        int channels = 0;
        foreach (var s in inputs)
        {
            Expect(s.Length == first.Length && s[0] == first[0] && s.AsSpan(2).SequenceEqual(first.AsSpan(2)), Name,
                $"input {ShapeMath.Format(s)} does not match {ShapeMath.Format(first)} outside the channel axis");
            channels += s[1];
        }
        _n = first[0];
        _per = inputs.Select(s => ShapeMath.PerSample(s)).ToArray();
        _total = _per.Sum();
        return [_n, channels, .. first.AsSpan(2).ToArray()];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var y = output.Span;
        for (int n = 0; n < _n; n++)
        {
            int at = n * _total;
            for (int i = 0; i < inputs.Length; i++) { inputs[i].Span.Slice(n * _per[i], _per[i]).CopyTo(y.Slice(at, _per[i])); at += _per[i]; }
        }
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        var dy = dOutput.Span;
        for (int n = 0; n < _n; n++)
        {
            int at = n * _total;
            for (int i = 0; i < inputs.Length; i++)
            {
                if (dInputs[i] is { } dx) dy.Slice(at, _per[i]).CopyTo(dx.Span.Slice(n * _per[i], _per[i]));
                at += _per[i];
            }
        }
    }
}
