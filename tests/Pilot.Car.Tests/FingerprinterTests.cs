using Pilot.Can.Packing;
using Pilot.Car.Fingerprinting;
using Pilot.Car.Ports;
using Pilot.Car.Ports.Honda;

namespace Pilot.Car.Tests;

public sealed class FingerprinterTests
{
    private const long Cycle = 10_000_000;   // ns

    private static FingerprintResult? Feed(Fingerprinter fp, Func<List<CanFrame>> cycle, int cycles)
    {
        for (int i = 1; i <= cycles; i++)
            if (fp.Feed(i * Cycle, cycle()) is { } result) return result;
        return null;
    }

    [Fact]
    public void CivicTrafficIsRecognizedAfterHalfASecond()
    {
        var traffic = new CivicTraffic();
        var fp = new Fingerprinter(CarPorts.All);
        Assert.Null(Feed(fp, traffic.Cycle, 50));   // first frame at 10 ms: 490 ms watched, still watching
        var result = fp.Feed(51 * Cycle, traffic.Cycle());
        Assert.NotNull(result);
        Assert.Same(HondaCivic.Instance, result.Port);
    }

    [Fact]
    public void UnknownTrafficIsRefusedNamingTheFrame()
    {
        var traffic = new CivicTraffic();
        var fp = new Fingerprinter(CarPorts.All);
        var result = Feed(fp, () => [.. traffic.Cycle(), new CanFrame(0x123, new byte[8])], 10);
        Assert.NotNull(result);
        Assert.Null(result.Port);
        Assert.Contains("0x123 [8] on bus 0", result.Reason);
    }

    [Fact]
    public void AKnownIdWithTheWrongLengthIsRefused()
    {
        var fp = new Fingerprinter(CarPorts.All);
        var result = fp.Feed(Cycle, [new CanFrame(0x158, new byte[6])]);   // ENGINE_DATA is 8 bytes on the Civic
        Assert.Null(result?.Port);
        Assert.Empty(fp.Candidates);
    }

    [Fact]
    public void EchoesDiagnosticsAndOtherBusesAreNotJudged()
    {
        var traffic = new CivicTraffic();
        var fp = new Fingerprinter(CarPorts.All);
        List<CanFrame> Noisy() =>
        [
            .. traffic.Cycle(),
            new CanFrame(0x123, new byte[8], Bus: 128),     // our own frame echoed back
            new CanFrame(0x7E8, new byte[8]),               // an OBD response
            new CanFrame(0x18DAF1B0, new byte[8]),          // extended diagnostics
            new CanFrame(0x430, new byte[8], Bus: 1),       // radar bus, not fingerprinted for the Civic
        ];
        Assert.Same(HondaCivic.Instance, Feed(fp, Noisy, 60)?.Port);
    }

    [Fact]
    public void NoTrafficDecidesNothing()
    {
        var fp = new Fingerprinter(CarPorts.All);
        for (int i = 1; i < 500; i++) Assert.Null(fp.Feed(i * Cycle, []));
    }
}
