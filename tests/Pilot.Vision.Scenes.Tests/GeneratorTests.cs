namespace Pilot.Vision.Scenes.Tests;

public class GeneratorTests
{
    [Fact]
    public void Generation_is_deterministic_per_seed_and_index()
    {
        var a = new byte[ModelInput.Size];
        var b = new byte[ModelInput.Size];
        var c = new byte[ModelInput.Size];
        var (_, la) = new SampleGenerator().Generate(42, 7, a);
        var (_, lb) = new SampleGenerator().Generate(42, 7, b);
        new SampleGenerator().Generate(42, 8, c);
        Assert.Equal(a, b);
        Assert.Equal(la.Path, lb.Path);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void The_two_frames_of_a_sample_differ_by_the_motion_between_them()
    {
        var input = new byte[ModelInput.Size];
        new SampleGenerator().Generate(3, 1, input);
        const int frame = ModelInput.ChannelsPerFrame * ModelInput.Height * ModelInput.Width;
        int differing = 0;
        for (int i = 0; i < frame; i++) if (input[i] != input[frame + i]) differing++;
        Assert.InRange(differing, frame / 100, frame - 1);
    }

    [Fact]
    public void Packing_splits_luma_into_its_four_phases_then_chroma()
    {
        var frame = new byte[512 * 256 * 3 / 2];
        for (int y = 0; y < 256; y++)
            for (int x = 0; x < 512; x++) frame[y * 512 + x] = (byte)((y % 2) * 2 + (x % 2) + 10);
        frame.AsSpan(512 * 256, 128 * 256).Fill(77);
        frame.AsSpan(512 * 256 + 128 * 256).Fill(99);
        var input = new byte[ModelInput.Size];
        ModelInput.PackI420(frame, input, 1);
        const int plane = 128 * 256, offset = 6 * plane;
        Assert.All(input[offset..(offset + plane)], v => Assert.Equal(10, v));                       // even row, even column
        Assert.All(input[(offset + plane)..(offset + 2 * plane)], v => Assert.Equal(12, v));         // odd row, even column
        Assert.All(input[(offset + 2 * plane)..(offset + 3 * plane)], v => Assert.Equal(11, v));     // even row, odd column
        Assert.All(input[(offset + 3 * plane)..(offset + 4 * plane)], v => Assert.Equal(13, v));
        Assert.All(input[(offset + 4 * plane)..(offset + 5 * plane)], v => Assert.Equal(77, v));
        Assert.All(input[(offset + 5 * plane)..(offset + 6 * plane)], v => Assert.Equal(99, v));
        Assert.All(input[..offset], v => Assert.Equal(0, v));                                         // slot 0 untouched
    }
}
