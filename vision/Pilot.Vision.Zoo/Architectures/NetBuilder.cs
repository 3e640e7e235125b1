using Pilot.Vision.Backends;
using Pilot.Vision.Init;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Zoo.Layers;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// Records an architecture layer by layer with the engine's own shape rules (<see cref="ConvGeometry"/>), each
/// node's parameter count and multiply-adds from the layer's formula, and a factory for the engine layer. Layers
/// are named like torchvision's modules ("layer1.0.conv1") so checkpoints and ONNX initialisers read naturally.
/// </summary>
public sealed class NetBuilder
{
    private readonly List<SpecNode> _nodes = [];
    private readonly HashSet<string> _names = [];
    private readonly Dictionary<string, int> _counts = [];

    public NetBuilder(string name, params int[] inputShape)
    {
        if (inputShape.Length == 0 || inputShape.Any(d => d <= 0)) throw new ArgumentException($"{name}: input shape [{string.Join(", ", inputShape)}] must be positive");
        Name = name;
        _nodes.Add(new SpecNode(0, "input", "Input", inputShape, 0, 0, 0, [], null));
    }

    public string Name { get; }
    public SpecNode Input => _nodes[0];

    /// <summary>A builder that continues <paramref name="spec"/> (a headless backbone gaining a new head).</summary>
    public static NetBuilder Extend(NetworkSpec spec, string name)
    {
        var b = new NetBuilder(name, spec.Input.Shape);
        foreach (var node in spec.Nodes.Skip(1))
        {
            b._nodes.Add(node);
            b._names.Add(node.Name);
        }
        return b;
    }

    public NetworkSpec Finish(SpecNode output, int classifierOutputs, IReadOnlyList<HeadSpec>? heads = null)
    {
        if (output != _nodes[^1]) throw new InvalidOperationException($"{Name}: the output must be the last layer added");
        return new NetworkSpec(Name, _nodes.ToArray(), classifierOutputs, heads ?? []);
    }

    private SpecNode Add(string kind, Func<Layer> create, SpecNode[] inputs, int[] shape, long parameters, long macs, long saved, string? name)
    {
        if (name is null)
        {
            _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
            name = $"{kind.ToLowerInvariant()}_{_counts[kind]}";
        }
        if (!_names.Add(name)) throw new ArgumentException($"{Name}: two layers are named '{name}'");
        var node = new SpecNode(_nodes.Count, name, kind, shape, parameters, macs, saved, inputs, create);
        _nodes.Add(node);
        return node;
    }

    private static long Count(int[] shape) => shape.Aggregate(1L, (a, d) => a * d);

    private void Spatial(SpecNode x, string what)
    {
        if (x.Shape.Length != 3) throw new ArgumentException($"{Name}: {what} needs a [C, H, W] input, got [{string.Join(", ", x.Shape)}]");
    }

    public SpecNode Conv(SpecNode x, int outChannels, int kernel, int stride = 1, Padding? padding = null, int groups = 1, bool bias = true, string? name = null, int dilation = 1)
    {
        Spatial(x, "a convolution");
        int cin = x.Channels;
        if (cin % groups != 0 || outChannels % groups != 0) throw new ArgumentException($"{Name}: groups {groups} must divide {cin} input and {outChannels} output channels");
        var pad = padding ?? Padding.Valid;
        var g = ConvGeometry.Create(1, cin, x.Height, x.Width, kernel, kernel, stride, stride, pad, dilation, dilation);
        long taps = (long)(cin / groups) * kernel * kernel;
        bool depthwise = groups == cin && outChannels == cin;
        return Add("Conv2d", () => new Conv2d(outChannels, kernel, stride, pad, dilation, groups, bias), [x], [outChannels, g.OH, g.OW],
            outChannels * taps + (bias ? outChannels : 0), outChannels * taps * g.OutputPlane,
            depthwise ? 0 : (long)cin * kernel * kernel * g.OutputPlane, name);
    }

    /// <summary>A KH x KW convolution without bias (Inception v3's factorised kernels), symmetric padding per axis.</summary>
    public SpecNode RectConv(SpecNode x, int outChannels, int kernelHeight, int kernelWidth, int padHeight, int padWidth, string? name = null)
    {
        Spatial(x, "a convolution");
        var g = ConvGeometry.Create(1, x.Channels, x.Height, x.Width, kernelHeight, kernelWidth, 1, 1, Padding.Explicit(padHeight, padWidth));
        long taps = (long)x.Channels * kernelHeight * kernelWidth;
        return Add("RectConv2d", () => new RectConv2d(outChannels, kernelHeight, kernelWidth, 1, padHeight, padWidth), [x], [outChannels, g.OH, g.OW],
            outChannels * taps, outChannels * taps * g.OutputPlane, taps * g.OutputPlane, name);
    }

