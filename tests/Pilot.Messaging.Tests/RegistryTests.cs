using Pilot.Messaging.Vision;

namespace Pilot.Messaging.Tests;

public class RegistryTests
{
    [Fact]
    public void EndpointsAreDistinctAndDerivedFromThePortBase()
    {
        var bus = new Bus(Transport.Tcp, 9000);
        var endpoints = Services.All.Select(bus.Endpoint).Concat(VisionStream.All.Select(bus.VisionEndpoint)).ToArray();
        Assert.Equal(endpoints.Length, endpoints.Distinct().Count());
        Assert.Equal("tcp://127.0.0.1:9004", bus.Endpoint(Services.Get("carState")));
        Assert.Equal("tcp://127.0.0.1:9200", bus.VisionEndpoint(VisionStream.Road));
        Assert.Equal("inproc://x-carState", new Bus(Transport.Inproc, 9000, "x").Endpoint(Services.Get("carState")));
    }

    [Fact]
    public void LookupsRefuseUnknownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Services.Get("carStat"));
        Assert.Contains("carStat", e.Message);
        Assert.Equal(["carState", "modelV2"], Services.Parse("carState, modelV2").Select(s => s.Name));
        Assert.Null(Services.FromWhich(999));
        Assert.Equal("modelV2", Services.FromWhich(Services.Get("modelV2").Which)!.Name);
    }

    [Fact]
    public void RatesFollowTheArchitecture()
    {
        Assert.Equal(100, Services.Get("carState").RateHz);
        Assert.Equal(20, Services.Get("modelV2").RateHz);
        Assert.Equal(2, Services.Get("deviceState").RateHz);
        Assert.Equal(10, Services.Get("bridgeState").RateHz);
        Assert.All(Services.All, s => Assert.True(s.QlogDecimation >= 1, $"{s} has no qlog decimation"));
    }
}
