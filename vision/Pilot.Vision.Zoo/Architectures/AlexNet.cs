using Pilot.Vision.Backends;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>AlexNet in torchvision's single-tower layout and in the original two-tower form with LRN.</summary>
public static class AlexNet
{
    /// <summary>
    /// torchvision.models.alexnet (after Krizhevsky's "one weird trick" single-GPU variant): 64-192-384-256-256
    /// convolutions, 3x3/2 overlapping max pools, adaptive pool to 6x6, dropout-4096-4096-classes: 61,100,840 parameters.
    /// </summary>
    public static NetworkSpec Torchvision(ArchitectureOptions? options = null)
    {
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(224);
        var b = new NetBuilder("alexnet", o.InputChannels, side, side);
        var x = b.Relu(b.Conv(b.Input, o.Ch(64), 11, 4, Padding.Explicit(2), name: "features.0"), "features.1");
        x = b.MaxPool(x, 3, 2, name: "features.2");
        x = b.Relu(b.Conv(x, o.Ch(192), 5, 1, Padding.Explicit(2), name: "features.3"), "features.4");
        x = b.MaxPool(x, 3, 2, name: "features.5");
        x = b.Relu(b.Conv(x, o.Ch(384), 3, 1, Padding.Explicit(1), name: "features.6"), "features.7");
        x = b.Relu(b.Conv(x, o.Ch(256), 3, 1, Padding.Explicit(1), name: "features.8"), "features.9");
        x = b.Relu(b.Conv(x, o.Ch(256), 3, 1, Padding.Explicit(1), name: "features.10"), "features.11");
        x = b.MaxPool(x, 3, 2, name: "features.12");
        if (!o.IncludeTop) return b.Finish(x, 0);
        x = b.Flatten(b.AdaptiveAvgPool(x, 6, 6, "avgpool"), "flatten");
        x = b.Relu(b.Dense(b.Dropout(x, 0.5f, "classifier.0"), o.Ch(4096), name: "classifier.1"), "classifier.2");
        x = b.Relu(b.Dense(b.Dropout(x, 0.5f, "classifier.3"), o.Ch(4096), name: "classifier.4"), "classifier.5");
        return b.Finish(b.Dense(x, o.Classes, name: "classifier.6"), o.Classes);
    }

    /// <summary>
    /// The original (Krizhevsky, Sutskever and Hinton 2012; Caffe's bvlc_alexnet): 227x227 input, 96-256-384-384-256
    /// convolutions with conv2/4/5 split in two groups (the two GPUs), LRN (size 5, alpha 1e-4, beta 0.75, k 2) after
    /// conv1 and conv2, overlapping 3x3/2 max pooling, fc 4096-4096-classes: 60,965,224 parameters.
    /// </summary>
    public static NetworkSpec Original(ArchitectureOptions? options = null)
    {
        var o = options ?? new ArchitectureOptions();
        int side = o.Side(227);
        var b = new NetBuilder("alexnet-original", o.InputChannels, side, side);
        int Even(int c) => Math.Max(2, o.Ch(c) / 2 * 2);   // the two-group convolutions need even channel counts
        var x = b.Relu(b.Conv(b.Input, Even(96), 11, 4, name: "conv1"), "relu1");
        x = b.MaxPool(b.Lrn(x, 5, 1e-4f, 0.75f, 2f, "norm1"), 3, 2, name: "pool1");
        x = b.Relu(b.Conv(x, Even(256), 5, 1, Padding.Explicit(2), groups: 2, name: "conv2"), "relu2");
        x = b.MaxPool(b.Lrn(x, 5, 1e-4f, 0.75f, 2f, "norm2"), 3, 2, name: "pool2");
        x = b.Relu(b.Conv(x, Even(384), 3, 1, Padding.Explicit(1), name: "conv3"), "relu3");
        x = b.Relu(b.Conv(x, Even(384), 3, 1, Padding.Explicit(1), groups: 2, name: "conv4"), "relu4");
        x = b.Relu(b.Conv(x, Even(256), 3, 1, Padding.Explicit(1), groups: 2, name: "conv5"), "relu5");
        x = b.MaxPool(x, 3, 2, name: "pool5");
        if (!o.IncludeTop) return b.Finish(x, 0);
        x = b.Dropout(b.Relu(b.Dense(b.Flatten(x, "flatten"), o.Ch(4096), name: "fc6"), "relu6"), 0.5f, "drop6");
        x = b.Dropout(b.Relu(b.Dense(x, o.Ch(4096), name: "fc7"), "relu7"), 0.5f, "drop7");
        return b.Finish(b.Dense(x, o.Classes, name: "fc8"), o.Classes);
    }
}
