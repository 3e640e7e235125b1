using Pilot.Capnp.Schema.Views;
using Pilot.Messaging.Events;
using Frame = Pilot.Can.Packing.CanFrame;

namespace Pilot.Car.Messaging;

/// <summary>
/// Converts between the <c>can</c>/<c>sendcan</c> Event payload (List(Car.CanFrame)) and the CAN library's frames,
/// which the parser reads and the packer writes. Frames keep their bus number, echo flag (+128) included.
/// </summary>
public static class CanEvents
{
    /// <summary>Largest id of a standard (11-bit) frame; anything above is sent as extended.</summary>
    public const uint MaxStandardId = 0x7FF;

    /// <summary>Appends the frames of a <c>can</c> or <c>sendcan</c> list to <paramref name="into"/>.</summary>
    public static void Read(StructList<CanFrame.Reader> list, List<Frame> into)
    {
        foreach (var f in list) into.Add(new Frame(f.Address, f.Data.ToArray(), f.Bus));
    }

    /// <summary>Fills a list built by <c>InitCan</c>/<c>InitSendcan</c> with <paramref name="frames"/> (same count).</summary>
    public static void Write(IReadOnlyList<Frame> frames, StructListBuilder<CanFrame.Builder> list)
    {
        if (list.Count != frames.Count) throw new ArgumentException($"list holds {list.Count} frames, {frames.Count} given", nameof(list));
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            var b = list[i];
            b.SetAddress(f.Address);
            b.SetData(f.Data);
            b.SetBus((byte)f.Bus);
            b.SetExtended(f.Address > MaxStandardId);
            b.SetFd(f.Data.Length > 8);
        }
    }
}
