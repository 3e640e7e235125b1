using Pilot.Vision.Backends;
using Pilot.Vision.Data;
using Pilot.Vision.Data.Augmentation;
using Pilot.Vision.Losses;
using Pilot.Vision.Models;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Zoo.Architectures;

namespace Pilot.Vision.Zoo.Generative;

/// <summary>
/// A convolutional denoising autoencoder (Vincent et al. 2008; Géron ch. 17) for 28x28 grey images: encoder
/// conv 3x3/2 to 32 + ReLU, conv 3x3/2 to 64 + ReLU (7x7 code), decoder transposed 4x4/2 to 32 + ReLU, transposed
/// 4x4/2 to 1 + sigmoid. Trained to map an image plus Gaussian noise back to the clean image (mean squared error).
/// </summary>
public sealed class DenoisingAutoencoder
{
    public const float DefaultNoise = 0.3f;   // std of the corruption on 0..1 pixels: clearly visible, digits still legible

    private readonly Model _model;
    private readonly Adam _optimizer;
    private readonly MeanSquaredError _loss = new();
    private readonly float[] _clean;   // [batch, 1, 28, 28] the targets of the current batch

    public DenoisingAutoencoder(int batch, IBackend backend, float width = 1f, float noise = DefaultNoise, float learningRate = 1e-3f, int seed = 0)
    {
        Spec = Build(width);
        _model = Spec.Build(batch, backend, seed);
        _optimizer = new Adam(_model.Parameters, learningRate);
        _clean = new float[_model.Input.Length];
        Noise = noise;
    }

    public NetworkSpec Spec { get; }
    public float Noise { get; }
    public Model Model => _model;

    public static NetworkSpec Build(float width = 1f)
    {
        var o = new ArchitectureOptions { Width = width };
        var b = new NetBuilder("denoising_autoencoder", 1, 28, 28);
        var x = b.Relu(b.Conv(b.Input, o.Ch(32), 3, 2, Padding.Same, name: "encoder.conv1"), "encoder.relu1");
        x = b.Relu(b.Conv(x, o.Ch(64), 3, 2, Padding.Same, name: "encoder.conv2"), "encoder.relu2");
        x = b.Relu(b.ConvTranspose(x, o.Ch(32), 4, 2, 1, name: "decoder.deconv1"), "decoder.relu1");
        x = b.Sigmoid(b.ConvTranspose(x, 1, 4, 2, 1, name: "decoder.deconv2"), "decoder.sigmoid");
        return b.Finish(x, 0);
    }

    /// <summary>Fills the model input with images <paramref name="indices"/> of <paramref name="data"/> plus noise (seeded per image), keeping the clean copies as targets.</summary>
    private void Load(ImageSet data, ReadOnlySpan<int> indices, ulong seed)
    {
        int size = data.SampleSize;
        var input = _model.Input.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            data.Image(indices[i]).CopyTo(_clean.AsSpan(i * size, size));
            var noisy = input.Slice(i * size, size);
            data.Image(indices[i]).CopyTo(noisy);
            var rng = Rng.Derive(seed, indices[i]);
            Augment.GaussianNoise(noisy, Noise, ref rng);
        }
    }

    /// <summary>One Adam step on a batch; returns its reconstruction MSE (noisy in, clean out).</summary>
    public float Step(ImageSet data, ReadOnlySpan<int> indices, ulong seed)
    {
        _model.Training = true;
        Load(data, indices, seed);
        _model.Forward();
        float loss = _loss.Compute(_model.Output, _clean, _model.OutputGrad);
        _model.Backward();
        _optimizer.Step();
        return loss;
    }

    /// <summary>Mean reconstruction MSE over the first whole batches of <paramref name="data"/> (at most <paramref name="limit"/> images).</summary>
    public double Evaluate(ImageSet data, int limit, ulong seed)
    {
        _model.Training = false;
        int batch = _model.Batch, batches = Math.Min(limit, data.Count) / batch;
        double sum = 0;
        var indices = new int[batch];
        for (int b = 0; b < batches; b++)
        {
            for (int i = 0; i < batch; i++) indices[i] = b * batch + i;
            Load(data, indices, seed);
            _model.Forward();
            sum += _loss.Compute(_model.Output, _clean, _model.OutputGrad);
        }
        return batches == 0 ? double.NaN : sum / batches;
    }

    /// <summary>The noisy inputs, reconstructions and clean images of the last batch run, [3 * batch, 1, 28, 28] row by row.</summary>
    public float[] Triptych()
    {
        var all = new float[3 * _clean.Length];
        _model.Input.Span.CopyTo(all);
        _model.Output.Span.CopyTo(all.AsSpan(_clean.Length));
        _clean.CopyTo(all.AsSpan(2 * _clean.Length));
        return all;
    }
}
