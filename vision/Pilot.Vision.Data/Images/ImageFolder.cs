namespace Pilot.Vision.Data.Images;

/// <summary>
/// A labelled image set from a folder with one sub-folder per class (as Keras' image_dataset_from_directory):
/// classes are the sub-folder names in ordinal order, images their PNG/JPEG files in ordinal order, each decoded
/// once and resized to one size into a single contiguous <see cref="ImageSet"/>.
/// </summary>
public static class ImageFolder
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    public static ImageSet Load(string root, int height, int width, int channels = 3)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"image folder not found: {root}");
        string[] classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0) throw new DataFormatException(root, -1, "no class sub-folders (expected one sub-folder per class)");

        var files = new List<(string Path, int Label)>();
        for (int label = 0; label < classes.Length; label++)
            files.AddRange(Directory.GetFiles(Path.Combine(root, classes[label]))
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).Select(f => (f, label)));
        if (files.Count == 0) throw new DataFormatException(root, -1, $"no .png/.jpg/.jpeg files in the class folders {string.Join(", ", classes)}");

        int size = channels * height * width;
        var images = new float[(long)files.Count * size];
        var labels = new int[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            ImageFile.LoadRgb(files[i].Path, width, height).ToChw(images.AsSpan(i * size, size), channels);
            labels[i] = files[i].Label;
        }
        return new ImageSet(images, labels, channels, height, width, classes);
    }
}
