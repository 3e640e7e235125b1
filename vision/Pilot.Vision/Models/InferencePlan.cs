using Pilot.Vision.Backends;
using Pilot.Vision.Ops;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Models;

/// <summary>
/// A built model compiled for inference, with the graph fusions every inference engine makes (ONNX Runtime's basic
/// level): a batch norm after a convolution is folded into the convolution's weights and bias, a rescale of the input
/// into the first convolution's weights, and the activation after a convolution or dense layer runs in the same pass as
/// its bias. A convolution over few input channels (a stem) runs as a direct convolution instead of im2col + GEMM. The
/// lane network's 58 layer passes become 20 steps, most of its tensors are never written, and batch-norm
/// statistics are not recomputed per frame.
/// <para>
/// Steps write into the model's own output tensors, so <see cref="Model.Output"/> holds the result of <see cref="Run"/>.
/// Folded weights are copies taken at <see cref="Compile"/>: compile again after the weights change. Layers without a
/// fusion run their own evaluation-mode forward, so any model compiles and gives the results of
/// <see cref="Model.Forward"/> in evaluation mode (up to float rounding of the folded products).
/// </para>
/// </summary>
public sealed class InferencePlan
{
    /// <summary>
    /// Convolutions whose taps per output (input channels × kernel area) are at most this run as direct convolutions: a
    /// stem over 3–12 channels, where im2col's columns would be ~10× the input. Deeper ones are GEMM-shaped work.
    /// </summary>
    public const int DirectConvMaxDepth = 256;

    private readonly Action[] _steps;

    private InferencePlan(Action[] steps, IReadOnlyList<string> description)
    {
        _steps = steps;
        Description = description;
    }

    /// <summary>One line per step: the layers it runs, "+" between fused ones.</summary>
    public IReadOnlyList<string> Description { get; }

    /// <summary>Runs the model on <see cref="Model.Input"/>; the result is in <see cref="Model.Output"/>.</summary>
    public void Run()
    {
        foreach (var step in _steps) step();
    }

    /// <summary>Compiles <paramref name="model"/> (built, and switched to evaluation mode here) into fused steps.</summary>
    public static InferencePlan Compile(Model model)
    {
        if (!model.IsBuilt) throw new InvalidOperationException("the model is not built: call Build(backend) first");
        model.Training = false;
        var nodes = model.Nodes;
        int last = model.OutputNode.Index;
        // A node can be fused into the one that reads it only when nothing else reads it (nor the caller, as the output).
        var readers = new int[nodes.Count];
        for (int i = 1; i <= last; i++)
            foreach (var input in nodes[i].Inputs) readers[input.Index]++;
        readers[last]++;
        Node? SoleReader(Node n, int position) =>
            readers[n.Index] == 1 && position + 1 <= last && nodes[position + 1].Inputs is [var only] && only == n ? nodes[position + 1] : null;

        var steps = new List<Action>();
        var description = new List<string>();
        for (int i = 1; i <= last; i++)
        {
            var node = nodes[i];
            var names = new List<string> { node.Layer!.Name };
            float inputScale = 1;
            var x = node.InputTensors[0];   // a rescale folded below: the convolution reads the rescale's input
            if (node.Layer is Rescale rescale && SoleReader(node, i) is { Layer: Conv2d } conv)
            {
                inputScale = rescale.Scale;   // conv(s x) = s conv(x): zero padding stays zero
                node = conv; i++;
                names.Add(node.Layer!.Name);
            }
            switch (node.Layer)
            {
                case Conv2d c:
                {
                    var (w, b) = FoldConvolution(c, inputScale, ref node, ref i, nodes, SoleReader, names);
                    var (act, alpha) = FuseActivation(ref node, ref i, SoleReader, names);
                    var g = c.Geometry; var y = node.Output; var backend = model.Backend;
                    if (c.Groups == 1 && g.Taps > 1 && g.C * g.Taps <= DirectConvMaxDepth)
                        steps.Add(() => backend.DirectConvForward(x.Span, w, b, y.Span, g, c.OutChannels, act, alpha));
                    else
                        steps.Add(() =>
                        {
                            c.Convolve(x.Span, w, y.Span);
                            backend.AddChannelBias(y.Span, b, g.N, c.OutChannels, g.OutputPlane, act, alpha);
                        });
                    break;
                }
                case Dense d:
                {
                    var b = d.Bias is { } bias ? bias.Value.Span.ToArray() : new float[d.Units];
                    var (act, alpha) = FuseActivation(ref node, ref i, SoleReader, names);
                    var y = node.Output; int n = model.Batch; var backend = model.Backend;
                    steps.Add(() =>
                    {
                        d.Multiply(x.Span, y.Span);
                        backend.AddChannelBias(y.Span, b, n, d.Units, 1, act, alpha);
                    });
                    break;
                }
                default:
                {
                    var layer = node.Layer!; var inputs = node.InputTensors; var y = node.Output;
                    steps.Add(() => layer.Forward(inputs, y));
                    break;
                }
            }
            description.Add(string.Join(" + ", names));
        }
        return new InferencePlan([.. steps], description);
    }

    /// <summary>
    /// The convolution's weights times the input scale, and times a following batch norm's per-channel scale, with that
    /// norm's shift as the bias: w' [co] = s [co] w [co] inputScale, b' [co] = s [co] b [co] + t [co].
    /// </summary>
    private static (float[] Weight, float[] Bias) FoldConvolution(Conv2d conv, float inputScale, ref Node node, ref int position,
        IReadOnlyList<Node> nodes, Func<Node, int, Node?> soleReader, List<string> names)
    {
        int cout = conv.OutChannels;
        var w = conv.Weight.Value.Span.ToArray();
        var b = conv.Bias is { } bias ? bias.Value.Span.ToArray() : new float[cout];
        int perChannel = w.Length / cout;
        for (int k = 0; k < w.Length; k++) w[k] *= inputScale;
        if (soleReader(node, position) is { Layer: BatchNorm norm } next)
        {
            var scale = new float[cout]; var shift = new float[cout];
            norm.EvaluationAffine(scale, shift);
            for (int co = 0; co < cout; co++)
            {
                foreach (ref float v in w.AsSpan(co * perChannel, perChannel)) v *= scale[co];
                b[co] = scale[co] * b[co] + shift[co];
            }
            node = next; position++;
            names.Add(norm.Name);
        }
        return (w, b);
    }

    private static (ActivationKind Kind, float Alpha) FuseActivation(ref Node node, ref int position, Func<Node, int, Node?> soleReader, List<string> names)
    {
        if (soleReader(node, position) is not { Layer: Activation a } next) return (ActivationKind.Identity, 0);
        node = next; position++;
        names.Add(a.Name);
        return (a.Function, a.Alpha);
    }
}
