using Pilot.Capnp;
using Pilot.Car.Messaging;
using Pilot.Car.Model;
using Pilot.Messaging.Events;
using Frame = Pilot.Can.Packing.CanFrame;

namespace Pilot.Car.Tests;

/// <summary>The model's enums are cast to the schema's by ordinal: the names must line up one for one.</summary>
public sealed class SchemaMirrorTests
{
    private static void SameNames<TModel, TSchema>() where TModel : struct, Enum where TSchema : struct, Enum
    {
        var model = Enum.GetValues<TModel>().Select(v => (Convert.ToInt32(v), v.ToString().ToLowerInvariant()));
        var schema = Enum.GetValues<TSchema>().Select(v => (Convert.ToInt32(v), v.ToString().ToLowerInvariant()));
        Assert.Equal(schema, model);
    }

    [Fact]
    public void EnumsMatchTheSchema()
    {
        SameNames<Gear, CarState.GearShifter>();
        SameNames<ButtonType, CarState.ButtonEvent.Type>();
        SameNames<VisualAlert, CarControl.HudControl.VisualAlert>();
        SameNames<FingerprintSource, CarParams.FingerprintSource>();
    }

    [Fact]
    public void CanFramesRoundTripThroughAnEvent()
    {
        Frame[] frames = [new(0xE4, [1, 2, 3, 4, 5]), new(0x18DAB0F1, [9, 8, 7, 6, 5, 4, 3, 2], 2), new(0x430, new byte[8], 129)];
        var message = new MessageBuilder();
        var ev = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        CanEvents.Write(frames, ev.InitSendcan(frames.Length));
        var list = new Event.Reader(message.GetRoot(Event.Builder.DataWords, Event.Builder.PointerCount).AsReader()).Sendcan;
        Assert.True(list[1].Extended);
        Assert.False(list[0].Extended);
        var back = new List<Frame>();
        CanEvents.Read(list, back);
        Assert.Equal(frames.Select(f => f.ToString()), back.Select(f => f.ToString()));
    }
}
