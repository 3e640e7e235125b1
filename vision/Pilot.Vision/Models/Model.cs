using System.Globalization;
using System.Text;
using Pilot.Vision.Backends;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Models;

/// <summary>
/// A model as a graph of layers over one input (branches and merges allowed: residual, Inception). Nodes are added
/// in topological order; <see cref="Build"/> fixes every shape for the batch size, requests all tensors and allocates
/// them once, so <see cref="Forward"/> and <see cref="Backward"/> never allocate. Backward assumes the loss has
/// written d loss / d output into <see cref="OutputGrad"/>.
/// </summary>
public class Model
{
    private readonly List<Node> _nodes = [];
    private BuildContext? _ctx;
    private Node? _output;
    private bool _training = true;

    public Model(int batch, params int[] sampleShape)
    {
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch size must be positive");
        Batch = batch;
        InputNode = new Node(this, null, [], 0) { Shape = [batch, .. sampleShape] };
        ShapeMath.Count(InputNode.Shape);
        _nodes.Add(InputNode);
    }

    public int Batch { get; }
    public Node InputNode { get; }
    public IReadOnlyList<Node> Nodes => _nodes;
    public IEnumerable<Layer> Layers => _nodes.Where(n => n.Layer is not null).Select(n => n.Layer!);
    public bool IsBuilt => _ctx is not null;

    public Tensor Input => _ctx is null ? throw NotBuilt() : InputNode.Output;
    public Tensor Output => OutputNode.Output;
    internal Node OutputNode => _output ?? throw NotBuilt();
    public Tensor OutputGrad => (_output ?? throw NotBuilt()).Grad;
    public IReadOnlyList<Parameter> Parameters { get; private set; } = [];
    public IReadOnlyList<Tensor> Buffers { get; private set; } = [];
    public IBackend Backend => Built.Backend;
    public long ParameterCount => Layers.Sum(l => l.ParameterCount);
    public long TrainableParameterCount => Parameters.Where(p => p.Trainable).Sum(p => (long)p.Value.Length);

    /// <summary>Bytes of the single allocation of each pool (activations, parameters, gradients, buffers).</summary>
    public long AllocatedBytes => _ctx is null ? 0 : 4 * (_ctx.Activations.Floats + _ctx.Parameters.Floats + _ctx.Gradients.Floats + _ctx.Buffers.Floats);

