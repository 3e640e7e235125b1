using Pilot.Hardware.Gnss;
using Pilot.Hardware.Tests.Simulation;
using static Pilot.Hardware.Tests.GnssCaptures;

namespace Pilot.Hardware.Tests;

public class GnssReceiverTests
{
    private static List<GnssFix> ReadAll(GnssReceiver receiver)
    {
        var fixes = new List<GnssFix>();
        while (receiver.Poll(fixes.Add)) { }
        return fixes;
    }

    [Fact]
    public void Nmea_epochs_become_fixes_and_the_last_epoch_is_flushed_at_end_of_stream()
    {
        byte[] stream = [.. Ascii(Epoch("101530.20")), .. Ascii(Epoch("101530.30")), .. Ascii(Epoch("101530.40"))];
        using var receiver = new GnssReceiver(new MemoryStream(stream), shouldDispose: true, new ManualClock());
        List<GnssFix> fixes = ReadAll(receiver);
        Assert.Equal(3, fixes.Count);
        Assert.Equal([EpochUnixMs, EpochUnixMs + 100, EpochUnixMs + 200], fixes.Select(f => f.UnixTimeMs));
        Assert.Equal(13, fixes[1].SatellitesInView);
        Assert.All(fixes, f => Assert.Equal(GnssSource.Nmea, f.Source));
    }

    [Fact]
    public void Nav_pvt_takes_precedence_over_nmea_and_borrows_satellites_in_view()
    {
        byte[] stream = [.. Ascii(Epoch("101530.20")), .. NavPvt(), .. Ascii(Epoch("101530.30")), .. NavPvt()];
        using var receiver = new GnssReceiver(new MemoryStream(stream), shouldDispose: true, new ManualClock());
        List<GnssFix> fixes = ReadAll(receiver);
        Assert.Equal([GnssSource.Nmea, GnssSource.Ubx, GnssSource.Ubx], fixes.Select(f => f.Source));
        Assert.Equal(13, fixes[1].SatellitesInView);
        Assert.Equal(1.25, fixes[2].HorizontalAccuracyM, 6);
    }

    [Fact]
    public void Configuration_is_written_and_the_ack_is_recorded()
    {
        byte[] ack = UbxFrame.Build(UbxIds.ClassAck, UbxIds.AckAck, [UbxIds.ClassCfg, UbxIds.CfgMsg]);
        var stream = new MemoryStream();
        stream.Write(ack);
        stream.Position = 0;
        using var receiver = new GnssReceiver(stream, shouldDispose: false, new ManualClock());
        ReadAll(receiver);
        Assert.Equal(new UbxAck(true, UbxIds.ClassCfg, UbxIds.CfgMsg), receiver.LastAck);
        receiver.ConfigureUblox(10);
        byte[] written = stream.ToArray()[ack.Length..];
        Assert.Equal([.. UbxConfig.Rate(100), .. UbxConfig.MessageRate(UbxIds.ClassNav, UbxIds.NavPvt, 1)], written);
    }

    [Fact]
    public void Checksummed_but_malformed_sentences_are_counted_with_their_position()
    {
        byte[] stream = Ascii(Sentence("GPGGA,123519,48x7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,") + Epoch());
        using var receiver = new GnssReceiver(new MemoryStream(stream), shouldDispose: true, new ManualClock());
        Assert.Single(ReadAll(receiver));
        Assert.Equal(1, receiver.FieldErrors);
        Assert.Contains("field 2, byte 14", receiver.LastError);
    }
}
