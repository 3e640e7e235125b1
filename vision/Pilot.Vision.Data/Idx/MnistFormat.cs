using System.Runtime.Intrinsics;

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

    /// <summary>Bytes 0..255 to floats 0..1 (value / 255, exactly as <see cref="ToUnitFloatsReference"/>).</summary>
    public static float[] ToUnitFloats(ReadOnlySpan<byte> pixels)
    {
        var result = GC.AllocateUninitializedArray<float>(pixels.Length);
        ToUnitFloats(pixels, result);
        return result;
    }

    /// <summary>Vectorised conversion: 32 bytes at a time widened to floats, then divided (not multiplied by 1/255,
    /// which is off by one ulp for some values) so results equal the scalar reference bit for bit.</summary>
    public static void ToUnitFloats(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        if (destination.Length != pixels.Length) throw new ArgumentException($"{destination.Length} floats for {pixels.Length} bytes");
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(255f);
            for (; i <= pixels.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var bytes = Vector256.Create(pixels.Slice(i, Vector256<byte>.Count));
                var (low, high) = Vector256.Widen(bytes);
                int k = 0;
                foreach (var shorts in (ReadOnlySpan<Vector256<ushort>>)[low, high])
                {
                    var (a, b) = Vector256.Widen(shorts);
                    (Vector256.ConvertToSingle(a.AsInt32()) / scale).CopyTo(destination.Slice(i + k, 8));
                    (Vector256.ConvertToSingle(b.AsInt32()) / scale).CopyTo(destination.Slice(i + k + 8, 8));
                    k += 16;
                }
            }
        }
        ToUnitFloatsReference(pixels[i..], destination[i..]);
    }

    /// <summary>The plain loop the vectorised path is tested against.</summary>
    public static void ToUnitFloatsReference(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        for (int i = 0; i < pixels.Length; i++) destination[i] = pixels[i] / 255f;
    }
}
