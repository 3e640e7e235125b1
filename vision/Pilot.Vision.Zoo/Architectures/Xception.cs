using Pilot.Vision.Backends;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// Xception (Chollet 2017) in the Keras Applications layout: 299x299 input, entry flow (two convolutions and three
/// residual blocks of separable convolutions with strided 1x1 projection shortcuts), middle flow (8 blocks of three
/// ReLU-separable-BN units on 728 channels), exit flow, global pool, fc. Separable convolutions have no bias.
/// 22,855,952 trainable parameters (Keras reports 22,910,480 with the 54,528 BN statistics).
/// </summary>
public static class Xception
{
    private const float Epsilon = 1e-3f;   // Keras BatchNormalization default

    public static NetworkSpec Build(ArchitectureOptions? options = null)
    {
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(299);
        var b = new NetBuilder("xception", o.InputChannels, side, side);
        var x = b.Relu(b.BatchNorm(b.Conv(b.Input, o.Ch(32), 3, 2, bias: false, name: "block1_conv1"), Epsilon, "block1_conv1_bn"), "block1_conv1_act");
        x = b.Relu(b.BatchNorm(b.Conv(x, o.Ch(64), 3, bias: false, name: "block1_conv2"), Epsilon, "block1_conv2_bn"), "block1_conv2_act");
        x = EntryBlock(b, x, o.Ch(128), o.Ch(128), 2, reluFirst: false);
        x = EntryBlock(b, x, o.Ch(256), o.Ch(256), 3, reluFirst: true);
        x = EntryBlock(b, x, o.Ch(728), o.Ch(728), 4, reluFirst: true);
        for (int i = 5; i <= 12; i++)
        {
            var y = x;
            for (int k = 1; k <= 3; k++) y = Unit(b, y, o.Ch(728), $"block{i}_sepconv{k}", relu: true);
            x = b.Add([y, x], $"add_{i}");
        }
        x = EntryBlock(b, x, o.Ch(728), o.Ch(1024), 13, reluFirst: true);
        x = b.Relu(Unit(b, x, o.Ch(1536), "block14_sepconv1", relu: false), "block14_sepconv1_act");
        x = b.Relu(Unit(b, x, o.Ch(2048), "block14_sepconv2", relu: false), "block14_sepconv2_act");
        if (!o.IncludeTop) return b.Finish(x, 0);
        return b.Finish(b.Dense(b.GlobalAvgPool(x, "avg_pool"), o.Classes, name: "predictions"), o.Classes);
    }

    /// <summary>(ReLU), separable 3x3 'same' without bias, BN.</summary>
    private static SpecNode Unit(NetBuilder b, SpecNode x, int filters, string name, bool relu)
    {
        if (relu) x = b.Relu(x, name + "_act");
        return b.BatchNorm(b.SeparableConv(x, filters, 3, 1, Padding.Same, bias: false, name: name), Epsilon, name + "_bn");
    }

    /// <summary>Two separable units then a 3x3/2 max pool, added to a 1x1/2 convolution + BN of the block input.</summary>
    private static SpecNode EntryBlock(NetBuilder b, SpecNode x, int first, int second, int block, bool reluFirst)
    {
        var residual = b.BatchNorm(b.Conv(x, second, 1, 2, Padding.Same, bias: false, name: $"block{block}_shortcut"), Epsilon, $"block{block}_shortcut_bn");
        var y = Unit(b, x, first, $"block{block}_sepconv1", reluFirst);
        y = Unit(b, y, second, $"block{block}_sepconv2", relu: true);
        y = b.MaxPool(y, 3, 2, Padding.Same, $"block{block}_pool");
        return b.Add([y, residual], $"block{block}_add");
    }
}
