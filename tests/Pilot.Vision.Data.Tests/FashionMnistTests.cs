using Pilot.Vision.Data.Idx;

namespace Pilot.Vision.Data.Tests;

public class FashionMnistTests
{
    [SkippableFact]
    public void LoadsBothSplitsFromTheDebianPackage()
    {
        Skip.IfNot(Directory.Exists(FashionMnist.DebianDirectory), "dataset-fashion-mnist is not installed (./test.sh installs it)");
        var (train, test) = FashionMnist.Load();

        Assert.Equal((60000, 1, 28, 28), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal((10000, 1, 28, 28), (test.Count, test.Channels, test.Height, test.Width));
        Assert.Equal(60000 * 784, train.Images.Length);
        // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class.
        Assert.All(train.Labels.CountBy(l => l), p => Assert.Equal(6000, p.Value));
        Assert.All(test.Labels.CountBy(l => l), p => Assert.Equal(1000, p.Value));
        Assert.Equal(10, train.Labels.Distinct().Count());
        Assert.Equal(9, test.Labels[0]);   // the first test image is an ankle boot
        Assert.Equal("Ankle boot", test.ClassNames[9]);
        Assert.Equal(0f, train.Images.Min());
        Assert.Equal(1f, train.Images.Max());

        var raw = IdxReader.Read(Path.Combine(FashionMnist.DebianDirectory, "t10k-images-idx3-ubyte.gz"));
        for (int i = 0; i < 784; i++) Assert.Equal(raw.Data[5 * 784 + i] / 255f, test.Image(5)[i]);
    }

    [Fact]
    public void MissingFolderNamesTheFilesAndPackage()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("dataset-fashion-mnist", e.Message);
    }
}
