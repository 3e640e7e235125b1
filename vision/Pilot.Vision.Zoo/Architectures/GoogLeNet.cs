using Pilot.Vision.Backends;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// GoogLeNet / Inception v1 (Szegedy et al. 2015) in torchvision's layout: every convolution is conv (no bias) +
/// BN (eps 0.001) + ReLU, nine Inception modules, 'ceil-mode' max pools (here 'same' padding, which gives the same
/// sizes), global pool, dropout 0.2, fc: 6,624,904 parameters. The "5x5" branch uses a 3x3 kernel as torchvision
/// does (its known deviation, kept so the counts and weights match). With auxiliary classifiers (after 4a and 4d:
/// adaptive pool 4x4, 1x1 conv 128, fc 1024, dropout 0.7, fc) the output is [main | aux1 | aux2] side by side,
/// weighted 1, 0.3, 0.3 in the loss (paper sec. 5): 13,004,888 parameters.
/// </summary>
public static class GoogLeNet
{
    public const float AuxWeight = 0.3f;   // Szegedy et al. 2015, sec. 5: auxiliary losses weighted by 0.3
    private const float Epsilon = 1e-3f;   // torchvision BasicConv2d

    public static NetworkSpec Build(ArchitectureOptions? options = null)
    {
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(224);
        var b = new NetBuilder(o.AuxClassifiers && o.IncludeTop ? "googlenet_aux" : "googlenet", o.InputChannels, side, side);
        var x = b.ConvBnRelu(b.Input, o.Ch(64), 7, 2, Padding.Explicit(3), "conv1", Epsilon);
        x = b.MaxPool(x, 3, 2, Padding.Same, "maxpool1");
        x = b.ConvBnRelu(x, o.Ch(64), 1, 1, Padding.Valid, "conv2", Epsilon);
        x = b.ConvBnRelu(x, o.Ch(192), 3, 1, Padding.Explicit(1), "conv3", Epsilon);
        x = b.MaxPool(x, 3, 2, Padding.Same, "maxpool2");
        x = Inception(b, o, x, "inception3a", 64, 96, 128, 16, 32, 32);
        x = Inception(b, o, x, "inception3b", 128, 128, 192, 32, 96, 64);
        x = b.MaxPool(x, 3, 2, Padding.Same, "maxpool3");
        x = Inception(b, o, x, "inception4a", 192, 96, 208, 16, 48, 64);
        var aux1From = x;
        x = Inception(b, o, x, "inception4b", 160, 112, 224, 24, 64, 64);
        x = Inception(b, o, x, "inception4c", 128, 128, 256, 24, 64, 64);
        x = Inception(b, o, x, "inception4d", 112, 144, 288, 32, 64, 64);
        var aux2From = x;
        x = Inception(b, o, x, "inception4e", 256, 160, 320, 32, 128, 128);
        x = b.MaxPool(x, 2, 2, Padding.Same, "maxpool4");
        x = Inception(b, o, x, "inception5a", 256, 160, 320, 32, 128, 128);
        x = Inception(b, o, x, "inception5b", 384, 192, 384, 48, 128, 128);
        if (!o.IncludeTop) return b.Finish(x, 0);
        var main = b.Dense(b.Dropout(b.GlobalAvgPool(x, "avgpool"), 0.2f, "dropout"), o.Classes, name: "fc");
        if (!o.AuxClassifiers) return b.Finish(main, o.Classes);
        var aux1 = Aux(b, o, aux1From, "aux1");
        var aux2 = Aux(b, o, aux2From, "aux2");
        var all = b.Concat([main, aux1, aux2], "logits");
        return b.Finish(all, o.Classes, [new("main", 0, o.Classes, 1f), new("aux1", o.Classes, o.Classes, AuxWeight), new("aux2", 2 * o.Classes, o.Classes, AuxWeight)]);
    }

    private static SpecNode Inception(NetBuilder b, ArchitectureOptions o, SpecNode x, string name, int ch1, int ch3Reduce, int ch3, int ch5Reduce, int ch5, int poolProj)
    {
        var b1 = b.ConvBnRelu(x, o.Ch(ch1), 1, 1, Padding.Valid, name + ".branch1", Epsilon);
        var b2 = b.ConvBnRelu(b.ConvBnRelu(x, o.Ch(ch3Reduce), 1, 1, Padding.Valid, name + ".branch2.0", Epsilon), o.Ch(ch3), 3, 1, Padding.Explicit(1), name + ".branch2.1", Epsilon);
        var b3 = b.ConvBnRelu(b.ConvBnRelu(x, o.Ch(ch5Reduce), 1, 1, Padding.Valid, name + ".branch3.0", Epsilon), o.Ch(ch5), 3, 1, Padding.Explicit(1), name + ".branch3.1", Epsilon);
        var b4 = b.ConvBnRelu(b.MaxPool(x, 3, 1, Padding.Same, name + ".branch4.pool"), o.Ch(poolProj), 1, 1, Padding.Valid, name + ".branch4.1", Epsilon);
        return b.Concat([b1, b2, b3, b4], name + ".concat");
    }

    private static SpecNode Aux(NetBuilder b, ArchitectureOptions o, SpecNode x, string name)
    {
        var y = b.ConvBnRelu(b.AdaptiveAvgPool(x, 4, 4, name + ".pool"), o.Ch(128), 1, 1, Padding.Valid, name + ".conv", Epsilon);
        y = b.Relu(b.Dense(b.Flatten(y, name + ".flatten"), o.Ch(1024), name: name + ".fc1"), name + ".relu");
        return b.Dense(b.Dropout(y, 0.7f, name + ".dropout"), o.Classes, name: name + ".fc2");
    }
}
