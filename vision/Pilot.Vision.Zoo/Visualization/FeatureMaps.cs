using Pilot.Vision.Backends;
using Pilot.Vision.Data.Images;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Transfer;

namespace Pilot.Vision.Zoo.Visualization;

/// <summary>
/// Pictures of what a network learned: the filters of a convolution (each [Cin, K, K] kernel as a K x K tile, RGB
/// when it reads 3 channels) and the feature maps a layer produces for one image (one grey tile per channel). Tiles
/// are stretched from their own min..max, so weak and strong filters both show their pattern.
/// </summary>
public static class FeatureMaps
{
    /// <summary>Writes the filters of convolution <paramref name="layerName"/> as a PNG grid; returns how many tiles.</summary>
    public static int SaveFilters(Model model, string layerName, string path)
    {
        if (model.Layer(layerName) is not Conv2d conv) throw new ArgumentException($"layer '{layerName}' is not a convolution");
        var w = conv.Weight.Value;   // [Cout, Cin/groups, K, K]
        int cout = w.Dim(0), cin = w.Dim(1), k = w.Dim(2);
        if (cin == 3) ImageFile.SaveGridPng(path, w.Span, cout, 3, k, k, normalize: true);
        else ImageFile.SaveGridPng(path, w.Span, cout * cin, 1, k, k, normalize: true);
        return cin == 3 ? cout : cout * cin;
    }

    /// <summary>
    /// Runs one image [C, H, W] through <paramref name="spec"/> up to <paramref name="layerName"/> with the weights of
    /// <paramref name="trained"/> (a model of the same spec) and writes that layer's channels as a PNG grid. Returns the map shape.
    /// </summary>
    public static int[] SaveActivations(NetworkSpec spec, Model trained, string layerName, ReadOnlySpan<float> image, string path, IBackend backend)
    {
        var shape = (spec.Nodes.FirstOrDefault(n => n.Name == layerName) ?? throw new ArgumentException($"{spec.Name} has no layer named '{layerName}'")).Shape;
        if (shape.Length != 3) throw new ArgumentException($"layer '{layerName}' outputs [{string.Join(", ", shape)}], not a feature map");
        var truncated = spec.ToModel(1);
        truncated.Build(backend, 0, truncated.Nodes.First(n => n.Layer?.Name == layerName));
        TransferLearning.LoadMatching(truncated, ModelCheckpoint.Capture(trained));
        truncated.Training = false;
        image.CopyTo(truncated.Input.Span);
        truncated.Forward();
        ImageFile.SaveGridPng(path, truncated.Output.Span, shape[0], 1, shape[1], shape[2], normalize: true);
        return shape;
    }
}
