using Pilot.Vision.Data;
using Pilot.Vision.Scenes.Dataset;

namespace Pilot.Vision.Scenes.Tests;

public sealed class DatasetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pilot-dataset-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_written_data_set_reads_back_exactly_what_the_generator_makes()
    {
        DatasetWriter.Write(_folder, seed: 5, count: 3, first: 10, threads: 1);
        using var reader = new DatasetReader(_folder);
        Assert.Equal(3, reader.Count);
        var input = new byte[ModelInput.Size];
        var labels = new float[LabelVector.Length];
        var expected = new byte[ModelInput.Size];
        var expectedLabels = new float[LabelVector.Length];
        var generator = new SampleGenerator();
        for (int i = 0; i < 3; i++)
        {
            reader.Read(i, input, labels);
            var (_, sceneLabels) = generator.Generate(5, 10 + i, expected);
            LabelVector.Write(sceneLabels, expectedLabels);
            Assert.Equal(expected, input);
            Assert.Equal(expectedLabels, labels);
        }
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void A_flipped_byte_is_reported_with_the_shard_and_offset()
    {
        DatasetWriter.Write(_folder, seed: 1, count: 2, threads: 1);
        string shard = Path.Combine(_folder, ShardFormat.ShardName(0));
        var bytes = File.ReadAllBytes(shard);
        bytes[ShardFormat.HeaderSize + ShardFormat.RecordHeaderSize + 200] ^= 0x40;
        File.WriteAllBytes(shard, bytes);
        using var reader = new DatasetReader(_folder);
        var error = Assert.Throws<DataFormatException>(() => reader.Read(0, new byte[ModelInput.Size], new float[LabelVector.Length]));
        Assert.Equal(shard, error.File);
        Assert.Equal(ShardFormat.HeaderSize + ShardFormat.RecordHeaderSize, error.Offset);
        reader.Read(1, new byte[ModelInput.Size], new float[LabelVector.Length]);  // the other sample is intact
    }

    [Fact]
    public void A_truncated_shard_is_refused_at_open()
    {
        DatasetWriter.Write(_folder, seed: 1, count: 2, threads: 1);
        string shard = Path.Combine(_folder, ShardFormat.ShardName(0));
        var bytes = File.ReadAllBytes(shard);
        File.WriteAllBytes(shard, bytes[..(bytes.Length - 100)]);
        var error = Assert.Throws<DataFormatException>(() => new DatasetReader(_folder));
        Assert.Contains("record 1", error.Message);
    }
}
