using Pilot.Vision.Backends;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>MobileNet v1 (Howard et al. 2017, Keras layout) and v2 (Sandler et al. 2018, torchvision layout).</summary>
public static class MobileNet
{
    /// <summary>
    /// v1: 3x3/2 convolution to 32, then 13 depthwise-separable blocks (depthwise 3x3 + BN + ReLU6, pointwise 1x1 +
    /// BN + ReLU6), global pool, dropout, classifier. 'same' padding puts the odd pixel after, as Keras' explicit
    /// ((0, 1), (0, 1)) padding does. Width = alpha. 4,231,976 trainable parameters (Keras adds 21,888 BN statistics).
    /// </summary>
    public static NetworkSpec V1(ArchitectureOptions? options = null)
    {
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(224);
        var b = new NetBuilder("mobilenet_v1", o.InputChannels, side, side);
        var x = b.ConvBnRelu(b.Input, o.Ch(32), 3, 2, Padding.Same, "conv1", 1e-3f, relu6: true);
        (int Filters, int Stride)[] blocks = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)];
        for (int i = 0; i < blocks.Length; i++)
        {
            x = b.ConvBnRelu(x, x.Channels, 3, blocks[i].Stride, Padding.Same, $"conv_dw_{i + 1}", 1e-3f, groups: x.Channels, relu6: true);
            x = b.ConvBnRelu(x, o.Ch(blocks[i].Filters), 1, 1, Padding.Valid, $"conv_pw_{i + 1}", 1e-3f, relu6: true);
        }
        if (!o.IncludeTop) return b.Finish(x, 0);
        x = b.Dropout(b.GlobalAvgPool(x, "global_pool"), 1e-3f, "dropout");
        return b.Finish(b.Dense(x, o.Classes, name: "conv_preds"), o.Classes);
    }

    /// <summary>
    /// v2: inverted residual blocks (1x1 expansion t + BN + ReLU6, depthwise 3x3 + BN + ReLU6, linear 1x1 projection
    /// + BN; identity shortcut where stride 1 and channels equal), last 1x1 to 1280, dropout 0.2, fc. Channels are
    /// rounded to multiples of 8 (torchvision's _make_divisible). 3,504,872 parameters.
    /// </summary>
    public static NetworkSpec V2(ArchitectureOptions? options = null)
    {
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(224);
        var b = new NetBuilder("mobilenet_v2", o.InputChannels, side, side);
        var x = b.ConvBnRelu(b.Input, o.Divisible(32), 3, 2, Padding.Explicit(1), "features.0", relu6: true);
        (int T, int C, int N, int S)[] settings = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];
        int index = 1;
        foreach (var (t, c, n, s) in settings)
            for (int i = 0; i < n; i++)
            {
                string name = $"features.{index++}";
                int outC = o.Divisible(c), stride = i == 0 ? s : 1;
                var y = x;
                if (t != 1) y = b.ConvBnRelu(y, x.Channels * t, 1, 1, Padding.Valid, name + ".expand", relu6: true);
                y = b.ConvBnRelu(y, y.Channels, 3, stride, Padding.Explicit(1), name + ".dw", groups: y.Channels, relu6: true);
                y = b.BatchNorm(b.Conv(y, outC, 1, bias: false, name: name + ".project"), name: name + ".project.bn");
                x = stride == 1 && x.Channels == outC ? b.Add([x, y], name + ".add") : y;
            }
        // the last width never shrinks below 1280 (torchvision: _make_divisible(1280 * max(1.0, width)))
        int last = o.Width > 1 ? o.Divisible(1280) : 1280;
        x = b.ConvBnRelu(x, last, 1, 1, Padding.Valid, $"features.{index}", relu6: true);
        if (!o.IncludeTop) return b.Finish(x, 0);
        x = b.Dropout(b.GlobalAvgPool(x, "pool"), 0.2f, "classifier.0");
        return b.Finish(b.Dense(x, o.Classes, name: "classifier.1"), o.Classes);
    }
}
