using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Zoo.Layers;

namespace Pilot.Vision.Zoo.Onnx;

/// <summary>
/// Writes a built engine model as an ONNX graph (opset 13) for inference: its weights and batch-norm running
/// statistics become initialisers, padding is written out explicitly per side (so TensorFlow-style 'same' padding
/// survives), dropout becomes Identity. The batch axis is symbolic ("N"). Layers whose settings the engine does not
/// expose (separable and transposed convolution, LRN, rescaling, upsampling) are refused by name.
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 13;   // Unsqueeze/Clip take their axes and bounds as inputs from here on

    public static OnnxModelProto Export(Model model, string graphName = "pilot")
    {
        if (!model.IsBuilt) throw new InvalidOperationException("export needs a built model (weights exist only after Build)");
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
            var n = new OnnxNode { Name = $"{name}/{type}", OpType = type };
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
            {
                var geo = c.Geometry;
                var w = c.Weight.Value;
                var ins = new List<string> { inputs[0], Init("weight", w.ToArray(), w.Shape.Select(d => (long)d).ToArray()) };
                if (c.Bias is { } b) ins.Add(Init("bias", b.Value.ToArray(), b.Value.Length));
                Op("Conv", ins, output, Ints("kernel_shape", geo.KH, geo.KW), Ints("strides", geo.StrideH, geo.StrideW),
                    Ints("dilations", geo.DilationH, geo.DilationW), Ints("pads", geo.PadTop, geo.PadLeft, geo.PadBottom, geo.PadRight), Int("group", c.Groups));
                break;
            }
            case RectConv2d rc:
            {
                var geo = rc.Geometry;
                var w = rc.Weight.Value;
                Op("Conv", [inputs[0], Init("weight", w.ToArray(), w.Shape.Select(d => (long)d).ToArray())], output, Ints("kernel_shape", geo.KH, geo.KW),
                    Ints("strides", geo.StrideH, geo.StrideW), Ints("pads", geo.PadTop, geo.PadLeft, geo.PadBottom, geo.PadRight));
                break;
            }
            case Dense d:
            {
                string x = inputs[0];
                if (inShape.Length > 2) { x = name + ".flat"; Op("Flatten", [inputs[0]], x, Int("axis", 1)); }
                var w = d.Weight.Value;
                var ins = new List<string> { x, Init("weight", w.ToArray(), w.Dim(0), w.Dim(1)) };
                if (d.Bias is { } b) ins.Add(Init("bias", b.Value.ToArray(), b.Value.Length));
                Op("Gemm", ins, output, Int("transB", 1));
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
                if (inShape[2] % ad.OutHeight != 0 || inShape[3] % ad.OutWidth != 0 || inShape[2] / ad.OutHeight != inShape[3] / ad.OutWidth)
                    throw new NotSupportedException($"layer '{name}': adaptive pooling {inShape[2]}x{inShape[3]} -> {ad.OutHeight}x{ad.OutWidth} is not one plain average pool; export at an input size where it is");
                int k = inShape[2] / ad.OutHeight;
                Op("AveragePool", inputs, output, Ints("kernel_shape", k, k), Ints("strides", k, k));
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
                throw new NotSupportedException($"layer '{name}' ({layer.Kind}) has no ONNX export: the engine does not expose its settings");
        }

        void Pool(string type, int kernel, int stride, Padding padding, params OnnxAttribute[] extra)
        {
            var geo = ConvGeometry.Create(1, inShape[1], inShape[2], inShape[3], kernel, kernel, stride, stride, padding);
            Op(type, inputs, output, [Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", geo.PadTop, geo.PadLeft, geo.PadBottom, geo.PadRight), .. extra]);
        }
    }

    internal static OnnxAttribute Ints(string name, params long[] values) => new() { Name = name, Type = OnnxAttributeType.Ints, Ints = values };
    internal static OnnxAttribute Int(string name, long value) => new() { Name = name, Type = OnnxAttributeType.Int, I = value };
    internal static OnnxAttribute FloatAttr(string name, float value) => new() { Name = name, Type = OnnxAttributeType.Float, F = value };
}