    /// <summary>Depthwise 3x3-style convolution followed by a 1x1 pointwise one, as one engine layer (Keras SeparableConv2D).</summary>
    public SpecNode SeparableConv(SpecNode x, int outChannels, int kernel, int stride = 1, Padding? padding = null, bool bias = true, string? name = null)
    {
        Spatial(x, "a separable convolution");
        int cin = x.Channels;
        var pad = padding ?? Padding.Valid;
        var g = ConvGeometry.Create(1, cin, x.Height, x.Width, kernel, kernel, stride, stride, pad);
        long mid = (long)cin * g.OutputPlane;
        return Add("SeparableConv2d", () => new SeparableConv2d(outChannels, kernel, stride, pad, bias: bias), [x], [outChannels, g.OH, g.OW],
            (long)cin * kernel * kernel + (long)outChannels * cin + (bias ? outChannels : 0),
            mid * kernel * kernel + (long)outChannels * mid, 3 * mid, name);
    }

    public SpecNode ConvTranspose(SpecNode x, int outChannels, int kernel, int stride = 1, int padding = 0, int outputPadding = 0, bool bias = true, string? name = null,
        IInitializer? init = null)
    {
        Spatial(x, "a transposed convolution");
        int oh = ConvTranspose2d.OutputSize(x.Height, kernel, stride, padding, outputPadding);
        int ow = ConvTranspose2d.OutputSize(x.Width, kernel, stride, padding, outputPadding);
        long w = (long)x.Channels * outChannels * kernel * kernel;
        return Add("ConvTranspose2d", () => new ConvTranspose2d(outChannels, kernel, stride, padding, outputPadding, bias: bias, init: init), [x], [outChannels, oh, ow],
            w + (bias ? outChannels : 0), w * x.Height * x.Width, 0, name);  // its columns live in shared scratch
    }

    public SpecNode BatchNorm(SpecNode x, float epsilon = 1e-5f, string? name = null) =>
        Add("BatchNorm", () => new BatchNorm(epsilon: epsilon), [x], x.Shape, 2L * x.Channels, x.OutputFloats, x.OutputFloats, name);

    public SpecNode Relu(SpecNode x, string? name = null) => Add("Relu", () => new Relu(), [x], x.Shape, 0, 0, 0, name);
    public SpecNode Relu6(SpecNode x, string? name = null) => Add("Relu6", () => new Relu6(), [x], x.Shape, 0, 0, 0, name);
    public SpecNode Tanh(SpecNode x, string? name = null) => Add("Tanh", () => new Tanh(), [x], x.Shape, 0, 0, 0, name);
    public SpecNode Sigmoid(SpecNode x, string? name = null) => Add("Sigmoid", () => new Sigmoid(), [x], x.Shape, 0, 0, 0, name);
    public SpecNode LeakyRelu(SpecNode x, float slope, string? name = null) => Add("LeakyRelu", () => new LeakyRelu(slope), [x], x.Shape, 0, 0, 0, name);

    public SpecNode MaxPool(SpecNode x, int kernel, int? stride = null, Padding? padding = null, string? name = null)
    {
        Spatial(x, "max pooling");
        var pad = padding ?? Padding.Valid;
        var g = ConvGeometry.Create(1, x.Channels, x.Height, x.Width, kernel, kernel, stride ?? kernel, stride ?? kernel, pad);
        return Add("MaxPool2d", () => new MaxPool2d(kernel, stride, pad), [x], [x.Channels, g.OH, g.OW], 0, 0, 0, name);
    }

    public SpecNode AvgPool(SpecNode x, int kernel, int? stride = null, Padding? padding = null, string? name = null)
    {
        Spatial(x, "average pooling");
        var pad = padding ?? Padding.Valid;
        var g = ConvGeometry.Create(1, x.Channels, x.Height, x.Width, kernel, kernel, stride ?? kernel, stride ?? kernel, pad);
        return Add("AvgPool2d", () => new AvgPool2d(kernel, stride, pad), [x], [x.Channels, g.OH, g.OW], 0, 0, 0, name);
    }

