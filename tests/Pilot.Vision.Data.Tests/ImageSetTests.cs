namespace Pilot.Vision.Data.Tests;

public class ImageSetTests
{
    [Fact]
    public void SplitPartitionsTheImagesReproducibly()
    {
        var set = BatchLoaderTests.Indexed(100);   // every pixel of image i is i
        var (train, validation) = set.Split(0.2, seed: 5);
        Assert.Equal((80, 20), (train.Count, validation.Count));
        var trainIds = Enumerable.Range(0, 80).Select(i => (int)train.Image(i)[0]).ToArray();
        var validationIds = Enumerable.Range(0, 20).Select(i => (int)validation.Image(i)[3]).ToArray();
        Assert.Equal(Enumerable.Range(0, 100), trainIds.Concat(validationIds).Order());
        Assert.Equal(trainIds.Order(), trainIds);   // original relative order kept
        Assert.Equal(validationIds.Select(i => i % 10), validation.Labels);
        Assert.Equal(validationIds, Enumerable.Range(0, 20).Select(i => (int)set.Split(0.2, 5).Validation.Image(i)[0]));
        Assert.NotEqual(validationIds, Enumerable.Range(0, 20).Select(i => (int)set.Split(0.2, 6).Validation.Image(i)[0]));
    }

    [Fact]
    public void InconsistentArraysAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new ImageSet(new float[7], [0, 1], 1, 2, 2, ["a", "b"]));
        var e = Assert.Throws<ArgumentException>(() => new ImageSet(new float[8], [0, 2], 1, 2, 2, ["a", "b"]));
        Assert.Contains("label 2 of image 1", e.Message);
    }
}
