using Pilot.Vision.Backends;
using Pilot.Vision.Init;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Models;

/// <summary>
/// One operation of a model with its forward and backward pass. A layer is built once for fixed input shapes
/// (batch included): it declares its parameters and the tensors it keeps, and returns its output shape. Backward
/// OVERWRITES the input gradients it is given (null where no gradient is needed) and its parameter gradients.
/// </summary>
public abstract class Layer
{
    private readonly List<Parameter> _parameters = [];
    private readonly List<Tensor> _buffers = [];
    private IBackend? _backend;

    /// <summary>Unique within a model; the model names unnamed layers "&lt;kind&gt;_&lt;n&gt;".</summary>
    public string Name { get; set; } = "";

    /// <summary>A frozen layer keeps its parameters: no gradient, no update (backward still passes gradients through).</summary>
    public bool Frozen { get; set; }

    /// <summary>Training mode (dropout active, batch statistics) or evaluation mode; set by the model.</summary>
    public bool Training { get; internal set; } = true;

    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Non-trainable state saved with the parameters (batch-norm running statistics).</summary>
    public IReadOnlyList<Tensor> Buffers => _buffers;

    public virtual string Kind => GetType().Name;

    protected IBackend Backend => _backend ?? throw new InvalidOperationException($"layer '{Name}' is not built");

    public long ParameterCount => _parameters.Sum(p => (long)p.Value.Length);

    internal int[] Build(IReadOnlyList<int[]> inputShapes, BuildContext ctx)
    {
        if (_backend is not null) throw new InvalidOperationException($"layer '{Name}' is already built (a layer belongs to one model)");
        _backend = ctx.Backend;
        return OnBuild(inputShapes, ctx);
    }

    /// <summary>Checks input shapes, requests tensors, and returns the output shape [N, ...].</summary>
    protected abstract int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx);

    public abstract void Forward(Tensor[] inputs, Tensor output);

    public abstract void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs);

    protected Parameter AddParameter(BuildContext ctx, string name, int[] shape, IInitializer init, int fanIn, int fanOut, bool decays)
    {
        var p = new Parameter(this, $"{Name}.{name}", ctx.Parameters.Request($"{Name}.{name}", shape),
            ctx.Gradients.Request($"{Name}.{name}.grad", shape), init, fanIn, fanOut, decays);
        _parameters.Add(p);
        return p;
    }

    /// <summary>Makes a sub-layer's parameters and buffers this layer's own (composite layers such as separable convolution).</summary>
    protected void Adopt(Layer child)
    {
        _parameters.AddRange(child._parameters);
        _buffers.AddRange(child._buffers);
    }

    /// <summary>Builds a sub-layer inside this one, named "&lt;this&gt;.&lt;suffix&gt;".</summary>
    protected int[] BuildChild(Layer child, string suffix, int[] inputShape, BuildContext ctx)
    {
        child.Name = $"{Name}.{suffix}";
        var shape = child.Build([inputShape], ctx);
        Adopt(child);
        return shape;
    }

    protected Tensor AddBuffer(BuildContext ctx, string name, int[] shape)
    {
        var t = ctx.Buffers.Request($"{Name}.{name}", shape);
        _buffers.Add(t);
        return t;
    }

    /// <summary>Sets buffers to their initial values after allocation (running variance starts at 1).</summary>
    internal virtual void InitializeBuffers() { }

    protected static void Expect(bool condition, string layer, string message)
    {
        if (!condition) throw new ArgumentException($"layer '{layer}': {message}");
    }

    protected static void ExpectInputs(IReadOnlyList<int[]> inputs, int count, int rank, string layer)
    {
        Expect(inputs.Count == count, layer, $"expects {count} input(s), got {inputs.Count}");
        foreach (var s in inputs)
            Expect(rank == 0 || s.Length == rank, layer, $"expects rank-{rank} input, got {ShapeMath.Format(s)}");
    }
}