    public SpecNode AdaptiveAvgPool(SpecNode x, int outHeight, int outWidth, string? name = null)
    {
        Spatial(x, "adaptive average pooling");
        return Add("AdaptiveAvgPool2d", () => new AdaptiveAvgPool2d(outHeight, outWidth), [x], [x.Channels, outHeight, outWidth], 0, 0, 0, name);
    }

    public SpecNode GlobalAvgPool(SpecNode x, string? name = null)
    {
        Spatial(x, "global average pooling");
        return Add("GlobalAvgPool", () => new GlobalAvgPool(), [x], [x.Channels], 0, 0, 0, name);
    }

    public SpecNode Reshape(SpecNode x, int[] shape, string? name = null)
    {
        if (shape.Aggregate(1L, (a, d) => a * d) != x.OutputFloats) throw new ArgumentException($"{Name}: cannot reshape [{string.Join(", ", x.Shape)}] to [{string.Join(", ", shape)}]");
        return Add("Reshape", () => new Reshape(shape), [x], shape, 0, 0, 0, name);
    }

    public SpecNode Flatten(SpecNode x, string? name = null) => Add("Flatten", () => new Flatten(), [x], [(int)x.OutputFloats], 0, 0, 0, name);

    public SpecNode Dense(SpecNode x, int units, bool bias = true, string? name = null)
    {
        long fanIn = x.OutputFloats;
        return Add("Dense", () => new Dense(units, bias), [x], [units], fanIn * units + (bias ? units : 0), fanIn * units, 0, name);
    }

    public SpecNode Dropout(SpecNode x, float rate, string? name = null) => Add("Dropout", () => new Dropout(rate), [x], x.Shape, 0, 0, x.OutputFloats, name);

    public SpecNode Lrn(SpecNode x, int size, float alpha, float beta, float k, string? name = null) =>
        Add("LocalResponseNorm", () => new LocalResponseNorm(size, alpha, beta, k), [x], x.Shape, 0, 0, x.OutputFloats, name);

    public SpecNode Add(SpecNode[] xs, string? name = null)
    {
        foreach (var x in xs)
            if (!x.Shape.SequenceEqual(xs[0].Shape)) throw new ArgumentException($"{Name}: cannot add [{string.Join(", ", x.Shape)}] to [{string.Join(", ", xs[0].Shape)}]");
        return Add("Add", () => new Ops.Add(), xs, xs[0].Shape, 0, 0, 0, name);
    }

    public SpecNode Concat(SpecNode[] xs, string? name = null)
    {
        foreach (var x in xs)
            if (!x.Shape.AsSpan(1).SequenceEqual(xs[0].Shape.AsSpan(1))) throw new ArgumentException($"{Name}: cannot concatenate [{string.Join(", ", x.Shape)}] with [{string.Join(", ", xs[0].Shape)}]");
        return Add("Concat", () => new Concat(), xs, [xs.Sum(x => x.Channels), .. xs[0].Shape[1..]], 0, 0, 0, name);
    }

    /// <summary>x [C, H, W] scaled per channel by s [C] (squeeze-and-excitation).</summary>
    public SpecNode ChannelMultiply(SpecNode x, SpecNode scale, string? name = null) =>
        Add("ChannelMultiply", () => new ChannelMultiply(), [x, scale], x.Shape, 0, x.OutputFloats, 0, name);

    public SpecNode Upsample(SpecNode x, int factor, UpsampleMode mode, string? name = null)
    {
        Spatial(x, "upsampling");
        return Add("Upsample", () => new Upsample(factor, mode), [x], [x.Channels, x.Height * factor, x.Width * factor], 0, 0, 0, name);
    }

    // Composites the families share

    /// <summary>Convolution without bias, batch norm, then ReLU (torchvision's BasicConv2d / conv-bn-relu).</summary>
    public SpecNode ConvBnRelu(SpecNode x, int outChannels, int kernel, int stride, Padding padding, string name, float epsilon = 1e-5f, int groups = 1, bool relu6 = false)
    {
        var y = BatchNorm(Conv(x, outChannels, kernel, stride, padding, groups, bias: false, name: name + ".conv"), epsilon, name + ".bn");
        return relu6 ? Relu6(y, name + ".relu") : Relu(y, name + ".relu");
    }
}
