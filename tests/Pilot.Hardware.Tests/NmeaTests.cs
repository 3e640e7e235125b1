using Pilot.Hardware.Gnss;
using static Pilot.Hardware.Tests.GnssCaptures;

namespace Pilot.Hardware.Tests;

public class NmeaTests
{
    [Fact]
    public void Checksum_matches_the_published_classic_sentences()
    {
        Assert.Equal(NmeaFrameError.None, NmeaFrame.Validate(Ascii(ClassicGga), out _));
        Assert.Equal(NmeaFrameError.None, NmeaFrame.Validate(Ascii(ClassicRmc), out _));
        Assert.Equal(ClassicGga, Sentence("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
    }

    [Fact]
    public void Classic_gga_fields()
    {
        var r = NmeaReader.Create(Ascii(ClassicGga));
        Assert.True(r.Talker.SequenceEqual("GP"u8));
        Assert.True(r.Formatter.SequenceEqual("GGA"u8));
        var gga = GgaSentence.Read(ref r);
        Assert.Equal((12 * 3600 + 35 * 60 + 19) * 1000, gga.TimeOfDayMs);
        Assert.Equal(48 + 7.038 / 60, gga.LatitudeDeg, 9);
        Assert.Equal(11 + 31.0 / 60, gga.LongitudeDeg, 9);
        Assert.Equal(1, gga.Quality);
        Assert.Equal(8, gga.SatellitesUsed);
        Assert.Equal(0.9, gga.Hdop);
        Assert.Equal(545.4, gga.AltitudeMslM);
        Assert.Equal(46.9, gga.GeoidSeparationM);
    }

    [Fact]
    public void Classic_rmc_fields()
    {
        var r = NmeaReader.Create(Ascii(ClassicRmc));
        var rmc = RmcSentence.Read(ref r);
        Assert.True(rmc.Valid);
        Assert.Equal(22.4 * 1852 / 3600, rmc.SpeedMps, 9);
        Assert.Equal(84.4, rmc.CourseDeg);
        Assert.Equal(new DateOnly(1994, 3, 23).DayNumber - new DateOnly(1970, 1, 1).DayNumber, rmc.DateDays);
    }

    [Fact]
    public void Southern_and_western_hemispheres_are_negative_and_empty_fields_are_unreported()
    {
        var r = NmeaReader.Create(Ascii(Sentence("GPGGA,000001.00,3352.1280,S,15112.5680,W,0,00,,,M,,M,,")));
        var gga = GgaSentence.Read(ref r);
        Assert.Equal(-(33 + 52.128 / 60), gga.LatitudeDeg, 9);
        Assert.Equal(-(151 + 12.568 / 60), gga.LongitudeDeg, 9);
        Assert.True(double.IsNaN(gga.Hdop));
        Assert.True(double.IsNaN(gga.AltitudeMslM));
    }

    [Fact]
    public void Gsa_gsv_vtg_fields()
    {
        var lines = Epoch().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var vtgReader = NmeaReader.Create(Ascii(lines[1]));
        var vtg = VtgSentence.Read(ref vtgReader);
        Assert.Equal(84.40, vtg.CourseTrueDeg);
        Assert.Equal(23.150 / 3.6, vtg.SpeedMps, 9);
        Assert.Equal((byte)'D', vtg.Mode);
        var gsaReader = NmeaReader.Create(Ascii(lines[3]));
        var gsa = GsaSentence.Read(ref gsaReader);
        Assert.Equal(new GsaSentence(3, 6, 1.50, 0.80, 1.27), gsa);
        var gsvReader = NmeaReader.Create(Ascii(lines[7]));
        var gsv = GsvSentence.Read(ref gsvReader);
        Assert.Equal(new GsvSentence(3, 3, 10, 2, 40), gsv);
    }

    [Fact]
    public void Epoch_merges_into_one_fix_with_dop_based_accuracy()
    {
        var builder = new NmeaFixBuilder();
        var fixes = new List<GnssFix>();
        foreach (string line in Epoch().Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var r = NmeaReader.Create(Ascii(line));
            if (builder.Accept(ref r, 42, out GnssFix fix)) fixes.Add(fix);
        }
        GnssFix f = Assert.Single(fixes);
        Assert.Equal(GnssFixMode.Fix3D, f.Mode);
        Assert.Equal(GnssFixStatus.Differential, f.Status);
        Assert.Equal(EpochUnixMs, f.UnixTimeMs);
        Assert.Equal(48 + 7.038 / 60, f.LatitudeDeg, 9);
        Assert.Equal(12.5 * 1852 / 3600, f.SpeedMps, 9);
        Assert.Equal(0.80 * NmeaFixBuilder.HorizontalUereDgpsM, f.HorizontalAccuracyM, 9);
        Assert.Equal(11, f.SatellitesUsed);
        Assert.Equal(-1, f.SatellitesInView);        // this epoch's GSV arrive after its fix
        Assert.Equal(13, builder.SatellitesInView);  // GP 10 + GL 3
        Assert.Equal(42, f.MonoTimeNs);
    }

    [Fact]
    public void Invalid_rmc_status_gives_no_fix()
    {
        var builder = new NmeaFixBuilder();
        GnssFix fix = default;
        foreach (string s in new[] { Sentence("GPRMC,101530.00,V,,,,,,,170524,,,N"), Sentence("GPGGA,101530.00,,,,,0,00,99.99,,,,,,") })
        {
            var r = NmeaReader.Create(Ascii(s));
            builder.Accept(ref r, 0, out fix);
        }
        Assert.Equal(GnssFixMode.NoFix, fix.Mode);
        Assert.False(fix.HasFix);
    }

    [Theory]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*48\r\n", NmeaFrameError.BadChecksum)]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,\r\n", NmeaFrameError.NoChecksum)]
    [InlineData("$GPGGA,123519,4807.038,N*4G\r\n", NmeaFrameError.BadChecksumDigits)]
    [InlineData("GPGGA,123519*47\r\n", NmeaFrameError.NoStart)]
    [InlineData("$GPGGA,12\u00013519*47\r\n", NmeaFrameError.NotPrintable)]
    public void Framing_errors_are_named(string sentence, NmeaFrameError expected)
    {
        Assert.Equal(expected, NmeaFrame.Validate(Ascii(sentence), out _));
        var e = Assert.Throws<NmeaFormatException>(() => NmeaReader.Create(Ascii(sentence)));
        Assert.Contains(expected.ToString(), e.Message);
    }