    /// <summary>Appends <paramref name="layer"/> applied to <paramref name="inputs"/> (the model input when none given).</summary>
    public Node Add(Layer layer, params Node[] inputs)
    {
        if (_ctx is not null) throw new InvalidOperationException("the model is built: its graph can no longer change");
        if (inputs.Length == 0) inputs = [_nodes[^1]];
        foreach (var i in inputs)
            if (i.Model != this) throw new ArgumentException($"layer '{layer.Name}': an input node belongs to another model");
        var node = new Node(this, layer, inputs, _nodes.Count);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Fixes shapes, allocates every tensor once and initialises parameters from <paramref name="seed"/>.</summary>
    public void Build(IBackend backend, int seed = 0, Node? output = null)
    {
        if (_ctx is not null) throw new InvalidOperationException("the model is already built");
        if (_nodes.Count < 2) throw new InvalidOperationException("the model has no layers");
        var ctx = new BuildContext(backend, seed);
        _output = output ?? _nodes[^1];
        var names = new HashSet<string>();
        var kindCounts = new Dictionary<string, int>();
        InputNode.Output = ctx.Activations.Request("input", InputNode.Shape);
        foreach (var node in _nodes.Skip(1))
        {
            var layer = node.Layer!;
            if (layer.Name.Length == 0)
            {
                kindCounts[layer.Kind] = kindCounts.GetValueOrDefault(layer.Kind) + 1;
                layer.Name = $"{layer.Kind.ToLowerInvariant()}_{kindCounts[layer.Kind]}";
            }
            if (!names.Add(layer.Name)) throw new ArgumentException($"two layers are named '{layer.Name}'");
            node.Shape = layer.Build(node.Inputs.Select(i => i.Shape).ToArray(), ctx);
            node.Output = ctx.Activations.Request(layer.Name + ".out", node.Shape);
            node.Grad = ctx.Activations.Request(layer.Name + ".grad", node.Shape);
            node.InputTensors = node.Inputs.Select(i => i.Output).ToArray();
        }
        // Gradient routing: a node read by several layers gets one gradient tensor per reader, summed before its own backward.
        var consumers = _nodes.ToDictionary(n => n, _ => new List<(Node Consumer, int Slot)>());
        foreach (var node in _nodes.Skip(1))
            for (int s = 0; s < node.Inputs.Length; s++) consumers[node.Inputs[s]].Add((node, s));
        foreach (var node in _nodes.Skip(1)) node.InputGrads = new Tensor?[node.Inputs.Length];
        foreach (var (producer, readers) in consumers)
        {
            if (producer == InputNode) continue;  // nobody needs d loss / d input
            if (readers.Count == 1) { readers[0].Consumer.InputGrads[readers[0].Slot] = producer.Grad; continue; }
            foreach (var (consumer, slot) in readers)
            {
                var edge = ctx.Activations.Request($"{producer.Layer!.Name}.grad.to.{consumer.Layer!.Name}.{slot}", producer.Shape);
                consumer.InputGrads[slot] = edge;
                producer.FanOutGrads.Add(edge);
            }
        }
        ctx.AllocateAll();
        Parameters = Layers.SelectMany(l => l.Parameters).ToArray();
        Buffers = Layers.SelectMany(l => l.Buffers).ToArray();
        foreach (var p in Parameters) p.Initializer.Fill(p.Value.Span, p.Value.Shape, p.FanIn, p.FanOut, ctx.Random);
        foreach (var l in Layers) l.InitializeBuffers();
        _ctx = ctx;
        SetTraining(_training);
    }

    /// <summary>Training mode (dropout on, batch statistics) or evaluation mode, for every layer.</summary>
    public bool Training
    {
        get => _training;
        set => SetTraining(value);
    }

    private void SetTraining(bool on)
    {
        _training = on;
        foreach (var l in Layers) l.Training = on;
    }

    public void Freeze(params string[] layerNames) => SetFrozen(layerNames, true);
    public void Unfreeze(params string[] layerNames) => SetFrozen(layerNames, false);

    private void SetFrozen(string[] layerNames, bool frozen)
    {
        foreach (var name in layerNames)
            (Layers.FirstOrDefault(l => l.Name == name) ?? throw new ArgumentException($"no layer named '{name}'")).Frozen = frozen;
    }

    public Layer Layer(string name) => Layers.FirstOrDefault(l => l.Name == name) ?? throw new ArgumentException($"no layer named '{name}'");

    /// <summary>Runs every layer on <see cref="Input"/>; the result is in <see cref="Output"/>.</summary>
    public void Forward()
    {
        _ = Built;
        for (int i = 1; i < _nodes.Count; i++)
        {
            var n = _nodes[i];
            n.Layer!.Forward(n.InputTensors, n.Output);
            if (n == _output) break;
        }
    }

    /// <summary>Back-propagates <see cref="OutputGrad"/> to every parameter gradient.</summary>
    public void Backward()
    {
        var backend = Built.Backend;
        for (int i = _output!.Index; i >= 1; i--)
        {
            var n = _nodes[i];
            if (n.FanOutGrads.Count > 0)
            {
                n.FanOutGrads[0].Span.CopyTo(n.Grad.Span);
                for (int k = 1; k < n.FanOutGrads.Count; k++) backend.Axpy(1f, n.FanOutGrads[k].Span, n.Grad.Span);
            }
            n.Layer!.Backward(n.InputTensors, n.Output, n.Grad, n.InputGrads);
        }
    }

    /// <summary>
    /// Median forward and backward time of every layer over <paramref name="repeats"/> runs, each layer re-run in place
    /// on the tensors of one full forward and backward pass (for finding where a step's time goes).
    /// </summary>
    public IReadOnlyList<(string Layer, double ForwardMs, double BackwardMs)> Profile(int repeats = 10)
    {
        Forward();
        Backward();
        var rows = new List<(string, double, double)>();
        var times = new double[repeats];
        double Median(Action run)
        {
            for (int i = 0; i < repeats; i++)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                run();
                times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
            Array.Sort(times);
            return times[repeats / 2];
        }
        for (int i = 1; i <= _output!.Index; i++)
        {
            var n = _nodes[i];
            rows.Add((n.Layer!.Name, Median(() => n.Layer.Forward(n.InputTensors, n.Output)),
                Median(() => n.Layer.Backward(n.InputTensors, n.Output, n.Grad, n.InputGrads))));
        }
        return rows;
    }

    /// <summary>A table of layers with output shapes and parameter counts, and the totals (as Keras prints).</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<(string Name, string Shape, string Params, string From)>
            { ("input", ShapeMath.Format(InputNode.Shape), "0", "") };
        foreach (var n in _nodes.Skip(1))
            rows.Add(($"{n.Layer!.Name} ({n.Layer.Kind}){(n.Layer.Frozen ? " [frozen]" : "")}", ShapeMath.Format(n.Shape),
                n.Layer.ParameterCount.ToString("N0", inv), string.Join(", ", n.Inputs.Select(i => i.Layer?.Name ?? "input"))));
        int w0 = rows.Max(r => r.Name.Length), w1 = rows.Max(r => r.Shape.Length), w2 = Math.Max(7, rows.Max(r => r.Params.Length));
        var sb = new StringBuilder();
        sb.AppendLine($"{"layer".PadRight(w0)}  {"output shape".PadRight(w1)}  {"params".PadLeft(w2)}  inputs");
        foreach (var r in rows) sb.AppendLine($"{r.Name.PadRight(w0)}  {r.Shape.PadRight(w1)}  {r.Params.PadLeft(w2)}  {r.From}");
        long total = ParameterCount, trainable = Layers.Where(l => !l.Frozen).Sum(l => l.ParameterCount);
        sb.AppendLine($"total parameters: {total.ToString("N0", inv)} (trainable {trainable.ToString("N0", inv)}, frozen {(total - trainable).ToString("N0", inv)})");
        return sb.ToString();
    }

    private BuildContext Built => _ctx ?? throw NotBuilt();

    private static InvalidOperationException NotBuilt() => new("the model is not built: call Build(backend) first");
}
