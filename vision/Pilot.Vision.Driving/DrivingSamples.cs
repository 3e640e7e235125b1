using Pilot.Vision.Scenes;
using Pilot.Vision.Scenes.Dataset;

namespace Pilot.Vision.Driving;

/// <summary>Where training samples come from: model inputs ([12, 128, 256] bytes) and label vectors by index.
/// Implementations are safe to call from several threads at once.</summary>
public interface IDrivingSamples
{
    /// <summary>Samples available (<see cref="long.MaxValue"/> for a generator).</summary>
    long Count { get; }

    void Read(long index, Span<byte> input, Span<float> labels);
}

/// <summary>Samples rendered on the fly by the scene generator for (seed, index).</summary>
public sealed class GeneratedSamples(ulong seed) : IDrivingSamples, IDisposable
{
    private readonly ThreadLocal<SampleGenerator> _generators = new(() => new SampleGenerator());

    public ulong Seed => seed;
    public long Count => long.MaxValue;

    public void Read(long index, Span<byte> input, Span<float> labels)
    {
        var (_, sceneLabels) = _generators.Value!.Generate(seed, index, input);
        LabelVector.Write(sceneLabels, labels);
    }

    public void Dispose() => _generators.Dispose();
}

/// <summary>Samples of a data set written by <c>pilot sim dataset</c>.</summary>
public sealed class StoredSamples : IDrivingSamples, IDisposable
{
    private readonly string _folder;
    private readonly ThreadLocal<DatasetReader> _readers;

    public StoredSamples(string folder)
    {
        _folder = folder;
        using var probe = new DatasetReader(folder);  // fails here, naming the problem, rather than in a worker
        Count = probe.Count;
        _readers = new ThreadLocal<DatasetReader>(() => new DatasetReader(_folder), trackAllValues: true);
    }

    public long Count { get; }

    public void Read(long index, Span<byte> input, Span<float> labels) => _readers.Value!.Read(checked((int)index), input, labels);

    public void Dispose()
    {
        foreach (var reader in _readers.Values) reader.Dispose();
        _readers.Dispose();
    }
}
