namespace Pilot.Vision.Data.Idx;

/// <summary>An IDX file's contents: unsigned bytes in row-major order with their shape.</summary>
public sealed class IdxArray
{
    /// <summary>The file it came from (for error messages about its contents).</summary>
    public string File { get; }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Elements, row-major; length = product of <see cref="Shape"/>.</summary>
    public byte[] Data { get; }

    /// <summary>Byte offset of <see cref="Data"/>[0] in the (decompressed) file.</summary>
    public int DataOffset { get; }

    public IdxArray(string file, int[] shape, byte[] data, int dataOffset)
    {
        File = file;
        Shape = shape;
        Data = data;
        DataOffset = dataOffset;
    }
}
