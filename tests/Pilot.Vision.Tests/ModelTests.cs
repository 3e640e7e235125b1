using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Backends;
using Pilot.Vision.Losses;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Tests;

/// <summary>Model building: parameter counts of the zoo, summaries, graphs with branches, freezing, modes, allocation.</summary>
public class ModelTests
{
    [Fact]
    public void LeNet5_has_61706_parameters_and_the_classic_shapes()
    {
        var m = Zoo.LeNet5(2);
        m.Build(Fixtures.Cpu);
        Assert.Equal(61_706, m.ParameterCount);
        string summary = m.Summary();
        Assert.Contains("[2, 6, 28, 28]", summary);
        Assert.Contains("[2, 16, 10, 10]", summary);
        Assert.Contains("[2, 400]", summary);
        Assert.Contains("total parameters: 61,706", summary);
    }

    [Fact]
    public void Fashion_mnist_cnn_has_1413834_parameters()
    {
        var m = Zoo.FashionMnistCnn(1);
        m.Build(Fixtures.Cpu);
        Assert.Equal(1_413_834, m.ParameterCount);
        Assert.Contains("[1, 256, 3, 3]", m.Summary());
    }

    [Fact]
    public void Lane_network_has_1261819_parameters_and_571_outputs()
    {
        var m = Zoo.LaneNet(1);
        m.Build(Fixtures.Cpu);
        Assert.Equal(1_261_819, m.ParameterCount);
        Assert.Equal(new[] { 1, 571 }, m.Output.Shape);
        Assert.Contains("[1, 128, 4, 8]", m.Summary());
    }

    /// <summary>A residual block and an Inception-style concat: the input of each merge is read by two layers.</summary>
    private static Model Branchy(int seed)
    {
        var m = new Model(2, 2, 5, 5);
        var stem = m.Add(new Conv2d(3, 3, padding: Padding.Same), m.InputNode);
        var a = m.Add(new Tanh(), stem);
        var b = m.Add(new Conv2d(3, 3, padding: Padding.Same), stem);
        var sum = m.Add(new Ops.Add(), a, b, stem);
        var c1 = m.Add(new Conv2d(2, 1), sum);
        var c2 = m.Add(new AvgPool2d(3, stride: 1, padding: Padding.Same), sum);  // smooth: a max could flip under the probe
        var cat = m.Add(new Concat(), c1, c2);
        m.Add(new Dense(3), cat);
        m.Build(Fixtures.Cpu, seed);
        return m;
    }

    [Fact]
    public void Graph_gradients_sum_over_branches()
    {
        var m = Branchy(3);
        GradCheck.FillAwayFromKinks(m.Input.Span, 4);
        var r = Fixtures.Random(m.Output.Length, 5);
        double Loss()
        {
            m.Forward();
            double s = 0;
            for (int i = 0; i < r.Length; i++) s += m.Output.Span[i] * r[i];
            return s;
        }
        Loss();
        r.CopyTo(m.OutputGrad.Span);
        m.Backward();
        const float eps = 1e-2f;
        foreach (var p in m.Parameters)
        {
            var analytic = p.Grad.ToArray();
            for (int i = 0; i < analytic.Length; i += Math.Max(1, analytic.Length / 10))
            {
                float keep = p.Value.Span[i];
                p.Value.Span[i] = keep + eps; double up = Loss();
                p.Value.Span[i] = keep - eps; double down = Loss();
                p.Value.Span[i] = keep;
                double numeric = (up - down) / (2 * eps);
                Assert.True(Math.Abs(numeric - analytic[i]) <= 3e-3 + 2e-2 * Math.Abs(numeric), $"{p.Name}[{i}]: analytic {analytic[i]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void Same_seed_builds_the_same_model()
    {
        Assert.Equal(Branchy(7).Parameters[0].Value.ToArray(), Branchy(7).Parameters[0].Value.ToArray());
        Assert.NotEqual(Branchy(7).Parameters[0].Value.ToArray(), Branchy(8).Parameters[0].Value.ToArray());
    }

    [Fact]
    public void Freeze_keeps_weights_and_summary_says_so()
    {
        var m = Zoo.LeNet5(4);
        m.Build(Fixtures.Cpu);
        m.Freeze("conv2d_1");
        var before = m.Layer("conv2d_1").Parameters[0].Value.ToArray();
        var dense = m.Layer("dense_1").Parameters[0].Value.ToArray();
        var opt = new Adam(m.Parameters);
        Fixtures.Random(m.Input.Length, 1).CopyTo(m.Input.Span);
        m.Forward();
        new SoftmaxCrossEntropy().Compute(m.Output, [1, 2, 3, 4], m.OutputGrad);
        m.Backward();
        opt.Step();
        Assert.Equal(before, m.Layer("conv2d_1").Parameters[0].Value.ToArray());
        Assert.NotEqual(dense, m.Layer("dense_1").Parameters[0].Value.ToArray());
        Assert.Contains("[frozen]", m.Summary());
        Assert.Contains("frozen 156", m.Summary());
        m.Unfreeze("conv2d_1");
        Assert.Equal(61_706, m.TrainableParameterCount);
    }

    [Fact]
    public void Evaluation_mode_turns_dropout_off()
    {
        var m = new Sequential(2, [50], new Dropout(0.5f));
        m.Build(Fixtures.Cpu);
        Fixtures.Random(100, 2).CopyTo(m.Input.Span);
        m.Forward();
        Assert.Contains(0f, m.Output.ToArray());
        m.Training = false;
        m.Forward();
        Assert.Equal(m.Input.ToArray(), m.Output.ToArray());
    }

    [Fact]
    public void A_built_model_refuses_changes_and_a_training_step_allocates_nothing()
    {
        // A backend of its own (the shared fixture serves other tests' threads at the same time), and warm-up steps for
        // long enough that tiered compilation has finished: its rejit could otherwise land inside the measured steps.
        using var backend = new CpuBackend();
        var m = Zoo.LeNet5(8);
        m.Build(backend);
        Assert.Throws<InvalidOperationException>(() => m.Add(new Relu()));
        var loss = new SoftmaxCrossEntropy();
        var opt = new Adam(m.Parameters);
        float[] labels = [0, 1, 2, 3, 4, 5, 6, 7];
        Fixtures.Random(m.Input.Length, 3).CopyTo(m.Input.Span);
        void Step() { m.Forward(); loss.Compute(m.Output, labels, m.OutputGrad); m.Backward(); opt.Step(); }
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 500) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Unbuilt_model_says_so()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Zoo.LeNet5(1).Forward());
        Assert.Contains("not built", ex.Message);
    }
}
