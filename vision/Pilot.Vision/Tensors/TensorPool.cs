namespace Pilot.Vision.Tensors;

/// <summary>
/// Hands out tensors while a model is built, then allocates all of them as views into ONE pinned block (llm.c's
/// single parameter/activation allocation). After <see cref="Allocate"/> no tensor can be added, so the hot path
/// never allocates. A shared scratch area, sized to the largest request, serves layers' temporaries (im2col
/// columns, transposed gradients) that do not outlive one layer call.
/// </summary>
public sealed class TensorPool(string name)
{
    private const int AlignFloats = 16;  // tensor starts rounded to 64 bytes (one Vector512) so tensors never share a vector
    private readonly List<Tensor> _tensors = [];
    private int _scratchFloats;
    private Tensor? _scratch;
    private float[]? _block;

    public string Name { get; } = name;
    public bool IsAllocated => _block is not null;
    public IReadOnlyList<Tensor> Tensors => _tensors;

    /// <summary>Total floats held (after allocation), including alignment and scratch.</summary>
    public long Floats => _block?.Length ?? 0;

    public Tensor Request(string name, params int[] shape)
    {
        EnsureOpen(name);
        var t = new Tensor(name, shape);
        _tensors.Add(t);
        return t;
    }

    /// <summary>Reserves at least <paramref name="floats"/> of shared scratch; read it as <see cref="Scratch"/> after allocation.</summary>
    public void RequestScratch(int floats)
    {
        EnsureOpen("scratch");
        _scratchFloats = Math.Max(_scratchFloats, floats);
    }

    /// <summary>The shared scratch area: valid only within one layer call; contents are undefined on entry.</summary>
    public Span<float> Scratch => _scratch is null ? throw new InvalidOperationException($"pool '{Name}' has no scratch: allocate it first") : _scratch.Span;

    public void Allocate()
    {
        if (_block is not null) throw new InvalidOperationException($"pool '{Name}' is already allocated");
        if (_scratchFloats > 0) { _scratch = new Tensor(Name + ".scratch", [_scratchFloats]); _tensors.Add(_scratch); }
        long total = 0;
        foreach (var t in _tensors) total += Align(t.Length);
        if (total > Array.MaxLength) throw new InvalidOperationException($"pool '{Name}' needs {total} floats, more than one array can hold");
        _block = GC.AllocateArray<float>((int)Math.Max(total, 1), pinned: true);
        int offset = 0;
        foreach (var t in _tensors) { t.Bind(_block, offset); offset += Align(t.Length); }
    }

    private static int Align(int n) => (n + AlignFloats - 1) / AlignFloats * AlignFloats;

    private void EnsureOpen(string what)
    {
        if (_block is not null)
            throw new InvalidOperationException($"pool '{Name}' is already allocated: cannot add '{what}' (shapes are fixed once a model is built)");
    }
}
