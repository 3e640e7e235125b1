namespace Pilot.Can.Dbc;

internal sealed partial class DbcParser
{
    private const string CycleTimeAttribute = "GenMsgCycleTime";
    private const string FrameFormatAttribute = "VFrameFormat";

    /// <summary>Resolves what needs the whole file: multiplexer parents, cycle times and CAN FD flags.</summary>
    private void Finish()
    {
        var cycleDefault = _db.AttributeDefinitionList.FirstOrDefault(d => d.Name == CycleTimeAttribute)?.Default?.Number;
        var formatDef = _db.AttributeDefinitionList.FirstOrDefault(d => d.Name == FrameFormatAttribute);
        foreach (var m in _db.MessageList)
        {
            ResolveMultiplexers(m);
            double? cycle = m.AttributeMap.TryGetValue(CycleTimeAttribute, out var c) ? c.Number : cycleDefault;
            m.CycleTimeMs = cycle is > 0 ? cycle : null;
            string? format = FrameFormat(m, formatDef);
            m.IsFd = m.Length > 8 || (format?.Contains("FD", StringComparison.OrdinalIgnoreCase) ?? false);
        }
    }

    private static string? FrameFormat(Message m, AttributeDefinition? def)
    {
        var value = m.AttributeMap.TryGetValue(FrameFormatAttribute, out var v) ? v : def?.Default;
        if (value is null) return null;
        if (value.IsString) return value.Text;
        int index = (int)value.Number;
        return def is not null && index >= 0 && index < def.EnumValues.Count ? def.EnumValues[index] : null;
    }

    private void ResolveMultiplexers(Message m)
    {
        // Plain m<n> signals hang off the message's top multiplexer: the M signal that is not itself multiplexed.
        var top = m.SignalList.FirstOrDefault(s => s.IsMultiplexer && s.MultiplexerRanges.Count == 0)
                  ?? m.SignalList.FirstOrDefault(s => s.IsMultiplexer);
        foreach (var s in m.SignalList)
        {
            if (s.MultiplexerRanges.Count == 0 || s.MultiplexerSignal is not null) continue;
            if (top is null || ReferenceEquals(top, s))
            {
                var (file, line, column) = _signalPositions[s];
                DbcException.Throw(file, line, column, $"signal {s.Name} of {m.Name} is multiplexed but the message has no multiplexer (M) signal");
            }
            s.MultiplexerSignal = top.Name;
        }
        foreach (var s in m.SignalList)
        {
            if (s.MultiplexerSignal is null) continue;
            var parent = m.SignalList.FirstOrDefault(p => p.Name == s.MultiplexerSignal);
            if (parent is null || ReferenceEquals(parent, s))
            {
                var (file, line, column) = _signalPositions[s];
                DbcException.Throw(file, line, column, $"signal {s.Name} of {m.Name} names multiplexer '{s.MultiplexerSignal}', which is not a signal of the message");
            }
            parent.IsMultiplexer = true;
        }
        var looped = m.SignalList.FirstOrDefault(x => HasCycle(m, x));
        if (looped is not null)
        {
            var (file, line, column) = _signalPositions[looped];
            DbcException.Throw(file, line, column, $"multiplexer chain of {looped.Name} in {m.Name} loops back on itself");
        }
    }

    private static bool HasCycle(Message m, Signal s)
    {
        int steps = 0;
        for (var cur = s; cur.MultiplexerSignal is not null; cur = m.SignalList.First(p => p.Name == cur.MultiplexerSignal))
            if (++steps > m.SignalList.Count) return true;
        return false;
    }
}
