using Pilot.Can.Dbc;

namespace Pilot.Can.Tests;

/// <summary>Structural equality of two databases: every field of every message, signal, node, attribute and table.</summary>
internal static class DbcEquality
{
    /// <summary>Returns null when equal, else the first difference found.</summary>
    public static string? Difference(DbcDatabase a, DbcDatabase b)
    {
        if (a.Version != b.Version) return $"version '{a.Version}' vs '{b.Version}'";
        if (!a.NewSymbols.SequenceEqual(b.NewSymbols)) return "NS_";
        if (a.BitTiming != b.BitTiming) return "BS_";
        if (!a.Nodes.Select(n => (n.Name, n.Comment)).SequenceEqual(b.Nodes.Select(n => (n.Name, n.Comment)))) return "nodes";
        for (int i = 0; i < a.Nodes.Count; i++)
            if (!SameMap(a.Nodes[i].Attributes, b.Nodes[i].Attributes)) return $"node {a.Nodes[i].Name} attributes";
        if (!a.Comments.SequenceEqual(b.Comments)) return "network comments";
        if (!SameMap(a.Attributes, b.Attributes)) return "network attributes";
        if (!a.AttributeDefinitions.SequenceEqual(b.AttributeDefinitions)) return "attribute definitions";
        if (!a.RelationAttributes.SequenceEqual(b.RelationAttributes)) return "relation attributes";
        if (a.ValueTables.Count != b.ValueTables.Count) return "value table count";
        foreach (var (name, table) in a.ValueTables)
            if (!b.ValueTables.TryGetValue(name, out var other) || !SameMap(table, other)) return $"value table {name}";
        if (a.EnvironmentVariables.Count != b.EnvironmentVariables.Count) return "environment variable count";
        for (int i = 0; i < a.EnvironmentVariables.Count; i++)
        {
            var x = a.EnvironmentVariables[i];
            var y = b.EnvironmentVariables[i];
            if ((x.Name, x.Type, x.Minimum, x.Maximum, x.Unit, x.InitialValue, x.Id, x.AccessType, x.Comment, x.DataSize)
                != (y.Name, y.Type, y.Minimum, y.Maximum, y.Unit, y.InitialValue, y.Id, y.AccessType, y.Comment, y.DataSize)
                || !x.AccessNodes.SequenceEqual(y.AccessNodes) || !SameMap(x.Choices, y.Choices) || !SameMap(x.Attributes, y.Attributes))
                return $"environment variable {x.Name}";
        }
        if (a.Messages.Count != b.Messages.Count) return $"message count {a.Messages.Count} vs {b.Messages.Count}";
        for (int i = 0; i < a.Messages.Count; i++)
        {
            string? d = Difference(a.Messages[i], b.Messages[i]);
            if (d is not null) return $"message {a.Messages[i].Name}: {d}";
        }
        return null;
    }

    private static string? Difference(Message a, Message b)
    {
        if ((a.Name, a.FrameId, a.IsExtended, a.Length, a.Comment, a.IsFd, a.CycleTimeMs) != (b.Name, b.FrameId, b.IsExtended, b.Length, b.Comment, b.IsFd, b.CycleTimeMs))
            return "header";
        if (!a.Senders.SequenceEqual(b.Senders)) return "senders";
        if (!SameMap(a.Attributes, b.Attributes)) return "attributes";
        if (!a.SignalGroups.SequenceEqual(b.SignalGroups)) return "signal groups";
        if (a.Signals.Count != b.Signals.Count) return "signal count";
        for (int i = 0; i < a.Signals.Count; i++)
        {
            var x = a.Signals[i];
            var y = b.Signals[i];
            if ((x.Name, x.StartBit, x.Length, x.ByteOrder, x.IsSigned, x.ValueType, x.Factor, x.Offset, x.Minimum, x.Maximum, x.Unit, x.Comment)
                != (y.Name, y.StartBit, y.Length, y.ByteOrder, y.IsSigned, y.ValueType, y.Factor, y.Offset, y.Minimum, y.Maximum, y.Unit, y.Comment))
                return $"signal {x.Name}";
            if ((x.IsMultiplexer, x.MultiplexerSignal, x.HasExtendedMultiplexing) != (y.IsMultiplexer, y.MultiplexerSignal, y.HasExtendedMultiplexing)
                || !x.MultiplexerRanges.SequenceEqual(y.MultiplexerRanges))
                return $"signal {x.Name} multiplexing";
            if (!x.Receivers.SequenceEqual(y.Receivers) || !SameMap(x.Choices, y.Choices) || !SameMap(x.Attributes, y.Attributes))
                return $"signal {x.Name} receivers/choices/attributes";
        }
        return null;
    }

    private static bool SameMap<TK, TV>(IReadOnlyDictionary<TK, TV> a, IReadOnlyDictionary<TK, TV> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && EqualityComparer<TV>.Default.Equals(kv.Value, v));
}
