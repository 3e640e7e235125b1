using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Model;
using Pilot.Car.Ports;
using Pilot.Car.Ports.Honda;

namespace Pilot.Car.Tests;

public sealed class HondaRadarTests
{
    private static readonly DbcDatabase Dbc = DbcFolder.Default.Load(HondaCivic.RadarDbc);
    private readonly CanPacker _packer = new(Dbc);

    // One scan: RADAR_DIAGNOSTIC, then every track slot (empty unless given), the last one (0x445) ending the scan.
    private List<CanFrame> Scan(int radarState = 0x79, params (int Slot, double Dist, double Lat, double Speed, bool New)[] tracks)
    {
        var frames = new List<CanFrame> { _packer.Pack("RADAR_DIAGNOSTIC", new Dictionary<string, double> { ["RADAR_STATE"] = radarState }, bus: 1) };
        for (int i = 0; i < 16; i++)
        {
            var t = tracks.FirstOrDefault(t => t.Slot == i);
            var values = t.Dist > 0
                ? new Dictionary<string, double> { ["LONG_DIST"] = t.Dist, ["LAT_DIST"] = t.Lat, ["REL_SPEED"] = t.Speed, ["NEW_TRACK"] = t.New ? 1 : 0 }
                : new Dictionary<string, double> { ["LONG_DIST"] = 255.5 };
            frames.Add(_packer.Pack($"TRACK_{i}", values, bus: 1));
        }
        return frames;
    }

    [Fact]
    public void TracksDecodeInTheMessageFrame()
    {
        var radar = new HondaRadar(Dbc);
        var tracks = radar.Update(50_000_000, Scan(tracks: [(0, 30.5, 1.5, -2.25, true), (12, 80, -0.75, 3.0, true)]));
        Assert.NotNull(tracks);
        Assert.Equal(RadarErrors.None, tracks.Errors);
        Assert.Equal(2, tracks.Points.Count);
        var near = tracks.Points[0];
        Assert.Equal(30.5, near.DRel);
        Assert.Equal(-1.5, near.YRel);      // LAT_DIST is positive right
        Assert.Equal(-2.25, near.VRel);
        Assert.True(double.IsNaN(near.ARel));
        Assert.True(near.Measured);
        Assert.Equal(0.75, tracks.Points[1].YRel);
        Assert.NotEqual(near.TrackId, tracks.Points[1].TrackId);
    }

    [Fact]
    public void ATrackKeepsItsIdUntilTheSlotStartsANewObject()
    {
        var radar = new HondaRadar(Dbc);
        uint id = radar.Update(50_000_000, Scan(tracks: [(3, 40, 0, 0, true)]))!.Points[0].TrackId;
        Assert.Equal(id, radar.Update(100_000_000, Scan(tracks: [(3, 39, 0, 0, false)]))!.Points[0].TrackId);
        Assert.NotEqual(id, radar.Update(150_000_000, Scan(tracks: [(3, 60, 0, 0, true)]))!.Points[0].TrackId);
        Assert.Empty(radar.Update(200_000_000, Scan())!.Points);   // slot emptied: track gone
    }

    [Fact]
    public void NothingIsReportedBeforeTheScanEnds()
    {
        var radar = new HondaRadar(Dbc);
        var partial = Scan(tracks: [(0, 20, 0, 0, true)]);
        Assert.Null(radar.Update(50_000_000, partial.Take(5).ToList()));
        var tracks = radar.Update(60_000_000, partial.Skip(5).ToList());
        Assert.Single(tracks!.Points);   // the track from the first half of the scan is kept
    }

    [Fact]
    public void RadarStatesAreErrors()
    {
        var radar = new HondaRadar(Dbc);
        Assert.Equal(RadarErrors.Fault | RadarErrors.WrongConfig, radar.Update(50_000_000, Scan(radarState: 0x69))!.Errors);
        Assert.Equal(RadarErrors.Fault, radar.Update(100_000_000, Scan(radarState: 0x6E))!.Errors);
    }
}
