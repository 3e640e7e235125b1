using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Common;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Sim;

/// <summary>
/// Decodes the simulated radar's four tracks (SIM_TRACK_0..3 on bus 1, 20 Hz, positive-left Y_REL); the last track
/// message ends a scan. A slot keeps its track id while VALID stays set.
/// </summary>
public sealed class SimRadar : IRadarInterface
{
    private const int Tracks = 4;

    private readonly CanParser _parser;
    private readonly (MessageState State, int DRel, int YRel, int VRel, int Valid)[] _tracks;
    private readonly TrackSlots _slots = new();
    private readonly HashSet<uint> _updated = [];
    private readonly uint _lastTrack;

    public SimRadar(DbcDatabase db, int bus = SimCar.RadarBus)
    {
        _parser = new CanParser(db, Enumerable.Range(0, Tracks).Select(i => ($"SIM_TRACK_{i}", (double?)null)), bus);
        _tracks = Enumerable.Range(0, Tracks).Select(i =>
        {
            var state = _parser[$"SIM_TRACK_{i}"];
            var m = state.Message;
            return (state, m.GetSignal("D_REL").Index, m.GetSignal("Y_REL").Index, m.GetSignal("V_REL").Index, m.GetSignal("VALID").Index);
        }).ToArray();
        _lastTrack = _tracks[^1].State.Message.FrameId;
    }

    public RadarTracks? Update(long nowNs, IReadOnlyList<CanFrame> frames)
    {
        _parser.Update(nowNs, frames);
        foreach (var m in _parser.Messages)
            if (m.Updated) _updated.Add(m.Message.FrameId);
        if (!_updated.Contains(_lastTrack)) return null;
        foreach (var (state, dRel, yRel, vRel, valid) in _tracks)
        {
            uint address = state.Message.FrameId;
            if (!_updated.Contains(address)) continue;
            var v = state.Values;
            if (v[valid] == 0) _slots.Clear(address);
            else _slots.Measure(address, isNew: false, v[dRel], v[yRel], v[vRel]);   // no new-object flag: an id lasts while VALID does
        }
        _updated.Clear();
        return _slots.Snapshot(_parser.CanValid ? RadarErrors.None : RadarErrors.CanError);
    }
}
