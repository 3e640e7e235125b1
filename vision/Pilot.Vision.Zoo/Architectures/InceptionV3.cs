using Pilot.Vision.Backends;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// Inception v3 (Szegedy et al. 2016) in torchvision's layout: 299x299 input, stem of five conv-BN-ReLU units and two
/// max pools, Inception A x3 (5x5 and double 3x3 branches), B (grid reduction), C x4 (factorised 1x7 / 7x1
/// convolutions), D (reduction), E x2 (expanded 1x3 / 3x1 branches), global pool, dropout, fc. Every convolution is
/// conv (no bias) + BN (eps 0.001) + ReLU. The auxiliary classifier after Mixed_6e (avg pool 5/3, 1x1 to 128, 5x5
/// to 768, fc) sits beside the main logits, weighted 0.4 as torchvision's training reference does: 27,161,264
/// parameters with it, 23,834,568 without. The auxiliary head needs a 17x17 Mixed_6e map (299x299 input).
/// </summary>
public static class InceptionV3
{
    public const float AuxWeight = 0.4f;   // torchvision references/classification: loss = main + 0.4 * aux
    private const float Epsilon = 1e-3f;

    public static NetworkSpec Build(ArchitectureOptions? options = null)
    {
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(299);
        bool aux = o.AuxClassifiers && o.IncludeTop;
        var b = new NetBuilder(aux ? "inception_v3_aux" : "inception_v3", o.InputChannels, side, side);
        var x = Unit(b, b.Input, o.Ch(32), 3, 2, 0, "Conv2d_1a_3x3");
        x = Unit(b, x, o.Ch(32), 3, 1, 0, "Conv2d_2a_3x3");
        x = Unit(b, x, o.Ch(64), 3, 1, 1, "Conv2d_2b_3x3");
        x = b.MaxPool(x, 3, 2, name: "maxpool1");
        x = Unit(b, x, o.Ch(80), 1, 1, 0, "Conv2d_3b_1x1");
        x = Unit(b, x, o.Ch(192), 3, 1, 0, "Conv2d_4a_3x3");
        x = b.MaxPool(x, 3, 2, name: "maxpool2");
        x = A(b, o, x, 32, "Mixed_5b"); x = A(b, o, x, 64, "Mixed_5c"); x = A(b, o, x, 64, "Mixed_5d");
        x = B(b, o, x, "Mixed_6a");
        x = C(b, o, x, 128, "Mixed_6b"); x = C(b, o, x, 160, "Mixed_6c"); x = C(b, o, x, 160, "Mixed_6d"); x = C(b, o, x, 192, "Mixed_6e");
        var auxFrom = x;
        x = D(b, o, x, "Mixed_7a");
        x = E(b, o, x, "Mixed_7b"); x = E(b, o, x, "Mixed_7c");
        if (!o.IncludeTop) return b.Finish(x, 0);
        var main = b.Dense(b.Dropout(b.GlobalAvgPool(x, "avgpool"), 0.5f, "dropout"), o.Classes, name: "fc");
        if (!aux) return b.Finish(main, o.Classes);
        var a = b.AvgPool(auxFrom, 5, 3, name: "AuxLogits.pool");
        a = Unit(b, a, o.Ch(128), 1, 1, 0, "AuxLogits.conv0");
        a = Unit(b, a, o.Ch(768), 5, 1, 0, "AuxLogits.conv1");
        a = b.Dense(b.GlobalAvgPool(a, "AuxLogits.avgpool"), o.Classes, name: "AuxLogits.fc");
        return b.Finish(b.Concat([main, a], "logits"), o.Classes, [new("main", 0, o.Classes, 1f), new("aux", o.Classes, o.Classes, AuxWeight)]);
    }

    private static SpecNode Unit(NetBuilder b, SpecNode x, int c, int k, int stride, int pad, string name) =>
        b.ConvBnRelu(x, c, k, stride, pad == 0 ? Padding.Valid : Padding.Explicit(pad), name, Epsilon);

    private static SpecNode Rect(NetBuilder b, SpecNode x, int c, int kh, int kw, string name) =>
        b.Relu(b.BatchNorm(b.RectConv(x, c, kh, kw, kh / 2, kw / 2, name + ".conv"), Epsilon, name + ".bn"), name + ".relu");

    private static SpecNode Pool(NetBuilder b, SpecNode x, string name) => b.AvgPool(x, 3, 1, Padding.Explicit(1), name);

