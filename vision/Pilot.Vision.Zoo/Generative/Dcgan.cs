using Pilot.Vision.Backends;
using Pilot.Vision.Data;
using Pilot.Vision.Losses;
using Pilot.Vision.Models;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Zoo.Architectures;

namespace Pilot.Vision.Zoo.Generative;

/// <summary>
/// DCGAN (Radford et al. 2016) for 28x28 grey images in [-1, 1]. Generator: z [Z] -> dense 128x7x7 + BN + ReLU ->
/// transposed 4x4/2 to 64 + BN + ReLU -> transposed 4x4/2 to 1 + tanh. Discriminator: conv 4x4/2 to 64 + leaky ReLU
/// 0.2 -> conv 4x4/2 to 128 + BN + leaky ReLU -> dense 1 (a logit). Adam 2e-4, beta1 0.5 (paper sec. 4), one-sided
/// label smoothing: real targets 0.9 (Salimans et al. 2016).
/// The engine gives no gradient for a model's input, so the generator trains through a stacked generator +
/// discriminator model whose discriminator layers are frozen copies; weights are copied by name after every update.
/// </summary>
public sealed class Dcgan
{
    public const float RealTarget = 0.9f;   // one-sided label smoothing
    public const float LearningRate = 2e-4f, Beta1 = 0.5f;

    private readonly Model _generator;   // z -> image
    private readonly Model _discriminator;   // [B] images -> logit; real and fake batches pass separately so batch norm never mixes them
    private readonly float[] _dGradients;     // the real pass's parameter gradients, added to the fake pass's
    private readonly Model _stacked;   // z -> image -> logit, discriminator frozen
    private readonly Adam _dOptimizer, _gOptimizer;
    private readonly BinaryCrossEntropy _loss = new(fromLogits: true);
    private readonly float[] _dReal, _dFake, _gTargets;
    private readonly Random _random;

    public Dcgan(int batch, IBackend backend, int noise = 100, float width = 1f, int seed = 0)
    {
        Batch = batch; Noise = noise;
        var o = new ArchitectureOptions { Width = width };
        var g = new NetBuilder("dcgan_generator", noise);
        GeneratorSpec = g.Finish(GeneratorNet(g, g.Input, o), 0);
        var d = new NetBuilder("dcgan_discriminator", 1, 28, 28);
        DiscriminatorSpec = d.Finish(DiscriminatorNet(d, d.Input, o), 1);
        var s = new NetBuilder("dcgan_stacked", noise);
        var stacked = s.Finish(DiscriminatorNet(s, GeneratorNet(s, s.Input, o), o), 1);
        _generator = GeneratorSpec.Build(batch, backend, seed);
        _discriminator = DiscriminatorSpec.Build(batch, backend, seed + 1);
        _dGradients = new float[_discriminator.Parameters.Sum(p => p.Grad.Length)];
        _stacked = stacked.Build(batch, backend, seed + 2);
        Copy(_generator, _stacked);
        Copy(_discriminator, _stacked);
        _stacked.Freeze(_stacked.Layers.Where(l => l.Name.StartsWith("d.", StringComparison.Ordinal)).Select(l => l.Name).ToArray());
        _dOptimizer = new Adam(_discriminator.Parameters, LearningRate, Beta1);
        _gOptimizer = new Adam(_stacked.Parameters, LearningRate, Beta1);
        _dReal = [.. Enumerable.Repeat(RealTarget, batch)];
        _dFake = new float[batch];
        _gTargets = [.. Enumerable.Repeat(1f, batch)];
        _random = new Random(seed + 3);
    }

    public int Batch { get; }
    public int Noise { get; }
    public NetworkSpec GeneratorSpec { get; }
    public NetworkSpec DiscriminatorSpec { get; }
    public Model Generator => _generator;

    private static SpecNode GeneratorNet(NetBuilder b, SpecNode z, ArchitectureOptions o)
    {
        int c = o.Ch(128);
        var x = b.Relu(b.BatchNorm(b.Dense(z, c * 7 * 7, name: "g.fc"), name: "g.bn0"), "g.relu0");
        x = b.Reshape(x, [c, 7, 7], "g.reshape");
        x = b.Relu(b.BatchNorm(b.ConvTranspose(x, o.Ch(64), 4, 2, 1, name: "g.deconv1"), name: "g.bn1"), "g.relu1");
        return b.Tanh(b.ConvTranspose(x, 1, 4, 2, 1, name: "g.deconv2"), "g.tanh");
    }

