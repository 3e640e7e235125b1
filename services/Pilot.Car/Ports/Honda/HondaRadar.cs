using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Common;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Honda;

/// <summary>
/// Decodes the Nidec radar's 16 tracks on bus 1 (openpilot honda radar_interface.py): TRACK_0..9 at 0x430..0x439 and
/// TRACK_10..15 at 0x440..0x445, RADAR_DIAGNOSTIC at 0x400. The last track message (0x445) ends a 20 Hz scan; a
/// track id is assigned when a slot starts a new object and kept while it lives.
/// </summary>
public sealed class HondaRadar : IRadarInterface
{
    public const double ScanHz = 20;
    private const uint Diagnostic = 0x400;
    private const uint LastTrack = 0x445;            // the scan's trigger message
    private const double NoTarget = 255;             // LONG_DIST at or above this: the slot is empty (m)
    private const int StateOk = 0x79, StateWrongConfig = 0x69;   // RADAR_STATE values (DBC VAL_ "ok", "wrong_config")

    private readonly CanParser _parser;
    private readonly (MessageState State, int LongDist, int LatDist, int RelSpeed, int NewTrack)[] _tracks;
    private readonly MessageState _diagnostic;
    private readonly int _radarState;
    private readonly TrackSlots _slots = new();
    private readonly HashSet<uint> _updated = [];

    public HondaRadar(DbcDatabase radar, int bus = HondaCivic.RadarBus)
    {
        var names = new List<(string, double?)> { ("RADAR_DIAGNOSTIC", ScanHz) };
        for (int i = 0; i < 16; i++) names.Add(($"TRACK_{i}", ScanHz));
        _parser = new CanParser(radar, names, bus);
        _diagnostic = _parser["RADAR_DIAGNOSTIC"];
        _radarState = _diagnostic.Message.GetSignal("RADAR_STATE").Index;
        _tracks = Enumerable.Range(0, 16).Select(i =>
        {
            var state = _parser[$"TRACK_{i}"];
            var m = state.Message;
            return (state, m.GetSignal("LONG_DIST").Index, m.GetSignal("LAT_DIST").Index, m.GetSignal("REL_SPEED").Index, m.GetSignal("NEW_TRACK").Index);
        }).ToArray();
    }

    public RadarTracks? Update(long nowNs, IReadOnlyList<CanFrame> frames)
    {
        _parser.Update(nowNs, frames);
        foreach (var m in _parser.Messages)
            if (m.Updated) _updated.Add(m.Message.FrameId);
        if (!_updated.Contains(LastTrack)) return null;

        var errors = RadarErrors.None;
        if (!_parser.CanValid) errors |= RadarErrors.CanError;
        if (_diagnostic.Seen)
        {
            int state = (int)_diagnostic.Values[_radarState];
            if (state != StateOk) errors |= RadarErrors.Fault;
            if (state == StateWrongConfig) errors |= RadarErrors.WrongConfig;
        }
        foreach (var (state, longDist, latDist, relSpeed, newTrack) in _tracks)
        {
            uint address = state.Message.FrameId;
            if (!_updated.Contains(address)) continue;
            var v = state.Values;
            // LAT_DIST is positive right; the message frame is positive left.
            if (v[longDist] >= NoTarget) _slots.Clear(address);
            else _slots.Measure(address, v[newTrack] != 0, v[longDist], -v[latDist], v[relSpeed]);
        }
        _updated.Clear();
        return _slots.Snapshot(errors);
    }
}
