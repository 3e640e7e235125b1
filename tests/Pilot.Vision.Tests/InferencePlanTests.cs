using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;

namespace Pilot.Vision.Tests;

/// <summary>The fused inference plan gives what the layer-by-layer evaluation forward gives, and fuses what it should.</summary>
public class InferencePlanTests
{
    /// <summary>Random gammas and betas, and running statistics from a few training-mode passes, so no fold is trivial.</summary>
    private static void Randomise(Model model, int seed)
    {
        var r = new Random(seed);
        foreach (var p in model.Parameters.Where(p => p.Name.EndsWith(".gamma") || p.Name.EndsWith(".beta") || p.Name.EndsWith(".bias")))
            foreach (ref float v in p.Value.Span) v = p.Name.EndsWith(".gamma") ? 0.5f + (float)r.NextDouble() : (float)r.NextDouble() - 0.5f;
        model.Training = true;
        for (int pass = 0; pass < 3; pass++)
        {
            Fixtures.Random(model.Input.Length, seed + pass, 100f).CopyTo(model.Input.Span);
            model.Forward();
        }
        Fixtures.Random(model.Input.Length, seed + 7, 255f).CopyTo(model.Input.Span);
    }

    /// <summary>The layer-by-layer evaluation output, then the compiled plan run on a cleared output.</summary>
    private static (float[] Expected, InferencePlan Plan) EvaluateBothWays(Model model)
    {
        model.Training = false;
        model.Forward();
        var expected = model.Output.Span.ToArray();
        model.Output.Span.Clear();
        var plan = InferencePlan.Compile(model);
        plan.Run();
        return (expected, plan);
    }

    public static TheoryData<string> Backends => ["cpu", "reference"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void LaneNetworkPlanMatchesTheLayerByLayerForward(string backendName)
    {
        IBackend backend = backendName == "cpu" ? Fixtures.Cpu : Fixtures.Reference;
        var model = Zoo.LaneNet(1);
        model.Build(backend, 5);
        Randomise(model, 11);
        var (expected, plan) = EvaluateBothWays(model);

        Fixtures.AssertClose(expected, model.Output.Span, 1e-4f, 1e-4f, "lane network output");
        // rescale + stem + norm + relu, eight blocks of two fused convolutions, flatten, dense + relu, dense
        Assert.Equal(1 + 16 + 3, plan.Description.Count);
        Assert.Equal("rescale_1 + conv2d_1 + batchnorm_1 + relu_1", plan.Description[0]);
        Assert.Equal("conv2d_2 + batchnorm_2 + relu_2", plan.Description[1]);
        Assert.Equal("dense_1 + relu_18", plan.Description[^2]);
    }

    [Fact]
    public void ABranchReadByTwoLayersIsNotFoldedAway()
    {
        // conv -> norm, whose output feeds both a relu and the residual add: the norm folds into the conv, but the
        // relu may not be fused into it (the add needs the value before the relu).
        var model = new Model(2, 3, 8, 8);
        var conv = model.Add(new Conv2d(4, 3, padding: Padding.Same));
        var norm = model.Add(new BatchNorm(), conv);
        var relu = model.Add(new Relu(), norm);
        var conv2 = model.Add(new Conv2d(4, 1), relu);
        model.Add(new Add(), conv2, norm);
        model.Build(Fixtures.Cpu, 3);
        Randomise(model, 5);
        var (expected, plan) = EvaluateBothWays(model);

        Fixtures.AssertClose(expected, model.Output.Span, 1e-5f, 1e-4f, "residual output");
        Assert.Equal(["conv2d_1 + batchnorm_1", "relu_1", "conv2d_2", "add_1"], plan.Description);
    }

    [Fact]
    public void ARescaleByOneIsFoldedToo()
    {
        // the folded rescale's output is never written: the convolution must read the rescale's input whatever the scale
        var model = new Sequential(1, [2, 6, 6], new Rescale(1f), new Conv2d(3, 3, padding: Padding.Same));
        model.Build(Fixtures.Cpu, 4);
        Fixtures.Random(model.Input.Length, 8).CopyTo(model.Input.Span);
        var plan = InferencePlan.Compile(model);   // first, while the rescale's own output is still all zeros
        plan.Run();
        var planned = model.Output.Span.ToArray();
        model.Forward();
        Fixtures.AssertClose(model.Output.Span, planned, 1e-6f, 1e-5f, "rescale by one + convolution");
        Assert.Contains(planned, v => v != 0);
        Assert.Equal(["rescale_1 + conv2d_1"], plan.Description);
    }

    [Fact]
    public void WeightsAreASnapshotTakenAtCompile()
    {
        var model = Zoo.LeNet5(1);
        model.Build(Fixtures.Cpu, 2);
        Fixtures.Random(model.Input.Length, 3).CopyTo(model.Input.Span);
        var plan = InferencePlan.Compile(model);
        plan.Run();
        var before = model.Output.Span.ToArray();
        model.Parameters[0].Value.Span.Fill(0);   // the first convolution's weights change after compiling
        plan.Run();
        Assert.Equal(before, model.Output.Span.ToArray());
        InferencePlan.Compile(model).Run();
        Assert.NotEqual(before, model.Output.Span.ToArray());
    }
}
