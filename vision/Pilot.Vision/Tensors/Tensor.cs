namespace Pilot.Vision.Tensors;

/// <summary>
/// A float32 tensor in host memory, row-major NCHW with explicit strides. Most tensors are views into one block
/// owned by a <see cref="TensorPool"/>: a model requests every tensor while it is built, the pool allocates once,
/// and training and inference then run without allocating. Shapes never change after creation.
/// </summary>
public sealed class Tensor
{
    private float[]? _block;   // the owning pool's block (or a private array), null until the pool allocates
    private int _offset;       // first element of this tensor inside _block

    public string Name { get; }
    public int[] Shape { get; }    // e.g. [N, C, H, W]
    public int[] Strides { get; }  // elements, row-major: Strides[^1] == 1
    public int Length { get; }     // product of Shape

    internal Tensor(string name, int[] shape)
    {
        Name = name;
        Shape = (int[])shape.Clone();
        Length = ShapeMath.Count(shape);
        Strides = ShapeMath.RowMajorStrides(shape);
    }

    /// <summary>A standalone tensor with its own zeroed storage (tests, inputs, small tools).</summary>
    public static Tensor Create(string name, params int[] shape)
    {
        var t = new Tensor(name, shape);
        t.Bind(new float[t.Length], 0);
        return t;
    }

    /// <summary>A standalone tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(string name, float[] values, params int[] shape)
    {
        var t = Create(name, shape);
        if (values.Length != t.Length)
            throw new ArgumentException($"tensor '{name}': {values.Length} values for shape {ShapeMath.Format(shape)} ({t.Length} elements)");
        values.CopyTo(t.Span);
        return t;
    }

    internal void Bind(float[] block, int offset) { _block = block; _offset = offset; }

    public bool IsAllocated => _block is not null;

    public Span<float> Span => _block is null
        ? throw new InvalidOperationException($"tensor '{Name}' {ShapeMath.Format(Shape)} is not allocated yet: build the model first")
        : _block.AsSpan(_offset, Length);

    public int Rank => Shape.Length;

    /// <summary>Dimension <paramref name="axis"/>; negative counts from the end.</summary>
    public int Dim(int axis) => Shape[axis < 0 ? Shape.Length + axis : axis];

    public ref float this[params int[] index]
    {
        get
        {
            if (index.Length != Shape.Length)
                throw new ArgumentException($"tensor '{Name}': {index.Length} indices for rank {Shape.Length}");
            int flat = 0;
            for (int i = 0; i < index.Length; i++)
            {
                if ((uint)index[i] >= (uint)Shape[i])
                    throw new IndexOutOfRangeException($"tensor '{Name}': index {index[i]} out of range 0..{Shape[i] - 1} on axis {i}");
                flat += index[i] * Strides[i];
            }
            return ref Span[flat];
        }
    }

    public float[] ToArray() => Span.ToArray();

    public override string ToString() => $"{Name} {ShapeMath.Format(Shape)}";
}
