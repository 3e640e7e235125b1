namespace Pilot.Vision.Data.Idx;

/// <summary>Turns an MNIST-style pair of IDX arrays (images [N, H, W] uint8, labels [N] uint8) into an
/// <see cref="ImageSet"/>, checking that they belong together.</summary>
public static class MnistFormat
{
    public static ImageSet ToImageSet(IdxArray images, IdxArray labels, IReadOnlyList<string> classNames)
    {
        if (images.Shape.Length != 3)
            throw new DataFormatException(images.File, 3, $"images must have 3 dimensions [N, H, W], the file declares {images.Shape.Length}");
        if (labels.Shape.Length != 1)
            throw new DataFormatException(labels.File, 3, $"labels must have 1 dimension [N], the file declares {labels.Shape.Length}");
        if (images.Shape[0] != labels.Shape[0])
            throw new DataFormatException(labels.File, 4,
                $"{labels.Shape[0]} labels for {images.Shape[0]} images in {images.File}");
        var classes = new int[labels.Data.Length];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = labels.Data[i];
            if (classes[i] >= classNames.Count)
                throw new DataFormatException(labels.File, labels.DataOffset + i,
                    $"label {classes[i]} of image {i} is outside the {classNames.Count} classes");
        }
        return new ImageSet(ToUnitFloats(images.Data), classes, 1, images.Shape[1], images.Shape[2], classNames);
    }

    /// <summary>Bytes 0..255 to floats 0..1.</summary>
    public static float[] ToUnitFloats(ReadOnlySpan<byte> pixels)
    {
        var result = GC.AllocateUninitializedArray<float>(pixels.Length);
        for (int i = 0; i < pixels.Length; i++) result[i] = pixels[i] / 255f; // exact at 0 and 1, unlike multiplying by 1/255
        return result;
    }
}
