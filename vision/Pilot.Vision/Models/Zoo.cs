using Pilot.Vision.Backends;
using Pilot.Vision.Ops;

namespace Pilot.Vision.Models;

/// <summary>The networks Pilot trains and benchmarks, unbuilt (call Build with a backend).</summary>
public static class Zoo
{
    /// <summary>
    /// LeNet-5 (LeCun et al. 1998) on 28x28 inputs with padding 2 on the first convolution (so it sees 32x32), ReLU
    /// and max pooling as in the PyTorch peer: 61,706 parameters.
    /// </summary>
    public static Sequential LeNet5(int batch) => new(batch, [1, 28, 28],
        new Conv2d(6, 5, padding: Padding.Explicit(2)), new Relu(), new MaxPool2d(2),
        new Conv2d(16, 5), new Relu(), new MaxPool2d(2),
        new Flatten(),
        new Dense(120), new Relu(),
        new Dense(84), new Relu(),
        new Dense(10));

    /// <summary>
    /// The Fashion-MNIST CNN (Géron, Hands-On Machine Learning, ch. 14): 64@7x7 -> pool -> 128,128 @3x3 -> pool ->
    /// 256,256 @3x3 -> pool -> dense 128 -> dropout 0.5 -> 64 -> dropout 0.5 -> 10, 'same' padding, ReLU: 1,413,834 parameters.
    /// </summary>
    public static Sequential FashionMnistCnn(int batch) => new(batch, [1, 28, 28],
        new Conv2d(64, 7, padding: Padding.Same), new Relu(), new MaxPool2d(2),
        new Conv2d(128, 3, padding: Padding.Same), new Relu(),
        new Conv2d(128, 3, padding: Padding.Same), new Relu(), new MaxPool2d(2),
        new Conv2d(256, 3, padding: Padding.Same), new Relu(),
        new Conv2d(256, 3, padding: Padding.Same), new Relu(), new MaxPool2d(2),
        new Flatten(),
        new Dense(128), new Relu(), new Dropout(0.5f),
        new Dense(64), new Relu(), new Dropout(0.5f),
        new Dense(10));

    /// <summary>
    /// The reference lane network of ARCHITECTURE.md: input [12, 128, 256] (two YUV frames, 0..255, divided by 255),
    /// stem 3x3/2 -> 32 + BN + ReLU, eight depthwise-separable blocks, flatten, dense 256, ReLU, dense 571:
    /// 1,261,819 parameters (convolutions without bias, as they feed batch norm).
    /// </summary>
    public static Sequential LaneNet(int batch)
    {
        var layers = new List<Layer>
        {
            new Rescale(1f / 255),
            new Conv2d(32, 3, stride: 2, padding: Padding.Explicit(1), bias: false), new BatchNorm(), new Relu(),
        };
        int cin = 32;
        foreach (var (cout, stride) in new[] { (48, 2), (48, 1), (64, 2), (64, 1), (96, 2), (96, 1), (128, 2), (128, 1) })
        {
            layers.AddRange([
                new Conv2d(cin, 3, stride, Padding.Explicit(1), groups: cin, bias: false), new BatchNorm(), new Relu(),
                new Conv2d(cout, 1, bias: false), new BatchNorm(), new Relu()]);
            cin = cout;
        }
        layers.AddRange([new Flatten(), new Dense(256), new Relu(), new Dense(4 * 33 * 2 + 4 + 2 * 33 * 2 + 33 * 2 * 2 + 3 * 6 * 2 + 3)]);
        return new Sequential(batch, [12, 128, 256], [.. layers]);
    }
}
