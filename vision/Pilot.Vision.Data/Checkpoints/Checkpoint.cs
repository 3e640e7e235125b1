namespace Pilot.Vision.Data.Checkpoints;

/// <summary>
/// Named float32 arrays with shapes (weights, optimiser state, running statistics: all just named arrays) and a
/// small string metadata dictionary (epoch, step, metric, ...), saved atomically in a checksummed binary format
/// (<see cref="CheckpointFormat"/>). Tensors keep the order they were added in.
/// </summary>
public sealed class Checkpoint
{
    private readonly List<NamedTensor> _tensors = [];
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<NamedTensor> Tensors => _tensors;

    /// <summary>The file this was loaded from (for error messages), or null when built in memory.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Adds a tensor; the array is kept by reference, not copied.</summary>
    public NamedTensor Add(string name, int[] shape, float[] data)
    {
        var tensor = new NamedTensor(name, shape, data);
        if (!_byName.TryAdd(name, _tensors.Count)) throw new ArgumentException($"tensor '{name}' is already in the checkpoint", nameof(name));
        _tensors.Add(tensor);
        return tensor;
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public NamedTensor this[string name] => _byName.TryGetValue(name, out int i)
        ? _tensors[i]
        : throw new KeyNotFoundException($"{SourceFile ?? "checkpoint"}: no tensor '{name}' (it has {_tensors.Count}: {string.Join(", ", _tensors.Take(8).Select(t => t.Name))}{(_tensors.Count > 8 ? ", ..." : "")})");

    /// <summary>
    /// Checks that the checkpoint holds exactly the <paramref name="expected"/> tensors (names and shapes, any order);
    /// the error names the first missing, extra or differently shaped tensor.
    /// </summary>
    public void Verify(IEnumerable<TensorSpec> expected)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in expected)
        {
            seen.Add(spec.Name);
            if (!_byName.TryGetValue(spec.Name, out int i))
                throw Mismatch(spec.Name, $"missing: expected shape {NamedTensor.Format(spec.Shape)}");
            if (!_tensors[i].Shape.AsSpan().SequenceEqual(spec.Shape))
                throw Mismatch(spec.Name, $"shape {NamedTensor.Format(_tensors[i].Shape)} in the file, expected {NamedTensor.Format(spec.Shape)}");
        }
        foreach (var tensor in _tensors)
            if (!seen.Contains(tensor.Name))
                throw Mismatch(tensor.Name, $"not expected by the model (shape {NamedTensor.Format(tensor.Shape)})");
    }

    /// <summary>Copies tensor <paramref name="name"/> into <paramref name="destination"/> after checking its shape.</summary>
    public void CopyTo(string name, ReadOnlySpan<int> shape, Span<float> destination)
    {
        if (!_byName.TryGetValue(name, out int i)) throw Mismatch(name, $"missing: expected shape {NamedTensor.Format(shape)}");
        var tensor = _tensors[i];
        if (!tensor.Shape.AsSpan().SequenceEqual(shape))
            throw Mismatch(name, $"shape {NamedTensor.Format(tensor.Shape)} in the file, expected {NamedTensor.Format(shape)}");
        if (destination.Length != tensor.Data.Length)
            throw new ArgumentException($"destination holds {destination.Length} floats, tensor '{name}' {tensor.Data.Length}", nameof(destination));
        tensor.Data.CopyTo(destination);
    }

    /// <summary>Writes the checkpoint to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => CheckpointFormat.Write(stream, this));

    /// <summary>Reads and fully verifies a checkpoint (header and every tensor's checksum).</summary>
    public static Checkpoint Load(string path, CheckpointLimits? limits = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        byte[] file = File.ReadAllBytes(path);
        return new CheckpointReader(file, file.Length, path, limits ?? CheckpointLimits.Default).Read(withData: true).Checkpoint!;
    }

    /// <summary>Loads and checks the tensor list against what the model expects (see <see cref="Verify"/>).</summary>
    public static Checkpoint Load(string path, IEnumerable<TensorSpec> expected, CheckpointLimits? limits = null)
    {
        var checkpoint = Load(path, limits);
        checkpoint.Verify(expected);
        return checkpoint;
    }

    /// <summary>
    /// Reads only the metadata and the tensor table (both checksummed) without reading tensor data: for listing a
    /// file or resuming bookkeeping cheaply.
    /// </summary>
    public static CheckpointHeader ReadHeader(string path, CheckpointLimits? limits = null)
    {
        limits ??= CheckpointLimits.Default;
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var prefix = new byte[CheckpointFormat.FixedLength];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        uint headerLength = got == prefix.Length ? BitConverter.ToUInt32(prefix, 12) : 0;
        // Read at most the declared header (bounded by the limit); the reader reports any shortfall precisely.
        var bytes = new byte[CheckpointFormat.FixedLength + Math.Min(headerLength, (uint)limits.MaxHeaderBytes)];
        stream.Position = 0;
        got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return new CheckpointReader(bytes.AsSpan(0, got), stream.Length, path, limits).Read(withData: false).Header;
    }

    private DataFormatException Mismatch(string tensor, string problem) => new(SourceFile ?? "checkpoint", -1, problem, tensor);
}
