using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Zoo.Layers;

namespace Pilot.Vision.Zoo.Onnx;

/// <summary>
/// Writes a built engine model as an ONNX graph (opset 13) for inference: its weights and batch-norm running
/// statistics become initialisers, padding is written out explicitly per side (so TensorFlow-style 'same' padding
/// survives), dropout becomes Identity. The batch axis is symbolic ("N"). A separable convolution becomes its two
/// convolutions (depthwise with group = channels, then 1x1), a transposed convolution ConvTranspose (output padding
/// at the bottom and right, as in PyTorch), LRN keeps PyTorch's alpha (ONNX divides it by the size too), rescaling is
/// Mul by a scalar, and upsampling Resize with the coordinate mapping of the engine (nearest: asymmetric + floor;
/// bilinear: half_pixel, PyTorch's align_corners = False). Any other layer is refused by name.
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 13;   // Unsqueeze/Clip take their axes and bounds as inputs from here on
    /// <summary>One protobuf message holds less than 2 GiB; larger models need ONNX external data, which is not written.</summary>
    public const long MaxWeightBytes = int.MaxValue - (64 << 20);   // room for the graph itself

    public static OnnxModelProto Export(Model model, string graphName = "pilot")
    {
        if (!model.IsBuilt) throw new InvalidOperationException("export needs a built model (weights exist only after Build)");
        long weightBytes = 4 * (model.Parameters.Sum(p => (long)p.Value.Length) + model.Buffers.Sum(b => (long)b.Length));
        if (weightBytes > MaxWeightBytes)
            throw new NotSupportedException($"the model's weights take {weightBytes:N0} bytes, more than one ONNX protobuf file holds ({MaxWeightBytes:N0}); external data is not written");
        var g = new OnnxGraph { Name = graphName };
        var names = new Dictionary<Node, string> { [model.InputNode] = "input" };
        g.Inputs.Add(new OnnxValueInfo("input", OnnxTensor.Float, [-1, .. model.InputNode.Shape[1..].Select(d => (long)d)]));
        foreach (var node in model.Nodes.Skip(1))
        {
            string output = node == model.Nodes[^1] ? "output" : node.Layer!.Name;
            Emit(g, node, node.Inputs.Select(i => names[i]).ToArray(), output);
            names[node] = output;
        }
        g.Outputs.Add(new OnnxValueInfo("output", OnnxTensor.Float, [-1, .. model.Nodes[^1].Shape[1..].Select(d => (long)d)]));
        return new OnnxModelProto { OpsetVersion = Opset, Graph = g };
    }

    private static void Emit(OnnxGraph g, Node node, string[] inputs, string output)
    {
        var layer = node.Layer!;
        string name = layer.Name;
        int[] inShape = node.Inputs[0].Shape;
        OnnxNode Op(string type, IEnumerable<string> ins, string outName, params OnnxAttribute[] attrs)
        {
            // a layer that becomes several nodes names its inner ones after their outputs, so node names stay unique
            var n = new OnnxNode { Name = $"{(outName == output ? name : outName)}/{type}", OpType = type };
            n.Inputs.AddRange(ins); n.Outputs.Add(outName); n.Attributes.AddRange(attrs);
            g.Nodes.Add(n);
            return n;
        }
        string Init(string suffix, float[] values, params long[] dims)
        {
            g.Initializers.Add(OnnxTensor.Of($"{name}.{suffix}", values, dims));
            return $"{name}.{suffix}";
        }
        string Int64Init(string suffix, long[] values)
        {
            g.Initializers.Add(OnnxTensor.OfInt64($"{name}.{suffix}", values, values.Length));
            return $"{name}.{suffix}";
        }
        switch (layer)
        {
            case Conv2d c:
                Conv(c, inputs[0], output, "");
                break;
            case SeparableConv2d sc:
                Conv(sc.Depthwise, inputs[0], name + ".depthwise", "depthwise.");
                Conv(sc.Pointwise, name + ".depthwise", output, "pointwise.");
                break;
            case ConvTranspose2d ct:
            {
                // weight [Cin, Cout, K, K] is ONNX's [C, M / group, kH, kW]; output padding lands at the end of each axis
                Op("ConvTranspose", WeightInputs(inputs[0], "", ct.Weight, ct.Bias), output, Ints("kernel_shape", ct.KernelSize, ct.KernelSize), Ints("strides", ct.Stride, ct.Stride),
                    Ints("dilations", ct.Dilation, ct.Dilation), Ints("pads", ct.Padding, ct.Padding, ct.Padding, ct.Padding),
                    Ints("output_padding", ct.OutputPadding, ct.OutputPadding));
                break;
            }
            case LocalResponseNorm lrn:
                Op("LRN", inputs, output, Int("size", lrn.Size), FloatAttr("alpha", lrn.Alpha), FloatAttr("beta", lrn.Beta), FloatAttr("bias", lrn.K));
                break;
            case Rescale rs:
                Op("Mul", [inputs[0], Init("scale", [rs.Scale])], output);
                break;
            case Upsample up:
                Resize(up.Factor, up.Mode);
                break;
            case RectConv2d rc:
            {
                var geo = rc.Geometry;
                Op("Conv", WeightInputs(inputs[0], "", rc.Weight, null), output, Ints("kernel_shape", geo.KH, geo.KW),
                    Ints("strides", geo.StrideH, geo.StrideW), Ints("pads", geo.PadTop, geo.PadLeft, geo.PadBottom, geo.PadRight));
                break;
            }
            case Dense d:
            {
                string x = inputs[0];
                if (inShape.Length > 2) { x = name + ".flat"; Op("Flatten", [inputs[0]], x, Int("axis", 1)); }
                Op("Gemm", WeightInputs(x, "", d.Weight, d.Bias), output, Int("transB", 1));
                break;
            }
            case BatchNorm bn:
                Op("BatchNormalization", [inputs[0], Init("gamma", bn.Parameters[0].Value.ToArray(), bn.RunningMean.Length),
                    Init("beta", bn.Parameters[1].Value.ToArray(), bn.RunningMean.Length), Init("running_mean", bn.RunningMean.ToArray(), bn.RunningMean.Length),
                    Init("running_var", bn.RunningVar.ToArray(), bn.RunningVar.Length)], output, FloatAttr("epsilon", bn.Epsilon));
                break;
            case Activation a:
                switch (a.Function)
                {
                    case ActivationKind.Relu: Op("Relu", inputs, output); break;
                    case ActivationKind.Sigmoid: Op("Sigmoid", inputs, output); break;
                    case ActivationKind.Tanh: Op("Tanh", inputs, output); break;
                    case ActivationKind.Selu: Op("Selu", inputs, output); break;
                    case ActivationKind.LeakyRelu: Op("LeakyRelu", inputs, output, FloatAttr("alpha", a.Alpha)); break;
                    case ActivationKind.Elu: Op("Elu", inputs, output, FloatAttr("alpha", a.Alpha)); break;
                    default: Op("Identity", inputs, output); break;
                }
                break;
            case Relu6:
                Op("Clip", [inputs[0], Init("min", [0f]), Init("max", [Relu6.Ceiling])], output);
                break;
            case MaxPool2d mp:
                Pool("MaxPool", mp.KernelSize, mp.Stride, mp.Padding);
                break;
            case AvgPool2d ap:
                Pool("AveragePool", ap.KernelSize, ap.Stride, ap.Padding, Int("count_include_pad", 0));
                break;
            case GlobalAvgPool:
                Op("GlobalAveragePool", inputs, name + ".pooled");
                Op("Flatten", [name + ".pooled"], output, Int("axis", 1));
                break;
            case AdaptiveAvgPool2d ad:
            {
                int h = inShape[2], w = inShape[3];
                if (h % ad.OutHeight == 0 && w % ad.OutWidth == 0 && h / ad.OutHeight == w / ad.OutWidth)
                {
                    int k = h / ad.OutHeight;
                    Op("AveragePool", inputs, output, Ints("kernel_shape", k, k), Ints("strides", k, k));
                }
                // an output a multiple f of the input: every window is the single cell floor(i / f), nearest upsampling
                else if (ad.OutHeight % h == 0 && ad.OutWidth % w == 0 && ad.OutHeight / h == ad.OutWidth / w) Resize(ad.OutHeight / h, UpsampleMode.Nearest);
                else throw new NotSupportedException($"layer '{name}': adaptive pooling {h}x{w} -> {ad.OutHeight}x{ad.OutWidth} is neither one plain average pool nor an upsampling; export at an input size where it is");
                break;
            }
            case Reshape r when r.Kind == "Flatten":
                Op("Flatten", inputs, output, Int("axis", 1));
                break;
            case Reshape:
                Op("Reshape", [inputs[0], Int64Init("shape", [0, .. node.Shape[1..].Select(d => (long)d)])], output);
                break;
            case Dropout:
                Op("Identity", inputs, output);
                break;
            case Ops.Add:
                Op(inputs.Length == 2 ? "Add" : "Sum", inputs, output);
                break;
            case Concat:
                Op("Concat", inputs, output, Int("axis", 1));
                break;
            case ChannelMultiply:
            {
                string s = inputs[1];
                if (node.Inputs[1].Shape.Length == 2) { s = name + ".scale4d"; Op("Unsqueeze", [inputs[1], Int64Init("axes", [2, 3])], s); }
                Op("Mul", [inputs[0], s], output);
                break;
            }
            case Softmax sm:
                Op(sm.Kind == "LogSoftmax" ? "LogSoftmax" : "Softmax", inputs, output, Int("axis", 1));
                break;
            default:
                throw new NotSupportedException($"layer '{name}' ({layer.Kind}) has no ONNX export");
        }

        // the data input, then the weight and the optional bias as initialisers named after the engine's parameters
        List<string> WeightInputs(string x, string prefix, Parameter w, Parameter? b)
        {
            var ins = new List<string> { x, Init(prefix + "weight", w.Value.ToArray(), w.Value.Shape.Select(d => (long)d).ToArray()) };
            if (b is not null) ins.Add(Init(prefix + "bias", b.Value.ToArray(), b.Value.Length));
            return ins;
        }

        void Conv(Conv2d c, string x, string y, string prefix)
        {
            var geo = c.Geometry;
            Op("Conv", WeightInputs(x, prefix, c.Weight, c.Bias), y, Ints("kernel_shape", geo.KH, geo.KW), Ints("strides", geo.StrideH, geo.StrideW),
                Ints("dilations", geo.DilationH, geo.DilationW), Ints("pads", geo.PadTop, geo.PadLeft, geo.PadBottom, geo.PadRight), Int("group", c.Groups));
        }

        // Resize-13 inputs: X, roi (unused: no crop), scales [1, 1, f, f]
        void Resize(int factor, UpsampleMode mode) =>
            Op("Resize", [inputs[0], "", Init("scales", [1f, 1f, factor, factor], 4)], output, mode == UpsampleMode.Nearest
                ? [Str("mode", "nearest"), Str("coordinate_transformation_mode", "asymmetric"), Str("nearest_mode", "floor")]
                : [Str("mode", "linear"), Str("coordinate_transformation_mode", "half_pixel")]);

        void Pool(string type, int kernel, int stride, Padding padding, params OnnxAttribute[] extra)
        {
            var geo = ConvGeometry.Create(1, inShape[1], inShape[2], inShape[3], kernel, kernel, stride, stride, padding);
            Op(type, inputs, output, [Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", geo.PadTop, geo.PadLeft, geo.PadBottom, geo.PadRight), .. extra]);
        }
    }

    internal static OnnxAttribute Ints(string name, params long[] values) => new() { Name = name, Type = OnnxAttributeType.Ints, Ints = values };
    internal static OnnxAttribute Int(string name, long value) => new() { Name = name, Type = OnnxAttributeType.Int, I = value };
    internal static OnnxAttribute FloatAttr(string name, float value) => new() { Name = name, Type = OnnxAttributeType.Float, F = value };
    internal static OnnxAttribute Str(string name, string value) => new() { Name = name, Type = OnnxAttributeType.String, S = value };
}
