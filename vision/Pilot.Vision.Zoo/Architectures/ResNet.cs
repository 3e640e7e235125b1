using Pilot.Vision.Backends;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// ResNet (He et al. 2016) as torchvision builds it: 7x7/2 stem + BN + ReLU + 3x3/2 max pool, four stages of basic
/// blocks (18, 34) or bottlenecks (50, 101, 152; stride on the 3x3 convolution, "v1.5"), projection shortcuts
/// (1x1 convolution + BN) where the shape changes, global average pool, fc. ResNet-18 11,689,512; ResNet-34
/// 21,797,672; ResNet-50 25,557,032; ResNet-101 44,549,160; ResNet-152 60,192,808 parameters. With
/// <c>squeezeExcitation</c> every block scales its residual branch per channel (Hu et al. 2018, reduction 16,
/// placed before the addition): SE-ResNet-50 has 28,088,024.
/// </summary>
public static class ResNet
{
    public const int SeReduction = 16;   // Hu et al. 2018, sec. 6.1: r = 16 balances accuracy and cost

    private static readonly Dictionary<int, (bool Bottleneck, int[] Blocks)> Depths = new()
    {
        [18] = (false, [2, 2, 2, 2]), [34] = (false, [3, 4, 6, 3]),
        [50] = (true, [3, 4, 6, 3]), [101] = (true, [3, 4, 23, 3]), [152] = (true, [3, 8, 36, 3]),
    };

    public static IReadOnlyCollection<int> Layers => Depths.Keys;

    public static NetworkSpec Build(int depth, ArchitectureOptions? options = null, bool squeezeExcitation = false)
    {
        if (!Depths.TryGetValue(depth, out var d)) throw new ArgumentException($"ResNet-{depth} does not exist; depths are 18, 34, 50, 101, 152");
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(224);
        var b = new NetBuilder($"{(squeezeExcitation ? "se_" : "")}resnet{depth}", o.InputChannels, side, side);
        var x = b.Relu(b.BatchNorm(b.Conv(b.Input, o.Ch(64), 7, 2, Padding.Explicit(3), bias: false, name: "conv1"), name: "bn1"), "relu");
        x = b.MaxPool(x, 3, 2, Padding.Explicit(1), "maxpool");
        for (int stage = 0; stage < 4; stage++)
        {
            int planes = o.Ch(64 << stage);
            for (int block = 0; block < d.Blocks[stage]; block++)
            {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                string name = $"layer{stage + 1}.{block}";
                x = d.Bottleneck ? Bottleneck(b, x, planes, stride, name, squeezeExcitation) : Basic(b, x, planes, stride, name, squeezeExcitation);
            }
        }
        if (!o.IncludeTop) return b.Finish(x, 0);
        x = b.GlobalAvgPool(x, "avgpool");
        return b.Finish(b.Dense(x, o.Classes, name: "fc"), o.Classes);
    }

    private static SpecNode Basic(NetBuilder b, SpecNode x, int planes, int stride, string name, bool se)
    {
        var y = b.Relu(b.BatchNorm(b.Conv(x, planes, 3, stride, Padding.Explicit(1), bias: false, name: name + ".conv1"), name: name + ".bn1"), name + ".relu1");
        y = b.BatchNorm(b.Conv(y, planes, 3, 1, Padding.Explicit(1), bias: false, name: name + ".conv2"), name: name + ".bn2");
        return Merge(b, x, y, stride, name, se);
    }

    private static SpecNode Bottleneck(NetBuilder b, SpecNode x, int planes, int stride, string name, bool se)
    {
        var y = b.Relu(b.BatchNorm(b.Conv(x, planes, 1, bias: false, name: name + ".conv1"), name: name + ".bn1"), name + ".relu1");
        y = b.Relu(b.BatchNorm(b.Conv(y, planes, 3, stride, Padding.Explicit(1), bias: false, name: name + ".conv2"), name: name + ".bn2"), name + ".relu2");
        y = b.BatchNorm(b.Conv(y, planes * 4, 1, bias: false, name: name + ".conv3"), name: name + ".bn3");
        return Merge(b, x, y, stride, name, se);
    }

    /// <summary>Optional squeeze-and-excitation on the branch, the projection shortcut where shapes differ, the sum and ReLU.</summary>
    private static SpecNode Merge(NetBuilder b, SpecNode x, SpecNode y, int stride, string name, bool se)
    {
        if (se) y = SqueezeExcite(b, y, name + ".se");
        var shortcut = x;
        if (stride != 1 || x.Channels != y.Channels)
            shortcut = b.BatchNorm(b.Conv(x, y.Channels, 1, stride, bias: false, name: name + ".downsample.0"), name: name + ".downsample.1");
        return b.Relu(b.Add([y, shortcut], name + ".add"), name + ".relu");
    }

    /// <summary>Global pool, fc C/r + ReLU, fc C + sigmoid, channel-wise scale (SE block, Hu et al. 2018 fig. 3).</summary>
    public static SpecNode SqueezeExcite(NetBuilder b, SpecNode x, string name, int reduction = SeReduction)
    {
        var s = b.GlobalAvgPool(x, name + ".pool");
        s = b.Relu(b.Dense(s, Math.Max(1, x.Channels / reduction), name: name + ".fc1"), name + ".relu");
        s = b.Sigmoid(b.Dense(s, x.Channels, name: name + ".fc2"), name + ".sigmoid");
        return b.ChannelMultiply(x, s, name + ".scale");
    }
}
