using Pilot.Capnp;
using Pilot.Capnp.Compiler;
using Pilot.Messaging.Events;
using Pilot.Messaging.Schema;
using Pilot.Testing;

namespace Pilot.Messaging.Tests;

/// <summary>The committed C# for the event schemas (messaging/Pilot.Messaging/Events) is what the compiler makes of them.</summary>
public class GeneratedEventsTests
{
    /// <summary>On failure regenerate: ./pilot capnp compile messaging/schemas/car.capnp messaging/schemas/log.capnp
    /// --out messaging/Pilot.Messaging/Events --namespace Pilot.Messaging.Events</summary>
    [SkippableTheory]
    [InlineData("car.capnp")]
    [InlineData("log.capnp")]
    public void Committed_event_code_matches_the_schema(string schema)
    {
        TestData.RequireTool("capnp");
        string path = Path.Combine(TestData.RepoRoot, "messaging", "schemas", schema);
        var file = Assert.Single(SchemaCompiler.Generate(path, csharpNamespace: "Pilot.Messaging.Events"));
        string committed = Path.Combine(TestData.RepoRoot, "messaging", "Pilot.Messaging", "Events", file.FileName);
        Assert.Equal(File.ReadAllText(committed), file.Content);
    }

    [Fact]
    public void Generated_builders_and_the_hand_kept_header_layout_agree()
    {
        var message = new MessageBuilder();
        var root = message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount);
        new Event.Builder(root).InitDeviceState().SetMaxTempC(71.5f);
        EventLayout.Stamp(root, 123, valid: false);
        var reader = new Event.Reader(message.AsReader().Root);
        Assert.Equal(Event.Which.DeviceState, reader.Which);
        Assert.Equal(123UL, reader.LogMonoTime);
        Assert.False(reader.Valid);
        Assert.Equal((ushort)Event.Which.DeviceState, EventLayout.ReadWhich(root.AsReader()));
        Assert.Equal(71.5f, reader.DeviceState.MaxTempC);
    }
}
