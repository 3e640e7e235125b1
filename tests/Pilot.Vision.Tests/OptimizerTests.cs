using Pilot.Vision.Init;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Training;

namespace Pilot.Vision.Tests;

/// <summary>Optimiser steps, schedules and clipping against hand-computed values, on a dense layer's [1, 1] weight.</summary>
public class OptimizerTests
{
    /// <summary>A model whose only trainable values are a weight w (set to <paramref name="w"/>) and a bias.</summary>
    private static (Model Model, Parameter W, Parameter B) One(float w)
    {
        var m = new Sequential(1, [1], new Dense(1, init: new Constant(w)));
        m.Build(Fixtures.Cpu);
        return (m, m.Parameters[0], m.Parameters[1]);
    }

    private static float Run(Func<IReadOnlyList<Parameter>, Optimizer> make, float w0, float[] grads)
    {
        var (m, w, b) = One(w0);
        var opt = make(m.Parameters);
        foreach (float g in grads)
        {
            w.Grad.Span[0] = g; b.Grad.Span[0] = 0;
            opt.Step();
        }
        return w.Value.Span[0];
    }

    [Fact]
    public void Sgd_plain_momentum_and_nesterov()
    {
        Assert.Equal(1 - 0.1f * 2 - 0.1f * 4, Run(p => new Sgd(p, 0.1f), 1, [2, 4]), 6);
        // v1 = 2, w = 1 - 0.2; v2 = 0.9*2 + 4 = 5.8, w -= 0.58
        Assert.Equal(1 - 0.2f - 0.58f, Run(p => new Sgd(p, 0.1f, 0.9f), 1, [2, 4]), 6);
        // Nesterov: step uses g + mu v: 2 + 0.9*2 = 3.8 then 4 + 0.9*5.8 = 9.22
        Assert.Equal(1 - 0.38f - 0.922f, Run(p => new Sgd(p, 0.1f, 0.9f, nesterov: true), 1, [2, 4]), 5);
    }

    [Fact]
    public void AdaGrad_RmsProp_AdaDelta()
    {
        // AdaGrad: G = 4 -> w -= 0.1 * 2 / 2; G = 20 -> w -= 0.1 * 4 / sqrt 20
        Assert.Equal(1 - 0.1f - 0.4f / MathF.Sqrt(20), Run(p => new AdaGrad(p, 0.1f, 0), 1, [2, 4]), 5);
        // RMSProp rho 0.9: E = 0.4 -> w -= 0.1 * 2 / sqrt 0.4
        Assert.Equal(1 - 0.2f / MathF.Sqrt(0.4f), Run(p => new RmsProp(p, 0.1f, 0.9f, 0), 1, [2]), 5);
        // AdaDelta rho 0.9 eps 1e-6: Eg = 0.4, d = sqrt(1e-6)/sqrt(0.4 + 1e-6) * 2
        float d = MathF.Sqrt(1e-6f) / MathF.Sqrt(0.4f + 1e-6f) * 2;
        Assert.Equal(1 - d, Run(p => new AdaDelta(p, 1f, 0.9f, 1e-6f), 1, [2]), 6);
    }

    [Fact]
    public void Adam_first_steps_are_lr_times_sign_then_bias_corrected()
    {
        Assert.Equal(1 - 0.01f, Run(p => new Adam(p, 0.01f, epsilon: 0), 1, [3]), 6);
        // step 2 with g 3 then 1: m = 0.19 / (1 - 0.81), v = 0.001*9*0.999 + 0.001 ... computed in double
        double m = 0.1 * 3, v = 0.001 * 9;
        double w = 1 - 0.01 * (m / 0.1) / Math.Sqrt(v / 0.001);
        m = 0.9 * m + 0.1 * 1; v = 0.999 * v + 0.001 * 1;
        w -= 0.01 * (m / (1 - 0.81)) / Math.Sqrt(v / (1 - 0.999 * 0.999));
        Assert.Equal((float)w, Run(p => new Adam(p, 0.01f, epsilon: 0), 1, [3, 1]), 5);
    }

    [Fact]
    public void AdamW_decays_weights_but_not_biases()
    {
        var (m, w, b) = One(2);
        b.Value.Span[0] = 2;
        var opt = new AdamW(m.Parameters, 0.1f, weightDecay: 0.5f);
        w.Grad.Span[0] = 0; b.Grad.Span[0] = 0;
        opt.Step();
        Assert.Equal(2 * (1 - 0.1f * 0.5f), w.Value.Span[0], 6);
        Assert.Equal(2, b.Value.Span[0]);
    }

    [Fact]
    public void L1_and_L2_regularisation_add_to_the_gradient_of_weights_only()
    {
        Assert.Equal(2 - 0.1f * (1 + 0.5f * 2), Run(p => new Sgd(p, 0.1f) { L2 = 0.5f }, 2, [1]), 6);
        Assert.Equal(-2 - 0.1f * (1 - 0.3f), Run(p => new Sgd(p, 0.1f) { L1 = 0.3f }, -2, [1]), 6);
    }

    [Fact]
    public void Frozen_layers_are_not_updated()
    {
        var (m, w, _) = One(1);
        m.Layers.Single().Frozen = true;
        var opt = new Sgd(m.Parameters, 1f);
        w.Grad.Span[0] = 5;
        opt.Step();
        Assert.Equal(1, w.Value.Span[0]);
        Assert.Equal(0, m.TrainableParameterCount);
    }

    [Fact]
    public void Learning_rate_schedules()
    {
        Assert.Equal(0.025f, new StepDecay(0.1f, 10, 0.5f).Rate(25), 6);
        Assert.Equal(0.1f * MathF.Pow(0.5f, 2.5f), new ExponentialDecay(0.1f, 0.5f, 10).Rate(25), 6);
        Assert.Equal(0.1f / (1 + 0.5f * 2), new InverseTimeDecay(0.1f, 0.5f, 10).Rate(20), 6);
        var cos = new CosineDecay(1f, 100, 0.1f);
        Assert.Equal(1f, cos.Rate(0), 6); Assert.Equal(0.55f, cos.Rate(50), 5); Assert.Equal(0.1f, cos.Rate(100), 6); Assert.Equal(0.1f, cos.Rate(500), 6);
        var warm = new WarmUp(new StepDecay(0.4f, 100, 0.5f), 4);
        Assert.Equal(new[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.4f }, Enumerable.Range(0, 5).Select(warm.Rate).ToArray());
    }

    [Fact]
    public void Clipping_by_norm_and_by_value()
    {
        var (m, w, b) = One(1);
        w.Grad.Span[0] = 3; b.Grad.Span[0] = 4;
        Assert.Equal(5, GradientClipping.ByNorm(m.Parameters, 1), 6);
        Assert.Equal(0.6f, w.Grad.Span[0], 6); Assert.Equal(0.8f, b.Grad.Span[0], 6);
        w.Grad.Span[0] = -3;
        GradientClipping.ByValue(m.Parameters, 0.5f);
        Assert.Equal(-0.5f, w.Grad.Span[0]); Assert.Equal(0.5f, b.Grad.Span[0]);
    }
}
