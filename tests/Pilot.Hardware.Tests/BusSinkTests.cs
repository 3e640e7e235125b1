using System.Numerics;
using Pilot.Capnp;
using Pilot.Hardware.Daemons;
using Pilot.Hardware.Gnss;
using Pilot.Hardware.Imu;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Hardware.Tests;

/// <summary>What sensord's readings become on the bus: Events with the reading's values, on the right services.</summary>
public class BusSinkTests
{
    private static Event.Reader Read(Published p) => new(MessageReader.ReadFramed(p.Message).Root);

    [Fact]
    public void An_imu_reading_becomes_an_accelerometer_and_a_gyroscope_event()
    {
        var transport = new StepTransport();
        using var pub = new PubMaster(BusSink.Services, transport);
        using var sink = new BusSink(pub);
        sink.OnImu(new ImuReading(1_000_000, new Vector3(0.1f, -0.2f, 9.81f), new Vector3(0.01f, 0.02f, -0.03f), 36.5f));
        var sent = transport.Collect();
        Assert.Equal(["accelerometer", "gyroscope"], sent.Select(s => s.Service.Name));
        var acc = Read(sent[0]).Accelerometer;
        Assert.Equal((1_000_000UL, 0.1f, -0.2f, 9.81f, 36.5f), (acc.SensorTimestamp, acc.X, acc.Y, acc.Z, acc.TemperatureC));
        var gyro = Read(sent[1]).Gyroscope;
        Assert.Equal((0.01f, 0.02f, -0.03f), (gyro.X, gyro.Y, gyro.Z));
    }

    [Fact]
    public void A_fix_becomes_a_gnss_location_event_valid_only_with_a_fix()
    {
        var transport = new StepTransport();
        using var pub = new PubMaster(BusSink.Services, transport);
        using var sink = new BusSink(pub);
        var fix = new GnssFix(5, 1_700_000_000_000, GnssFixMode.Fix3D, GnssFixStatus.Autonomous, 48.1173, 11.5167, 545.4, 12.5, 84.4,
            2.5, 4.0, 0.3, 8, 12, 0.9, 1.2, 1.5, GnssSource.Ubx);
        sink.OnGnss(fix);
        sink.OnGnss(fix with { Mode = GnssFixMode.NoFix });
        var sent = transport.Collect();
        var first = Read(sent[0]);
        Assert.True(first.Valid);
        Assert.Equal((true, 48.1173, 11.5167, 545.4, 12.5f, (byte)8), (first.GnssLocation.HasFix, first.GnssLocation.LatitudeDeg,
            first.GnssLocation.LongitudeDeg, first.GnssLocation.Altitude, first.GnssLocation.Speed, first.GnssLocation.SatelliteCount));
        Assert.False(Read(sent[1]).Valid);
    }
}
