using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Tests;

/// <summary>
/// Finite-difference gradient check of one layer: loss L = sum(y * R) for a fixed random R, so dL/dy = R. Every input
/// and parameter gradient from Backward is compared with the central difference (L(v+e) - L(v-e)) / 2e, the loss
/// summed in double. Inputs are drawn away from kinks (|x| &gt;= 0.1, distinct values) so ReLU and max stay differentiable.
/// </summary>
public static class GradCheck
{
    public sealed class Harness
    {
        public required Layer Layer { get; init; }
        public required Tensor[] Inputs { get; init; }
        public required Tensor?[] InputGrads { get; init; }
        public required Tensor Output { get; init; }
        public required Tensor OutputGrad { get; init; }
    }

    public static Harness Build(Layer layer, int[][] shapes, IBackend? backend = null, int seed = 1, bool training = true)
    {
        var ctx = new BuildContext(backend ?? Fixtures.Cpu, seed);
        if (layer.Name.Length == 0) layer.Name = layer.Kind.ToLowerInvariant();
        var outShape = layer.Build(shapes, ctx);
        var inputs = shapes.Select((s, i) => ctx.Activations.Request($"x{i}", s)).ToArray();
        var grads = shapes.Select((s, i) => (Tensor?)ctx.Activations.Request($"dx{i}", s)).ToArray();
        var output = ctx.Activations.Request("y", outShape);
        var dOutput = ctx.Activations.Request("dy", outShape);
        ctx.AllocateAll();
        var random = new Random(seed);
        foreach (var p in layer.Parameters) p.Initializer.Fill(p.Value.Span, p.Value.Shape, p.FanIn, p.FanOut, random);
        foreach (var p in layer.Parameters)  // perturb so biases, gammas and betas are not trivially 0 or 1
        {
            var v = p.Value.Span;
            var noise = Fixtures.Random(v.Length, random.Next(), 0.3f);
            for (int i = 0; i < v.Length; i++) v[i] += noise[i];
        }
        layer.InitializeBuffers();
        layer.Training = training;
        for (int i = 0; i < inputs.Length; i++) FillAwayFromKinks(inputs[i].Span, seed * 31 + i);
        Fixtures.Random(dOutput.Length, seed + 7).CopyTo(dOutput.Span);
        return new Harness { Layer = layer, Inputs = inputs, InputGrads = grads, Output = output, OutputGrad = dOutput };
    }

    /// <summary>Distinct values of magnitude 0.1..1.1, spaced at least 1/count apart, in random order and sign.</summary>
    public static void FillAwayFromKinks(Span<float> x, int seed)
    {
        var r = new Random(seed);
        var order = Enumerable.Range(0, x.Length).OrderBy(_ => r.Next()).ToArray();
        for (int i = 0; i < x.Length; i++)
            x[i] = (r.Next(2) == 0 ? -1 : 1) * (0.1f + (float)order[i] / x.Length);
    }

    private static double Loss(Harness h)
    {
        h.Layer.Forward(h.Inputs, h.Output);
        var y = h.Output.Span; var r = h.OutputGrad.Span;
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += (double)y[i] * r[i];
        return s;
    }

    /// <summary>Runs forward and backward, then checks up to <paramref name="probes"/> elements of every gradient.</summary>
    public static void Check(Harness h, float eps = 1e-2f, float atol = 2e-3f, float rtol = 2e-2f, int probes = 40, bool checkInputs = true)
    {
        h.Layer.Forward(h.Inputs, h.Output);
        h.Layer.Backward(h.Inputs, h.Output, h.OutputGrad, h.InputGrads);
        var targets = new List<(string Name, Tensor Value, float[] Analytic)>();
        if (checkInputs)
            for (int i = 0; i < h.Inputs.Length; i++) targets.Add(($"input {i}", h.Inputs[i], h.InputGrads[i]!.ToArray()));
        foreach (var p in h.Layer.Parameters) targets.Add((p.Name, p.Value, p.Grad.ToArray()));
        Assert.NotEmpty(targets);
        foreach (var (name, value, analytic) in targets)
        {
            var v = value.Span;
            int step = Math.Max(1, v.Length / probes);
            for (int i = 0; i < v.Length; i += step)
            {
                float keep = v[i];
                v[i] = keep + eps; double up = Loss(h);
                v = value.Span; v[i] = keep - eps; double down = Loss(h);
                v = value.Span; v[i] = keep;
                double numeric = (up - down) / (2 * eps);
                double tol = atol + rtol * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i]));
                if (!(Math.Abs(numeric - analytic[i]) <= tol))
                    Assert.Fail($"{h.Layer.Kind} {name}[{i}]: analytic {analytic[i]}, numeric {numeric} (tolerance {tol:G3})");
            }
        }
    }
}
