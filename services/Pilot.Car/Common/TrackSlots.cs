using Pilot.Car.Model;

namespace Pilot.Car.Common;

/// <summary>
/// Radar tracks kept by the radar's message slot (openpilot RadarInterface.pts): a slot that starts a new object
/// gets the next track id, keeps it while the object lives, and is dropped when the slot empties.
/// </summary>
public sealed class TrackSlots
{
    private readonly SortedDictionary<uint, RadarPointData> _points = [];   // by slot address, reported in address order
    private uint _nextTrackId;

    /// <summary>Slot <paramref name="slot"/> measured an object this scan (<paramref name="isNew"/>: the radar says it is a different one).</summary>
    public void Measure(uint slot, bool isNew, double dRel, double yRel, double vRel)
    {
        uint id = !isNew && _points.TryGetValue(slot, out var old) ? old.TrackId : _nextTrackId++;
        _points[slot] = new RadarPointData(id, dRel, yRel, vRel, double.NaN, double.NaN, Measured: true);
    }

    /// <summary>Slot <paramref name="slot"/> reports no object.</summary>
    public void Clear(uint slot) => _points.Remove(slot);

    public RadarTracks Snapshot(RadarErrors errors) => new(_points.Values.ToArray(), errors);
}
