using Pilot.Car.Model;
using EventRadarData = Pilot.Messaging.Events.RadarData;

namespace Pilot.Car.Messaging;

/// <summary>Writes <see cref="RadarTracks"/> into a <c>liveTracks</c> Event payload.</summary>
public static class RadarWriter
{
    public static void Write(RadarTracks tracks, EventRadarData.Builder b)
    {
        Span<EventRadarData.Error> errors = stackalloc EventRadarData.Error[3];
        int n = 0;
        if (tracks.Errors.HasFlag(RadarErrors.CanError)) errors[n++] = EventRadarData.Error.CanError;
        if (tracks.Errors.HasFlag(RadarErrors.Fault)) errors[n++] = EventRadarData.Error.Fault;
        if (tracks.Errors.HasFlag(RadarErrors.WrongConfig)) errors[n++] = EventRadarData.Error.WrongConfig;
        var list = b.InitErrors(n);
        for (int i = 0; i < n; i++) list[i] = errors[i];
        var points = b.InitPoints(tracks.Points.Count);
        for (int i = 0; i < tracks.Points.Count; i++)
        {
            var p = tracks.Points[i];
            var w = points[i];
            w.SetTrackId(p.TrackId);
            w.SetDRel((float)p.DRel);
            w.SetYRel((float)p.YRel);
            w.SetVRel((float)p.VRel);
            w.SetARel((float)p.ARel);
            w.SetYvRel((float)p.YvRel);
            w.SetMeasured(p.Measured);
        }
    }
}
