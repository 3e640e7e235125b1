using Pilot.Vision.Backends;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// VGG (Simonyan and Zisserman 2015) configurations A/B/D/E = VGG-11/13/16/19, 3x3 convolutions with padding 1
/// (with bias, also in the batch-norm variants, as torchvision), 2x2 max pools, adaptive pool to 7x7, classifier
/// 4096-4096-classes with dropout. VGG-16: 138,357,544 parameters; VGG-11: 132,863,336.
/// </summary>
public static class Vgg
{
    private const int M = 0;  // a max pool in a configuration
    private static readonly Dictionary<int, int[]> Configs = new()
    {
        [11] = [64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M],
        [13] = [64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M],
        [16] = [64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M],
        [19] = [64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M],
    };

    public static IReadOnlyCollection<int> Depths => Configs.Keys;

    public static NetworkSpec Build(int depth, bool batchNorm, ArchitectureOptions? options = null)
    {
        if (!Configs.TryGetValue(depth, out var config)) throw new ArgumentException($"VGG-{depth} does not exist; depths are 11, 13, 16, 19");
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(224);
        var b = new NetBuilder($"vgg{depth}{(batchNorm ? "_bn" : "")}", o.InputChannels, side, side);
        var x = b.Input;
        int i = 0;
        foreach (int c in config)
        {
            if (c == M) { x = b.MaxPool(x, 2, name: $"features.{i++}"); continue; }
            x = b.Conv(x, o.Ch(c), 3, 1, Padding.Explicit(1), name: $"features.{i++}");
            if (batchNorm) x = b.BatchNorm(x, name: $"features.{i++}");
            x = b.Relu(x, $"features.{i++}");
        }
        if (!o.IncludeTop) return b.Finish(x, 0);
        x = b.Flatten(b.AdaptiveAvgPool(x, 7, 7, "avgpool"), "flatten");
        x = b.Dropout(b.Relu(b.Dense(x, o.Ch(4096), name: "classifier.0"), "classifier.1"), 0.5f, "classifier.2");
        x = b.Dropout(b.Relu(b.Dense(x, o.Ch(4096), name: "classifier.3"), "classifier.4"), 0.5f, "classifier.5");
        return b.Finish(b.Dense(x, o.Classes, name: "classifier.6"), o.Classes);
    }
}
