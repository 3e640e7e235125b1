namespace Pilot.Vision.Data.Idx;

/// <summary>
/// Fashion-MNIST (Zalando; 60,000 training and 10,000 test 28×28 grey images in 10 classes), read from the IDX
/// files of Debian's <c>dataset-fashion-mnist</c> package or any folder holding the same file names, gzip or raw.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's package installs it.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    public static readonly IReadOnlyList<string> ClassNames =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    /// <summary>Both splits; images [N, 1, 28, 28] scaled to 0..1.</summary>
    public static (ImageSet Train, ImageSet Test) Load(string directory = DebianDirectory) =>
        (LoadSplit(directory, "train"), LoadSplit(directory, "t10k"));

    /// <summary>One split by its file prefix: "train" or "t10k".</summary>
    public static ImageSet LoadSplit(string directory, string prefix) =>
        MnistFormat.ToImageSet(
            IdxReader.Read(Find(directory, $"{prefix}-images-idx3-ubyte")),
            IdxReader.Read(Find(directory, $"{prefix}-labels-idx1-ubyte")),
            ClassNames);

    private static string Find(string directory, string stem)
    {
        foreach (string name in (ReadOnlySpan<string>)[stem + ".gz", stem])
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"neither {stem}.gz nor {stem} found in {directory} (Debian package dataset-fashion-mnist)");
    }
}
