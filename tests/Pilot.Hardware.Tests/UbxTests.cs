using Pilot.Hardware.Gnss;
using static Pilot.Hardware.Tests.GnssCaptures;

namespace Pilot.Hardware.Tests;

public class UbxTests
{
    [Fact]
    public void Cfg_rate_matches_the_well_known_10_hz_command()
    {
        // The "10 Hz, GPS time" command quoted in u-blox application notes and countless configurations.
        Assert.Equal(Convert.FromHexString("B562060806006400010001007A12"), UbxConfig.Rate(100, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => UbxConfig.Rate(10));
    }

    [Fact]
    public void Cfg_msg_enabling_nav_pvt_matches_the_published_frame()
    {
        Assert.Equal(Convert.FromHexString("B562060103000107011351"), UbxConfig.MessageRate(UbxIds.ClassNav, UbxIds.NavPvt, 1));
    }

    [Fact]
    public void Nav_pvt_decodes_position_velocity_time_and_accuracies()
    {
        GnssFix f = UbxNavPvt.Read(NavPvt(), 99);
        Assert.Equal(GnssFixMode.Fix3D, f.Mode);
        Assert.Equal(GnssFixStatus.Autonomous, f.Status);
        Assert.Equal(GnssSource.Ubx, f.Source);
        Assert.Equal(48.1173, f.LatitudeDeg, 7);
        Assert.Equal(11.5166667, f.LongitudeDeg, 7);
        Assert.Equal(545.4, f.AltitudeMslM, 6);
        Assert.Equal(1.25, f.HorizontalAccuracyM, 6);
        Assert.Equal(2.1, f.VerticalAccuracyM, 6);
        Assert.Equal(12.345, f.SpeedMps, 6);
        Assert.Equal(84.4, f.BearingDeg, 6);
        Assert.Equal(0.15, f.SpeedAccuracyMps, 6);
        Assert.Equal(14, f.SatellitesUsed);
        Assert.Equal(1.5, f.Pdop, 6);
        Assert.Equal(EpochUnixMs, f.UnixTimeMs);
        Assert.Equal(99, f.MonoTimeNs);
    }

    [Theory]
    [InlineData(3, 0x01 | 0x02, GnssFixMode.Fix3D, GnssFixStatus.Differential)]
    [InlineData(3, 0x01 | 0x80, GnssFixMode.Fix3D, GnssFixStatus.RtkFixed)]
    [InlineData(3, 0x01 | 0x40, GnssFixMode.Fix3D, GnssFixStatus.RtkFloat)]
    [InlineData(2, 0x01, GnssFixMode.Fix2D, GnssFixStatus.Autonomous)]
    [InlineData(3, 0x00, GnssFixMode.NoFix, GnssFixStatus.None)]        // gnssFixOK clear: not to be used
    [InlineData(1, 0x00, GnssFixMode.NoFix, GnssFixStatus.DeadReckoning)]
    public void Nav_pvt_fix_type_and_flags(byte fixType, byte flags, GnssFixMode mode, GnssFixStatus status)
    {
        GnssFix f = UbxNavPvt.Read(NavPvt(fixType: fixType, flags: flags), 0);
        Assert.Equal(mode, f.Mode);
        Assert.Equal(status, f.Status);
    }

    [Fact]
    public void Short_nav_pvt_is_a_positioned_error()
    {
        byte[] frame = UbxFrame.Build(UbxIds.ClassNav, UbxIds.NavPvt, new byte[40]);
        var e = Assert.Throws<UbxFormatException>(() => UbxNavPvt.Read(frame, 0));
        Assert.Contains("40 bytes, expected 92", e.Message);
    }

    [Fact]
    public void Ack_is_read_from_its_frame()
    {
        byte[] ack = UbxFrame.Build(UbxIds.ClassAck, UbxIds.AckAck, [UbxIds.ClassCfg, UbxIds.CfgRate]);
        Assert.True(UbxAck.TryRead(ack, out UbxAck a));
        Assert.Equal(new UbxAck(true, UbxIds.ClassCfg, UbxIds.CfgRate), a);
        byte[] nak = UbxFrame.Build(UbxIds.ClassAck, UbxIds.AckNak, [UbxIds.ClassCfg, UbxIds.CfgMsg]);
        Assert.True(UbxAck.TryRead(nak, out a));
        Assert.False(a.Acknowledged);
    }
}