    private static SpecNode A(NetBuilder b, ArchitectureOptions o, SpecNode x, int poolFeatures, string n)
    {
        var b1 = Unit(b, x, o.Ch(64), 1, 1, 0, n + ".branch1x1");
        var b5 = Unit(b, Unit(b, x, o.Ch(48), 1, 1, 0, n + ".branch5x5_1"), o.Ch(64), 5, 1, 2, n + ".branch5x5_2");
        var d = Unit(b, x, o.Ch(64), 1, 1, 0, n + ".branch3x3dbl_1");
        d = Unit(b, Unit(b, d, o.Ch(96), 3, 1, 1, n + ".branch3x3dbl_2"), o.Ch(96), 3, 1, 1, n + ".branch3x3dbl_3");
        var p = Unit(b, Pool(b, x, n + ".branch_pool.avg"), o.Ch(poolFeatures), 1, 1, 0, n + ".branch_pool");
        return b.Concat([b1, b5, d, p], n + ".concat");
    }

    private static SpecNode B(NetBuilder b, ArchitectureOptions o, SpecNode x, string n)
    {
        var b3 = Unit(b, x, o.Ch(384), 3, 2, 0, n + ".branch3x3");
        var d = Unit(b, Unit(b, x, o.Ch(64), 1, 1, 0, n + ".branch3x3dbl_1"), o.Ch(96), 3, 1, 1, n + ".branch3x3dbl_2");
        d = Unit(b, d, o.Ch(96), 3, 2, 0, n + ".branch3x3dbl_3");
        return b.Concat([b3, d, b.MaxPool(x, 3, 2, name: n + ".branch_pool")], n + ".concat");
    }

    private static SpecNode C(NetBuilder b, ArchitectureOptions o, SpecNode x, int c7, string n)
    {
        int c = o.Ch(c7);
        var b1 = Unit(b, x, o.Ch(192), 1, 1, 0, n + ".branch1x1");
        var b7 = Rect(b, Rect(b, Unit(b, x, c, 1, 1, 0, n + ".branch7x7_1"), c, 1, 7, n + ".branch7x7_2"), o.Ch(192), 7, 1, n + ".branch7x7_3");
        var d = Unit(b, x, c, 1, 1, 0, n + ".branch7x7dbl_1");
        d = Rect(b, Rect(b, d, c, 7, 1, n + ".branch7x7dbl_2"), c, 1, 7, n + ".branch7x7dbl_3");
        d = Rect(b, Rect(b, d, c, 7, 1, n + ".branch7x7dbl_4"), o.Ch(192), 1, 7, n + ".branch7x7dbl_5");
        var p = Unit(b, Pool(b, x, n + ".branch_pool.avg"), o.Ch(192), 1, 1, 0, n + ".branch_pool");
        return b.Concat([b1, b7, d, p], n + ".concat");
    }

    private static SpecNode D(NetBuilder b, ArchitectureOptions o, SpecNode x, string n)
    {
        var b3 = Unit(b, Unit(b, x, o.Ch(192), 1, 1, 0, n + ".branch3x3_1"), o.Ch(320), 3, 2, 0, n + ".branch3x3_2");
        var b7 = Rect(b, Rect(b, Unit(b, x, o.Ch(192), 1, 1, 0, n + ".branch7x7x3_1"), o.Ch(192), 1, 7, n + ".branch7x7x3_2"), o.Ch(192), 7, 1, n + ".branch7x7x3_3");
        b7 = Unit(b, b7, o.Ch(192), 3, 2, 0, n + ".branch7x7x3_4");
        return b.Concat([b3, b7, b.MaxPool(x, 3, 2, name: n + ".branch_pool")], n + ".concat");
    }

    private static SpecNode E(NetBuilder b, ArchitectureOptions o, SpecNode x, string n)
    {
        var b1 = Unit(b, x, o.Ch(320), 1, 1, 0, n + ".branch1x1");
        var t = Unit(b, x, o.Ch(384), 1, 1, 0, n + ".branch3x3_1");
        var b3 = b.Concat([Rect(b, t, o.Ch(384), 1, 3, n + ".branch3x3_2a"), Rect(b, t, o.Ch(384), 3, 1, n + ".branch3x3_2b")], n + ".branch3x3");
        var d = Unit(b, Unit(b, x, o.Ch(448), 1, 1, 0, n + ".branch3x3dbl_1"), o.Ch(384), 3, 1, 1, n + ".branch3x3dbl_2");
        var bd = b.Concat([Rect(b, d, o.Ch(384), 1, 3, n + ".branch3x3dbl_3a"), Rect(b, d, o.Ch(384), 3, 1, n + ".branch3x3dbl_3b")], n + ".branch3x3dbl");
        var p = Unit(b, Pool(b, x, n + ".branch_pool.avg"), o.Ch(192), 1, 1, 0, n + ".branch_pool");
        return b.Concat([b1, b3, bd, p], n + ".concat");
    }
}