    [Theory]
    [InlineData("GPGGA,123519,48x7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", 2, 14, "not a number")]
    [InlineData("GPGGA,123519,4807.038,Q,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", 3, 23, "hemisphere")]
    [InlineData("GPGGA,123519,4807.038,N,01131.000,E,1,-8,0.9,545.4,M,46.9,M,,", 7, 39, "not an integer")]
    [InlineData("GPGGA,253519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", 1, 7, "time")]
    [InlineData("GPGGA,123519,9107.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", 2, 14, "out of range")]
    public void Field_errors_name_the_field_and_byte(string body, int field, int offset, string what)
    {
        var e = Assert.Throws<NmeaFormatException>(() =>
        {
            var r = NmeaReader.Create(Ascii(Sentence(body)));
            GgaSentence.Read(ref r);
        });
        Assert.Equal(field, e.Field);
        Assert.Equal(offset, e.ByteOffset);
        Assert.Contains(what, e.Message);
        Assert.Contains("GPGGA", e.Message);
    }

    [Fact]
    public void Rmc_date_is_checked()
    {
        var e = Assert.Throws<NmeaFormatException>(() =>
        {
            var r = NmeaReader.Create(Ascii(Sentence("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,310224,003.1,W")));
            RmcSentence.Read(ref r);
        });
        Assert.Contains("date 310224", e.Message);
    }
}

public class NmeaNumberTests
{
    /// <summary>The fast decimal path against the runtime's parser, on seeded NMEA-shaped and longer fields.</summary>
    [Fact]
    public void Fast_path_equals_the_reference_parser()
    {
        var rng = new Random(0x0183);
        for (int n = 0; n < 20_000; n++)
        {
            int intDigits = rng.Next(0, 10), fracDigits = rng.Next(0, 10);
            if (intDigits + fracDigits == 0) intDigits = 1;
            var text = new System.Text.StringBuilder();
            if (rng.Next(4) == 0) text.Append('-');
            for (int i = 0; i < intDigits; i++) text.Append((char)('0' + rng.Next(10)));
            if (fracDigits > 0 || rng.Next(8) == 0) text.Append('.');
            for (int i = 0; i < fracDigits; i++) text.Append((char)('0' + rng.Next(10)));
            byte[] field = System.Text.Encoding.ASCII.GetBytes(text.ToString());
            Assert.True(Pilot.Hardware.Gnss.NmeaNumber.TryParse(field, out double fast), text.ToString());
            Assert.True(Pilot.Hardware.Gnss.NmeaNumber.Reference(field, out double reference));
            Assert.True(fast == reference, $"{text}: {fast:R} != {reference:R}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData("12a")]
    [InlineData(" 12")]
    public void Malformed_fields_are_rejected(string field) =>
        Assert.False(Pilot.Hardware.Gnss.NmeaNumber.TryParse(System.Text.Encoding.ASCII.GetBytes(field), out _));
}
