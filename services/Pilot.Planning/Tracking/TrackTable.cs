namespace Pilot.Planning.Tracking;

/// <summary>One radar point as the car's radar reports it (liveTracks).</summary>
public readonly record struct RadarPoint(uint TrackId, double DRel, double YRel, double VRel, bool Measured);

/// <summary>
/// The live radar tracks by id, a fixed-capacity array: a track is created the first time its id appears and deleted
/// the first cycle it is missing (the radar itself keeps ids stable while it follows an object). Allocation-free.
/// </summary>
public sealed class TrackTable(int capacity = TrackTable.DefaultCapacity, double periodS = TrackTable.DefaultPeriodS)
{
    public const int DefaultCapacity = 64;      // more than any supported radar reports (Honda Nidec: 16, Toyota: 16)
    public const double DefaultPeriodS = 0.05;  // liveTracks arrive at 20 Hz

    private readonly RadarTrack[] _tracks = new RadarTrack[capacity];

    public int Count { get; private set; }
    public double PeriodS { get; } = periodS;

    public ReadOnlySpan<RadarTrack> Tracks => _tracks.AsSpan(0, Count);

    /// <summary>
    /// Takes one radar message: deletes ids that are gone, updates known ids, creates new ones. Points beyond the
    /// capacity are ignored (and counted in the return value).
    /// </summary>
    public int Update(ReadOnlySpan<RadarPoint> points, double vEgo)
    {
        // Delete first, so a track that ended frees its slot for one that began in the same message.
        for (int i = 0; i < Count; i++) _tracks[i].Seen = false;
        foreach (var p in points)
        {
            int i = IndexOf(p.TrackId);
            if (i >= 0) _tracks[i].Seen = true;
        }
        int kept = 0;
        for (int i = 0; i < Count; i++)
            if (_tracks[i].Seen) _tracks[kept++] = _tracks[i];
        Count = kept;

        int dropped = 0;
        foreach (var p in points)
        {
            int i = IndexOf(p.TrackId);
            double vLead = p.VRel + vEgo;
            if (i < 0)
            {
                if (Count == _tracks.Length) { dropped++; continue; }
                i = Count++;
                _tracks[i] = RadarTrack.Create(p.TrackId, vLead, PeriodS);
            }
            _tracks[i].Update(p.DRel, p.YRel, p.VRel, vLead, p.Measured, PeriodS);
        }
        return dropped;
    }

    public void Clear() => Count = 0;

    public int IndexOf(uint trackId)
    {
        for (int i = 0; i < Count; i++)
            if (_tracks[i].TrackId == trackId) return i;
        return -1;
    }
}