    private static SpecNode DiscriminatorNet(NetBuilder b, SpecNode image, ArchitectureOptions o)
    {
        var x = b.LeakyRelu(b.Conv(image, o.Ch(64), 4, 2, Backends.Padding.Explicit(1), name: "d.conv1"), 0.2f, "d.lrelu1");
        x = b.LeakyRelu(b.BatchNorm(b.Conv(x, o.Ch(128), 4, 2, Backends.Padding.Explicit(1), name: "d.conv2"), name: "d.bn2"), 0.2f, "d.lrelu2");
        return b.Dense(b.Flatten(x, "d.flatten"), 1, name: "d.fc");
    }

    /// <summary>Copies every parameter and buffer of <paramref name="from"/> into the same-named tensors of <paramref name="to"/>.</summary>
    private static void Copy(Model from, Model to)
    {
        var target = to.Parameters.Select(p => (p.Name, p.Value)).Concat(to.Buffers.Select(b => (b.Name, b))).ToDictionary(t => t.Name, t => t.Item2);
        foreach (var (name, tensor) in from.Parameters.Select(p => (p.Name, p.Value)).Concat(from.Buffers.Select(b => (b.Name, b))))
            if (target.TryGetValue(name, out var t)) tensor.Span.CopyTo(t.Span);
    }

    private void SampleNoise(Span<float> z)
    {
        for (int i = 0; i < z.Length; i++) z[i] = (float)(2 * _random.NextDouble() - 1);
    }

    /// <summary>One discriminator step (real images <paramref name="indices"/> of <paramref name="data"/>, scaled to [-1, 1], against fresh fakes) then one generator step; returns both losses.</summary>
    public (float Discriminator, float Generator) Step(ImageSet data, ReadOnlySpan<int> indices)
    {
        if (indices.Length != Batch) throw new ArgumentException($"a DCGAN step takes {Batch} real images, got {indices.Length}");
        SampleNoise(_generator.Input.Span);
        _generator.Forward();
        var dIn = _discriminator.Input.Span;
        for (int i = 0; i < Batch; i++)
        {
            var img = data.Image(indices[i]);
            var dst = dIn.Slice(i * 784, 784);
            for (int k = 0; k < 784; k++) dst[k] = 2 * img[k] - 1;
        }
        _discriminator.Forward();
        float dLoss = _loss.Compute(_discriminator.Output, _dReal, _discriminator.OutputGrad);
        _discriminator.Backward();
        int at = 0;
        foreach (var p in _discriminator.Parameters) { p.Grad.Span.CopyTo(_dGradients.AsSpan(at)); at += p.Grad.Length; }
        _generator.Output.Span.CopyTo(dIn);
        _discriminator.Forward();
        dLoss = (dLoss + _loss.Compute(_discriminator.Output, _dFake, _discriminator.OutputGrad)) / 2;
        _discriminator.Backward();
        at = 0;
        foreach (var p in _discriminator.Parameters)
        {
            var g = p.Grad.Span;
            for (int i = 0; i < g.Length; i++) g[i] = (g[i] + _dGradients[at + i]) / 2;
            at += g.Length;
        }
        _dOptimizer.Step();
        Copy(_discriminator, _stacked);

        SampleNoise(_stacked.Input.Span);
        _stacked.Forward();
        float gLoss = _loss.Compute(_stacked.Output, _gTargets, _stacked.OutputGrad);
        _stacked.Backward();
        _gOptimizer.Step();
        Copy(_stacked, _generator);
        return (dLoss, gLoss);
    }

    /// <summary>Generated images mapped back to [0, 1], [Batch, 1, 28, 28].</summary>
    public float[] Sample()
    {
        SampleNoise(_generator.Input.Span);
        _generator.Forward();
        return _generator.Output.ToArray().Select(v => (v + 1) / 2).ToArray();
    }
}
