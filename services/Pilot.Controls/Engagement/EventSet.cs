namespace Pilot.Controls.Engagement;

/// <summary>The events raised in one step, each with an optional detail (the service or process an alert names).</summary>
public sealed class EventSet
{
    private readonly bool[] _present = new bool[EventTable.Count];
    private readonly string?[] _detail = new string?[EventTable.Count];

    /// <summary>Union of the types of every present event: all the state machine looks at.</summary>
    public EventTypes Types { get; private set; }

    public void Clear()
    {
        Array.Clear(_present);
        Array.Clear(_detail);
        Types = EventTypes.None;
    }

    /// <summary>Raises <paramref name="name"/>; the first detail given in a step is kept.</summary>
    public void Add(EventName name, string? detail = null)
    {
        int i = (int)name;
        if (!_present[i]) _detail[i] = detail;
        _present[i] = true;
        Types |= EventTable.Get(name).Types;
    }

    public bool Contains(EventName name) => _present[(int)name];

    public bool Contains(EventTypes type) => (Types & type) != 0;

    public string? Detail(EventName name) => _detail[(int)name];
}
