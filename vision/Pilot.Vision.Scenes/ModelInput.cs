namespace Pilot.Vision.Scenes;

/// <summary>
/// Packs 4:2:0 frames of the model view (512×256) into the network's input, openpilot's layout: per frame six
/// 128×256 channels — the four phases of the luma plane (even/odd rows × even/odd columns) then U and V — and two
/// frames, older first: [12, 128, 256] bytes.
/// </summary>
public static class ModelInput
{
    public const int FrameWidth = 512, FrameHeight = 256;
    public const int Channels = 12, Height = 128, Width = 256;
    public const int ChannelsPerFrame = 6;
    public const int Size = Channels * Height * Width;

    /// <summary>Writes the six channels of one I420 frame (planar U, V) at channel offset 6·<paramref name="slot"/> (0 = older frame).</summary>
    public static void PackI420(ReadOnlySpan<byte> i420, Span<byte> input, int slot) => Pack(i420, input, slot, interleavedChroma: false);

    /// <summary>As <see cref="PackI420"/> for an NV12 frame (interleaved U/V), what cameras and the warp deliver.</summary>
    public static void PackNv12(ReadOnlySpan<byte> nv12, Span<byte> input, int slot) => Pack(nv12, input, slot, interleavedChroma: true);

    private static void Pack(ReadOnlySpan<byte> i420, Span<byte> input, int slot, bool interleavedChroma)
    {
        const int plane = Height * Width;
        if (i420.Length < FrameWidth * FrameHeight * 3 / 2) throw new ArgumentException($"a 4:2:0 {FrameWidth}×{FrameHeight} frame needs {FrameWidth * FrameHeight * 3 / 2} bytes, got {i420.Length}");
        if (input.Length < Size) throw new ArgumentException($"the model input needs {Size} bytes, got {input.Length}");
        if (slot is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(slot), slot, "0 (older frame) or 1 (newer frame)");
        var target = input.Slice(slot * ChannelsPerFrame * plane, ChannelsPerFrame * plane);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                int o = y * Width + x;
                target[o] = i420[(2 * y) * FrameWidth + 2 * x];                 // even row, even column
                target[plane + o] = i420[(2 * y + 1) * FrameWidth + 2 * x];     // odd row, even column
                target[2 * plane + o] = i420[(2 * y) * FrameWidth + 2 * x + 1]; // even row, odd column
                target[3 * plane + o] = i420[(2 * y + 1) * FrameWidth + 2 * x + 1];
            }
        int luma = FrameWidth * FrameHeight;
        if (interleavedChroma)
        {
            var uv = i420.Slice(luma, 2 * plane);
            for (int i = 0; i < plane; i++)
            {
                target[4 * plane + i] = uv[2 * i];
                target[5 * plane + i] = uv[2 * i + 1];
            }
        }
        else
        {
            i420.Slice(luma, plane).CopyTo(target.Slice(4 * plane, plane));
            i420.Slice(luma + plane, plane).CopyTo(target.Slice(5 * plane, plane));
        }
    }
}
