namespace Pilot.Sim.Car;

/// <summary>
/// A radar's track slots: an object keeps its slot while the radar sees it (so a tracker downstream keeps its track),
/// a newly seen object takes a free slot (nearest objects first when slots run short) and is flagged new until its
/// slot has been reported once, and a slot is freed when its object leaves the field of view.
/// </summary>
public sealed class RadarSlots(int count)
{
    private readonly int[] _ids = Enumerable.Repeat(-1, count).ToArray();   // [slot] object id, −1 = free
    private readonly bool[] _new = new bool[count];                          // [slot] not reported since assigned
    private readonly RadarTarget[] _targets = new RadarTarget[count];        // [slot] latest measurement
    private readonly HashSet<int> _seen = [];

    public int Count => count;

    /// <summary>Assigns this instant's targets (nearest first) to slots.</summary>
    public void Update(IReadOnlyList<RadarTarget> targets)
    {
        _seen.Clear();
        foreach (var t in targets) _seen.Add(t.Id);
        for (int i = 0; i < count; i++)
            if (_ids[i] >= 0 && !_seen.Contains(_ids[i])) _ids[i] = -1;
        foreach (var t in targets)
        {
            int slot = Array.IndexOf(_ids, t.Id);
            if (slot < 0)
            {
                slot = Array.IndexOf(_ids, -1);
                if (slot < 0) continue;          // every slot holds a nearer object
                _ids[slot] = t.Id;
                _new[slot] = true;
            }
            _targets[slot] = t;
        }
    }

    /// <summary>The object in <paramref name="slot"/>, if any, and whether this is the first report of it (which clears the flag).</summary>
    public (RadarTarget Target, bool New)? Report(int slot)
    {
        if (_ids[slot] < 0) return null;
        bool isNew = _new[slot];
        _new[slot] = false;
        return (_targets[slot], isNew);
    }
}
