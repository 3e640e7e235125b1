using Pilot.Sim.Car;

namespace Pilot.Sim.Tests.Car;

public class RadarSlotsTests
{
    [Fact]
    public void ObjectsKeepTheirSlotsAreFlaggedNewOnceAndFreeTheirSlotWhenGone()
    {
        var slots = new RadarSlots(2);
        RadarTarget lead = new(7, 40, 0, 0), cutIn = new(3, 20, 2, -1), far = new(9, 150, 0, 0);
        slots.Update([lead]);
        Assert.Equal((lead, true), slots.Report(0));
        Assert.Equal((lead, false), slots.Report(0));                  // new only on its first report
        Assert.Null(slots.Report(1));
        slots.Update([cutIn, lead]);                                    // nearer now, but the lead keeps slot 0
        Assert.Equal(7, slots.Report(0)!.Value.Target.Id);
        Assert.Equal((cutIn, true), slots.Report(1));
        slots.Update([cutIn, lead, far]);                               // no free slot for a third object
        Assert.DoesNotContain(9, new[] { slots.Report(0)!.Value.Target.Id, slots.Report(1)!.Value.Target.Id });
        slots.Update([cutIn, far]);                                     // the lead left: its slot goes to the next object
        Assert.Equal((far, true), slots.Report(0));
        Assert.Equal(3, slots.Report(1)!.Value.Target.Id);
    }
}
