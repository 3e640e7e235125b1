using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Tensors;
using Pilot.Vision.Zoo.Layers;

namespace Pilot.Vision.Zoo.Onnx;

/// <summary>
/// Turns an ONNX inference graph into a built engine model with its weights. Operators: Conv (square kernels with
/// symmetric or 'same'-shaped pads and any group, so a separable convolution comes back as its two convolutions;
/// KH x KW kernels without bias or groups, as Inception v3's),
/// ConvTranspose (square kernels, group 1, equal pads, output_padding), Gemm, MatMul by a constant,
/// BatchNormalization, LRN, Relu, LeakyRelu, Sigmoid, Tanh, Clip(0, 6), MaxPool, AveragePool, GlobalAveragePool,
/// Flatten, Reshape to [N, ...], Add, Sum, Concat on channels, Mul of a feature map by per-channel scales, Mul/Div by
/// a scalar constant, Resize by an integer factor (nearest, or linear with half-pixel centres), Softmax, Identity,
/// Dropout, Constant. Anything else is refused with the node's name. The model is left in evaluation mode.
/// </summary>
public static class OnnxImporter
{
    public static Model Load(string path, int batch, IBackend backend) => Import(OnnxCodec.Load(path), batch, backend);

    public static Model Import(OnnxModelProto proto, int batch, IBackend backend)
    {
        var g = proto.Graph;
        var constants = g.Initializers.ToDictionary(t => t.Name);
        var input = g.Inputs.FirstOrDefault(v => !constants.ContainsKey(v.Name)) ?? throw new OnnxFormatException("the graph has no input that is not an initializer");
        if (input.Dims.Length < 2 || input.Dims.Skip(1).Any(d => d <= 0))
            throw new OnnxFormatException($"input '{input.Name}' has dims [{string.Join(", ", input.Dims)}]; every axis after the batch must be fixed");
        var model = new Model(batch, input.Dims.Skip(1).Select(d => (int)d).ToArray());
        var values = new Dictionary<string, Node> { [input.Name] = model.InputNode };
        var shapes = new Dictionary<string, int[]> { [input.Name] = input.Dims.Skip(1).Select(d => (int)d).ToArray() };  // per sample
        var loads = new List<Action>();   // weight copies, run once the model is built
        Node? last = null;

        foreach (var n in g.Nodes)
        {
            OnnxTensor? Const(int i) => i < n.Inputs.Count && constants.TryGetValue(n.Inputs[i], out var t) ? t : null;
            Node Value(int i) => values.TryGetValue(n.Inputs[i], out var v) ? v
                : throw new OnnxFormatException($"node '{n.Name}' ({n.OpType}): input '{n.Inputs[i]}' is neither a computed value nor supported as a constant here", node: n.Name);
            int[] ShapeOf(int i) => shapes[n.Inputs[i]];
            void Put(Layer layer, int[] shape, params Node[] ins)
            {
                layer.Name = Unique(model, string.IsNullOrEmpty(n.Name) ? n.Outputs[0] : n.Name);
                var node = model.Add(layer, ins);
                values[n.Outputs[0]] = node;
                shapes[n.Outputs[0]] = shape;
                last = node;
            }
            void Alias(int from)
            {
                if (constants.TryGetValue(n.Inputs[from], out var c)) { constants[n.Outputs[0]] = c; return; }
                values[n.Outputs[0]] = Value(from);
                shapes[n.Outputs[0]] = ShapeOf(from);
            }
            OnnxFormatException Unsupported(string why) => new($"node '{n.Name}' ({n.OpType}): {why}", node: n.Name);

            switch (n.OpType)
            {
                case "Identity" or "Dropout":
                    Alias(0);
                    break;
                case "Constant":
                    constants[n.Outputs[0]] = n.Attribute("value")?.T ?? throw Unsupported("only tensor-valued constants are supported");
                    break;
                case "Conv":
                {
                    var w = Const(1) ?? throw Unsupported("the weight must be an initializer");
                    if (w.Dims.Length != 4) throw Unsupported($"weight dims [{string.Join(", ", w.Dims)}]: only 2-D kernels are supported");
                    var s = ShapeOf(0);
                    if (w.Dims[2] != w.Dims[3])
                    {
                        var rect = RectConv(n, w, s, Const(2) is not null, Unsupported);
                        Put(rect.Layer, rect.Shape, Value(0));
                        loads.Add(() => Copy(w, rect.Layer.Weight.Value));
                        break;
                    }
                    int k = (int)w.Dims[2], group = (int)n.Int("group", 1);
                    int stride = Square(n.Ints("strides"), 1, Unsupported), dilation = Square(n.Ints("dilations"), 1, Unsupported);
                    var padding = Pads(n, s, k, stride, dilation, Unsupported);
                    var b = Const(2);
                    var conv = new Conv2d((int)w.Dims[0], k, stride, padding, dilation, group, bias: b is not null);
                    var geo = ConvGeometry.Create(1, s[0], s[1], s[2], k, k, stride, stride, padding, dilation, dilation);
                    Put(conv, [(int)w.Dims[0], geo.OH, geo.OW], Value(0));
                    loads.Add(() => { Copy(w, conv.Weight.Value); if (b is not null) Copy(b, conv.Bias!.Value); });
                    break;
                }
                case "ConvTranspose":
                {
                    var w = Const(1) ?? throw Unsupported("the weight must be an initializer");
                    if (w.Dims.Length != 4 || w.Dims[2] != w.Dims[3]) throw Unsupported($"weight dims [{string.Join(", ", w.Dims)}]: only square 2-D kernels are supported");
                    if (n.Int("group", 1) != 1) throw Unsupported("only group = 1 is supported");
                    if (n.Ints("output_shape").Length > 0) throw Unsupported("output_shape is not supported; give pads and output_padding");
                    if (n.Attribute("auto_pad")?.S is { } autoPad && autoPad is not ("NOTSET" or "")) throw Unsupported($"auto_pad {autoPad} is not supported");
                    var p = n.Ints("pads");
                    if (p.Length is not (0 or 4) || p.Any(v => v != p[0])) throw Unsupported($"pads [{string.Join(", ", p)}]: only the same padding on every side is supported");
                    var s = ShapeOf(0);
                    int k = (int)w.Dims[2], outChannels = (int)w.Dims[1], pad = p.Length == 0 ? 0 : (int)p[0];
                    int stride = Square(n.Ints("strides"), 1, Unsupported), dilation = Square(n.Ints("dilations"), 1, Unsupported);
                    int outputPadding = Square(n.Ints("output_padding"), 0, Unsupported);
                    var b = Const(2);
                    var deconv = new ConvTranspose2d(outChannels, k, stride, pad, outputPadding, dilation, bias: b is not null);
                    Put(deconv, [outChannels, ConvTranspose2d.OutputSize(s[1], k, stride, pad, outputPadding, dilation),
                        ConvTranspose2d.OutputSize(s[2], k, stride, pad, outputPadding, dilation)], Value(0));
                    loads.Add(() => { Copy(w, deconv.Weight.Value); if (b is not null) Copy(b, deconv.Bias!.Value); });
                    break;
                }
                case "Gemm" or "MatMul":
                {
                    var w = Const(1) ?? throw Unsupported("the second operand must be an initializer");
                    if (n.Int("transA", 0) != 0 || n.Float("alpha", 1) != 1 || n.Float("beta", 1) != 1) throw Unsupported("only transA = 0, alpha = beta = 1 are supported");
                    bool transB = n.OpType == "Gemm" && n.Int("transB", 0) != 0;
                    int units = (int)(transB ? w.Dims[0] : w.Dims[1]), fanIn = (int)(transB ? w.Dims[1] : w.Dims[0]);
                    if (ShapeMath.Count(ShapeOf(0)) != fanIn) throw Unsupported($"input of {ShapeMath.Count(ShapeOf(0))} features for a {fanIn}-input weight");
                    var b = n.OpType == "Gemm" ? Const(2) : null;
                    if (b is not null && b.Floats.Length != units) throw Unsupported($"bias of {b.Floats.Length} values for {units} units (broadcast biases are not supported)");
                    var dense = new Dense(units, bias: b is not null);
                    Put(dense, [units], Value(0));
                    loads.Add(() =>
                    {
                        var dst = dense.Weight.Value.Span;   // [units, fanIn]
                        for (int o = 0; o < units; o++)
                            for (int i = 0; i < fanIn; i++) dst[o * fanIn + i] = transB ? w.Floats[o * fanIn + i] : w.Floats[i * units + o];
                        if (b is not null) Copy(b, dense.Bias!.Value);
                    });
                    break;
                }
                case "BatchNormalization":
                {
                    var (scale, bias, mean, var) = (Const(1), Const(2), Const(3), Const(4));
                    if (scale is null || bias is null || mean is null || var is null) throw Unsupported("scale, bias, mean and variance must be initializers");
                    var bn = new BatchNorm(epsilon: n.Float("epsilon", 1e-5f));
                    Put(bn, ShapeOf(0), Value(0));
                    loads.Add(() =>
                    {
                        Copy(scale, bn.Parameters[0].Value); Copy(bias, bn.Parameters[1].Value);
                        Copy(mean, bn.RunningMean); Copy(var, bn.RunningVar);
                    });
                    break;
                }
                case "LRN":
                {
                    var size = n.Attribute("size") ?? throw Unsupported("the size attribute is required");
                    // ONNX's alpha is divided by the size, as the engine's is
                    Put(new LocalResponseNorm((int)size.I, n.Float("alpha", 1e-4f), n.Float("beta", 0.75f), n.Float("bias", 1f)), ShapeOf(0), Value(0));
                    break;
                }
                case "Resize":
                {
                    var (factor, mode) = ResizeFactor(n, ShapeOf(0), Const(n.Inputs.Count == 2 ? 1 : 2), Const(3), Unsupported);
                    var s = ShapeOf(0);
                    Put(new Upsample(factor, mode), [s[0], s[1] * factor, s[2] * factor], Value(0));
                    break;
                }
                case "Relu": Put(new Relu(), ShapeOf(0), Value(0)); break;
                case "Sigmoid": Put(new Sigmoid(), ShapeOf(0), Value(0)); break;
                case "Tanh": Put(new Tanh(), ShapeOf(0), Value(0)); break;
                case "LeakyRelu": Put(new LeakyRelu(n.Float("alpha", 0.01f)), ShapeOf(0), Value(0)); break;
                case "Clip":
                {
                    float lo = Const(1)?.Floats.Single() ?? n.Float("min", float.MinValue), hi = Const(2)?.Floats.Single() ?? n.Float("max", float.MaxValue);
                    if (lo == 0 && hi == Relu6.Ceiling) Put(new Relu6(), ShapeOf(0), Value(0));
                    else if (lo == 0 && hi >= float.MaxValue) Put(new Relu(), ShapeOf(0), Value(0));
                    else throw Unsupported($"clip to [{lo}, {hi}]: only [0, 6] and [0, inf) are supported");
                    break;
                }
                case "MaxPool" or "AveragePool":
                {
                    var kernel = n.Ints("kernel_shape");
                    if (kernel.Length != 2 || kernel[0] != kernel[1]) throw Unsupported("only square 2-D windows are supported");
                    if (n.Int("ceil_mode", 0) != 0) throw Unsupported("ceil_mode = 1 is not supported");
                    var s = ShapeOf(0);
                    int k = (int)kernel[0], stride = Square(n.Ints("strides"), 1, Unsupported);
                    var padding = Pads(n, s, k, stride, 1, Unsupported);
                    if (n.OpType == "AveragePool" && n.Int("count_include_pad", 0) != 0 && n.Ints("pads").Any(p => p != 0))
                        throw Unsupported("count_include_pad = 1 with padding is not supported (the engine averages in-bounds cells only)");
                    var geo = ConvGeometry.Create(1, s[0], s[1], s[2], k, k, stride, stride, padding);
                    Layer pool = n.OpType == "MaxPool" ? new MaxPool2d(k, stride, padding) : new AvgPool2d(k, stride, padding);
                    Put(pool, [s[0], geo.OH, geo.OW], Value(0));
                    break;
                }
                case "GlobalAveragePool":
                    Put(new GlobalAvgPool(), [ShapeOf(0)[0]], Value(0));   // [N, C]; the [N, C, 1, 1] of ONNX is only ever flattened next
                    break;
                case "Flatten":
                    if (n.Int("axis", 1) != 1) throw Unsupported("only axis = 1 is supported");
                    if (ShapeOf(0).Length == 1) Alias(0);
                    else Put(new Flatten(), [ShapeMath.Count(ShapeOf(0))], Value(0));
                    break;
                case "Reshape":
                {
                    var target = Const(1) ?? throw Unsupported("the target shape must be a constant");
                    var dims = target.Int64s.Skip(1).Select(d => (int)d).ToArray();
                    if (target.Int64s.Length == 0 || dims.Length == 0) throw Unsupported("the target shape must keep the batch axis first");
                    if (dims.Length == 1) { if (ShapeOf(0).Length == 1) Alias(0); else Put(new Flatten(), [ShapeMath.Count(ShapeOf(0))], Value(0)); }
                    else
                    {
                        var r = new Reshape(dims);
                        int per = ShapeMath.Count(ShapeOf(0)), known = dims.Where(d => d > 0).Aggregate(1, (a, d) => a * d);
                        Put(r, dims.Select(d => d == -1 ? per / known : d).ToArray(), Value(0));
                    }
                    break;
                }
                case "Add" or "Sum":
                    if (n.Inputs.Any(i => constants.ContainsKey(i))) throw Unsupported("adding a constant is not supported");
                    Put(new Ops.Add(), ShapeOf(0), n.Inputs.Select((_, i) => Value(i)).ToArray());
                    break;
                case "Concat":
                {
                    long axis = n.Int("axis", 1);
                    if (axis != 1 && axis != -ShapeOf(0).Length - 1) throw Unsupported($"concatenation on axis {axis}: only the channel axis is supported");
                    var ins = n.Inputs.Select((_, i) => Value(i)).ToArray();
                    Put(new Concat(), [n.Inputs.Sum(i => shapes[i][0]), .. ShapeOf(0)[1..]], ins);
                    break;
                }
                case "Mul" or "Div":
                {
                    var c = Const(1) ?? Const(0);
                    if (c is not null)
                    {
                        if (c.Floats.Length != 1) throw Unsupported("only scalar constants are supported");
                        int x = Const(1) is null ? 1 : 0;
                        if (n.OpType == "Div" && x != 0) throw Unsupported("dividing a constant by a value is not supported");
                        Put(new Rescale(n.OpType == "Div" ? 1 / c.Floats[0] : c.Floats[0]), ShapeOf(x), Value(x));
                    }
                    else if (n.OpType == "Mul" && ShapeOf(0).Length == 3 && ShapeMath.Count(ShapeOf(1)) == ShapeOf(0)[0])
                        Put(new ChannelMultiply(), ShapeOf(0), Value(0), Value(1));
                    else throw Unsupported("only per-channel scaling of a feature map or scaling by a constant is supported");
                    break;
                }
                case "Unsqueeze" or "Squeeze":
                    Alias(0);   // [N, C] <-> [N, C, 1, 1] around squeeze-and-excitation: the engine's per-channel scale takes either
                    shapes[n.Outputs[0]] = ShapeOf(0);
                    break;
                case "Softmax":
                    if (ShapeOf(0).Length != 1) throw Unsupported("softmax over a feature map is not supported");
                    Put(new Softmax(), ShapeOf(0), Value(0));
                    break;
                default:
                    throw Unsupported("operator not supported");
            }
        }
        var output = g.Outputs.Count > 0 && values.TryGetValue(g.Outputs[0].Name, out var o) ? o : last ?? throw new OnnxFormatException("the graph computes nothing");
        model.Build(backend, 0, output);
        foreach (var load in loads) load();
        model.Training = false;
        return model;
    }

