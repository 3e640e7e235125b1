using Pilot.Car.Common;

namespace Pilot.Car.Tests;

public sealed class SpeedFilterTests
{
    [Fact]
    public void SteadyStateGainMatchesOpenpilotsAt100Hz()
    {
        var f = new SpeedFilter(0.01);
        Assert.Equal(0.17406039, f.GainSpeed, 4);   // openpilot CarStateBase v_ego_kf K
        Assert.Equal(1.65925647, f.GainAccel, 4);
    }

    [Fact]
    public void AJumpResetsInsteadOfReportingAHugeAcceleration()
    {
        var f = new SpeedFilter(0.01);
        var (v, a) = f.Update(25);
        Assert.Equal(25, v);
        Assert.Equal(0, a);
    }
}
