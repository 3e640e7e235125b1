namespace Pilot.Vision.Data.Checkpoints;

/// <summary>A named float32 array with its shape (row-major); <see cref="Data"/> length is the shape's product.</summary>
public sealed class NamedTensor
{
    public string Name { get; }
    public int[] Shape { get; }
    public float[] Data { get; }

    public NamedTensor(string name, int[] shape, float[] data)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("a tensor needs a name", nameof(name));
        long elements = ElementCount(shape);
        if (data.Length != elements)
            throw new ArgumentException($"tensor '{name}': {data.Length} values do not match shape {Format(shape)} ({elements} elements)");
        Name = name;
        Shape = shape;
        Data = data;
    }

    public static long ElementCount(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"shape {Format(shape)} has a negative dimension");
            n *= d;
        }
        return n;
    }

    public static string Format(ReadOnlySpan<int> shape) => $"[{string.Join(", ", shape.ToArray())}]";
}

/// <summary>A tensor a model expects to find in a checkpoint: its name and shape.</summary>
public sealed record TensorSpec(string Name, int[] Shape);

/// <summary>A checkpoint's metadata and tensor table, without the tensor data.</summary>
public sealed record CheckpointHeader(IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<TensorSpec> Tensors);