    private static string Unique(Model model, string name)
    {
        var taken = model.Layers.Select(l => l.Name).ToHashSet();
        string candidate = name;
        for (int i = 2; taken.Contains(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }

    private static int Square(long[] values, int fallback, Func<string, OnnxFormatException> error)
    {
        if (values.Length == 0) return fallback;
        if (values.Length != 2 || values[0] != values[1]) throw error($"[{string.Join(", ", values)}]: only equal height and width settings are supported");
        return (int)values[0];
    }

    /// <summary>A KH x KW convolution (Inception v3's 1x7 and 7x1): group 1, no bias, no dilation, symmetric pads per axis.</summary>
    private static (RectConv2d Layer, int[] Shape) RectConv(OnnxNode n, OnnxTensor w, int[] shape, bool bias, Func<string, OnnxFormatException> error)
    {
        if (bias || n.Int("group", 1) != 1 || n.Ints("dilations").Any(d => d != 1))
            throw error($"weight dims [{string.Join(", ", w.Dims)}]: rectangular kernels are supported without bias, groups or dilation");
        if (n.Attribute("auto_pad")?.S is { } autoPad && autoPad is not ("NOTSET" or "")) throw error($"auto_pad {autoPad} is not supported");
        var p = n.Ints("pads");
        if (p.Length is not (0 or 4) || p.Length == 4 && (p[0] != p[2] || p[1] != p[3])) throw error($"pads [{string.Join(", ", p)}]: rectangular kernels need symmetric pads");
        int kh = (int)w.Dims[2], kw = (int)w.Dims[3], stride = Square(n.Ints("strides"), 1, error);
        int padH = p.Length == 0 ? 0 : (int)p[0], padW = p.Length == 0 ? 0 : (int)p[1];
        var geo = ConvGeometry.Create(1, shape[0], shape[1], shape[2], kh, kw, stride, stride, Padding.Explicit(padH, padW));
        return (new RectConv2d((int)w.Dims[0], kh, kw, stride, padH, padW), [(int)w.Dims[0], geo.OH, geo.OW]);
    }

    /// <summary>
    /// The engine's upsampling for a Resize node: the same integer factor on both spatial axes (from scales, or from
    /// sizes in opset 11+), nearest sampling that picks floor(o / factor) (asymmetric + floor; half-pixel centres with
    /// rounding pick the same pixel at integer factors), or linear sampling with half-pixel centres.
    /// </summary>
    private static (int Factor, UpsampleMode Mode) ResizeFactor(OnnxNode n, int[] shape, OnnxTensor? scales, OnnxTensor? sizes, Func<string, OnnxFormatException> error)
    {
        if (shape.Length != 3) throw error("only [N, C, H, W] inputs are supported");
        float fh, fw;
        if (scales is not null && scales.Floats.Length == 4) { if (scales.Floats[0] != 1 || scales.Floats[1] != 1) throw error("only spatial scaling is supported"); (fh, fw) = (scales.Floats[2], scales.Floats[3]); }
        else if (sizes is not null && sizes.Int64s.Length == 4)
        {
            if (sizes.Int64s[1] != shape[0]) throw error("only spatial scaling is supported");
            (fh, fw) = ((float)sizes.Int64s[2] / shape[1], (float)sizes.Int64s[3] / shape[2]);
        }
        else throw error("the scales or sizes must be a constant of four values");
        if (fh != fw || fh < 1 || fh != MathF.Floor(fh)) throw error($"scales {fh} x {fw}: only the same integer factor on both axes is supported");
        string mode = n.Attribute("mode")?.S ?? "nearest", coordinates = n.Attribute("coordinate_transformation_mode")?.S ?? "half_pixel";
        string nearest = n.Attribute("nearest_mode")?.S ?? "round_prefer_floor";
        bool halfPixel = coordinates is "half_pixel" or "pytorch_half_pixel";
        if (mode == "nearest" && (coordinates == "asymmetric" && nearest == "floor" || halfPixel && nearest is "round_prefer_floor" or "round_prefer_ceil"))
            return ((int)fh, UpsampleMode.Nearest);
        if (mode == "linear" && halfPixel) return ((int)fh, UpsampleMode.Bilinear);
        throw error($"mode {mode} with coordinate_transformation_mode {coordinates}" + (mode == "nearest" ? $" and nearest_mode {nearest}" : "") + " is not supported");
    }

    /// <summary>ONNX pads [top, left, bottom, right] as the engine's padding: symmetric, or TensorFlow 'same' when they match it.</summary>
    private static Padding Pads(OnnxNode n, int[] shape, int k, int stride, int dilation, Func<string, OnnxFormatException> error)
    {
        string autoPad = n.Attribute("auto_pad")?.S ?? "NOTSET";
        if (autoPad is "SAME_UPPER") return Padding.Same;
        if (autoPad is "VALID") return Padding.Valid;
        if (autoPad is not ("NOTSET" or "")) throw error($"auto_pad {autoPad} is not supported");
        var p = n.Ints("pads");
        if (p.Length == 0 || p.All(v => v == 0)) return Padding.Valid;
        if (p.Length != 4) throw error($"pads [{string.Join(", ", p)}]: 2-D pads need four values");
        if (p[0] == p[2] && p[1] == p[3]) return Padding.Explicit((int)p[0], (int)p[1]);
        var same = ConvGeometry.Create(1, shape[0], shape[1], shape[2], k, k, stride, stride, Padding.Same, dilation, dilation);
        if (p[0] == same.PadTop && p[1] == same.PadLeft && p[2] == same.PadBottom && p[3] == same.PadRight) return Padding.Same;
        throw error($"pads [{string.Join(", ", p)}] are neither symmetric nor TensorFlow 'same'");
    }

    private static void Copy(OnnxTensor from, Tensor to)
    {
        if (from.Floats.Length != to.Length)
            throw new OnnxFormatException($"initializer '{from.Name}' holds {from.Floats.Length} values, layer tensor '{to.Name}' {ShapeMath.Format(to.Shape)} needs {to.Length}");
        from.Floats.CopyTo(to.Span);
    }
}
