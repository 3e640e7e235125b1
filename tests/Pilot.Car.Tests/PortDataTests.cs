using Pilot.Car.Ports;
using Pilot.Car.Ports.Honda;
using Pilot.Car.Ports.Sim;

namespace Pilot.Car.Tests;

/// <summary>Each port's data agrees with itself: its DBCs load, and its fingerprint covers what its decoder reads.</summary>
public sealed class PortDataTests
{
    public static TheoryData<string> Ports => new(CarPorts.All.Select(p => p.Platform));

    [Theory]
    [MemberData(nameof(Ports))]
    public void FingerprintListsDbcMessagesWithTheirDbcLength(string platform)
    {
        var port = CarPorts.Get(platform);
        foreach (var file in port.DbcFiles) DbcFolder.Default.Load(file);
        var db = DbcFolder.Default.Load(port.DbcFiles[0]);   // the powertrain DBC describes the fingerprinted buses
        int checkedCount = 0;
        foreach (int bus in port.Fingerprint.Buses)
            foreach (var (address, length) in port.Fingerprint.On(bus))
                if (db.TryGetMessage(address, out var m))
                {
                    Assert.True(m.Length == length, $"{platform}: fingerprint has 0x{address:X} [{length}], {db.Name} says {m.Length}");
                    checkedCount++;
                }
        Assert.True(checkedCount >= 6, $"{platform}: only {checkedCount} fingerprint entries are in its DBCs");
    }

    [Fact]
    public void EveryMessageTheDecodersReadIsInTheirFingerprint()
    {
        // Otherwise the car's own traffic would rule its port out.
        var civic = DbcFolder.Default.Load(HondaCivic.PowertrainDbc);
        foreach (var (name, _) in HondaCarState.Messages)
        {
            var m = civic.GetMessage(name);
            Assert.True(HondaCivic.Instance.Fingerprint.Allows(HondaCivic.PowertrainBus, m.FrameId, m.Length), $"{name} missing from the Civic fingerprint");
        }
        var sim = DbcFolder.Default.Load(SimCar.Dbc);
        foreach (var (name, _) in SimCarState.Messages)
        {
            var m = sim.GetMessage(name);
            Assert.True(SimCar.Instance.Fingerprint.Allows(SimCar.Bus, m.FrameId, m.Length), $"{name} missing from the sim fingerprint");
        }
    }

    [Fact]
    public void PortsAreFoundByPlatformNameAndUnknownNamesListTheKnownOnes()
    {
        Assert.Same(HondaCivic.Instance, CarPorts.Get("honda_civic"));
        Assert.Same(SimCar.Instance, CarPorts.Get("sim"));
        var e = Assert.Throws<ArgumentException>(() => CarPorts.Get("volvo"));
        Assert.Contains("honda_civic, sim", e.Message);
    }
}
