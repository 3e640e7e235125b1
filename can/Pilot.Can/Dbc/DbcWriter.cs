using System.Globalization;
using System.Text;

namespace Pilot.Can.Dbc;

/// <summary>
/// Writes a <see cref="DbcDatabase"/> back to DBC text in the usual CANdb++ section order. Parsing the output gives a
/// database structurally equal to the one written (numbers use round-trip formatting, strings are escaped).
/// </summary>
public static class DbcWriter
{
    public static string ToText(DbcDatabase db)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(db, sw);
        return sw.ToString();
    }

    /// <summary>Writes the database as UTF-8 to <paramref name="path"/>.</summary>
    public static void WriteFile(DbcDatabase db, string path) => File.WriteAllText(path, ToText(db), new UTF8Encoding(false));

    public static void Write(DbcDatabase db, TextWriter w)
    {
        w.WriteLine($"VERSION {Quote(db.Version)}");
        w.WriteLine();
        w.WriteLine("NS_ :");
        foreach (var s in db.NewSymbols) w.WriteLine($"\t{s}");
        w.WriteLine();
        w.WriteLine(db.BitTiming.Length == 0 ? "BS_:" : $"BS_: {db.BitTiming}");
        w.WriteLine();
        w.WriteLine($"BU_: {string.Join(" ", db.Nodes.Select(n => n.Name))}");
        foreach (var (name, table) in db.ValueTables) w.WriteLine($"VAL_TABLE_ {name}{Choices(table)} ;");
        w.WriteLine();
        foreach (var m in db.Messages) WriteMessage(m, w);
        foreach (var m in db.Messages.Where(m => m.Senders.Count > 1))
            w.WriteLine($"BO_TX_BU_ {m.DbcId} : {string.Join(",", m.Senders)};");
        foreach (var ev in db.EnvironmentVariables)
        {
            w.WriteLine($"EV_ {ev.Name} : {ev.Type} [{N(ev.Minimum)}|{N(ev.Maximum)}] {Quote(ev.Unit)} {N(ev.InitialValue)} {ev.Id} {ev.AccessType} {string.Join(",", ev.AccessNodes)};");
            if (ev.DataSize is long size) w.WriteLine($"ENVVAR_DATA_ {ev.Name} : {size};");
        }
        w.WriteLine();
        WriteComments(db, w);
        WriteAttributes(db, w);
        foreach (var m in db.Messages)
            foreach (var s in m.Signals.Where(s => s.Choices.Count > 0))
                w.WriteLine($"VAL_ {m.DbcId} {s.Name}{Choices(s.Choices)} ;");
        foreach (var ev in db.EnvironmentVariables.Where(e => e.Choices.Count > 0))
            w.WriteLine($"VAL_ {ev.Name}{Choices(ev.Choices)} ;");
        foreach (var m in db.Messages)
            foreach (var g in m.SignalGroups)
                w.WriteLine($"SIG_GROUP_ {m.DbcId} {g.Name} {g.Repetitions} : {string.Join(" ", g.SignalNames)};");
        foreach (var m in db.Messages)
            foreach (var s in m.Signals.Where(s => s.ValueType != SignalValueType.Integer))
                w.WriteLine($"SIG_VALTYPE_ {m.DbcId} {s.Name} : {(s.ValueType == SignalValueType.Float32 ? 1 : 2)};");
        foreach (var m in db.Messages)
            foreach (var s in m.Signals.Where(s => s.HasExtendedMultiplexing))
                w.WriteLine($"SG_MUL_VAL_ {m.DbcId} {s.Name} {s.MultiplexerSignal} {string.Join(", ", s.MultiplexerRanges.Select(r => $"{r.From}-{r.To}"))};");
    }

    private static void WriteMessage(Message m, TextWriter w)
    {
        w.WriteLine($"BO_ {m.DbcId} {m.Name}: {m.Length}{(m.Senders.Count > 0 ? " " + m.Senders[0] : "")}");
        foreach (var s in m.Signals)
        {
            string mux = "";
            if (s.MultiplexerRanges.Count > 0) mux = $"m{s.MultiplexerRanges[0].From}";
            if (s.IsMultiplexer) mux += "M";
            w.WriteLine($" SG_ {s.Name} {(mux.Length > 0 ? mux + " " : "")}: {s.StartBit}|{s.Length}@{(s.ByteOrder == ByteOrder.LittleEndian ? 1 : 0)}{(s.IsSigned ? '-' : '+')}"
                + $" ({N(s.Factor)},{N(s.Offset)}) [{N(s.Minimum)}|{N(s.Maximum)}] {Quote(s.Unit)} {(s.Receivers.Count > 0 ? string.Join(",", s.Receivers) : "")}".TrimEnd());
        }
        w.WriteLine();
    }

    private static void WriteComments(DbcDatabase db, TextWriter w)
    {
        foreach (var c in db.Comments) w.WriteLine($"CM_ {Quote(c)};");
        foreach (var n in db.Nodes.Where(n => n.Comment is not null)) w.WriteLine($"CM_ BU_ {n.Name} {Quote(n.Comment!)};");
        foreach (var m in db.Messages)
        {
            if (m.Comment is not null) w.WriteLine($"CM_ BO_ {m.DbcId} {Quote(m.Comment)};");
            foreach (var s in m.Signals.Where(s => s.Comment is not null)) w.WriteLine($"CM_ SG_ {m.DbcId} {s.Name} {Quote(s.Comment!)};");
        }
        foreach (var ev in db.EnvironmentVariables.Where(e => e.Comment is not null)) w.WriteLine($"CM_ EV_ {ev.Name} {Quote(ev.Comment!)};");
    }

    private static void WriteAttributes(DbcDatabase db, TextWriter w)
    {
        foreach (var d in db.AttributeDefinitions)
        {
            bool relation = d.ObjectType >= AttributeObjectType.NodeSignalRelation;
            string type = d.Kind switch
            {
                AttributeValueKind.Int => "INT" + Range(d),
                AttributeValueKind.Hex => "HEX" + Range(d),
                AttributeValueKind.Float => "FLOAT" + Range(d),
                AttributeValueKind.String => "STRING",
                _ => "ENUM " + string.Join(",", d.EnumValues.Select(Quote)),
            };
            w.WriteLine($"{(relation ? "BA_DEF_REL_" : "BA_DEF_")} {ObjectPrefix(d.ObjectType)}{Quote(d.Name)} {type};");
        }
        foreach (var d in db.AttributeDefinitions.Where(d => d.Default is not null))
        {
            bool relation = d.ObjectType >= AttributeObjectType.NodeSignalRelation;
            w.WriteLine($"{(relation ? "BA_DEF_DEF_REL_" : "BA_DEF_DEF_")} {Quote(d.Name)} {V(d.Default!)};");
        }
        foreach (var (name, v) in db.Attributes) w.WriteLine($"BA_ {Quote(name)} {V(v)};");
        foreach (var n in db.Nodes)
            foreach (var (name, v) in n.Attributes) w.WriteLine($"BA_ {Quote(name)} BU_ {n.Name} {V(v)};");
        foreach (var m in db.Messages)
        {
            foreach (var (name, v) in m.Attributes) w.WriteLine($"BA_ {Quote(name)} BO_ {m.DbcId} {V(v)};");
            foreach (var s in m.Signals)
                foreach (var (name, v) in s.Attributes) w.WriteLine($"BA_ {Quote(name)} SG_ {m.DbcId} {s.Name} {V(v)};");
        }
        foreach (var ev in db.EnvironmentVariables)
            foreach (var (name, v) in ev.Attributes) w.WriteLine($"BA_ {Quote(name)} EV_ {ev.Name} {V(v)};");
        foreach (var r in db.RelationAttributes)
        {
            string target = r.ObjectType switch
            {
                AttributeObjectType.NodeSignalRelation => $"BU_SG_REL_ {r.Node} SG_ {r.DbcId} {r.Target}",
                AttributeObjectType.NodeMessageRelation => $"BU_BO_REL_ {r.Node} {r.DbcId}",
                _ => $"BU_EV_REL_ {r.Node} {r.Target}",
            };
            w.WriteLine($"BA_REL_ {Quote(r.Name)} {target} {V(r.Value)};");
        }
    }

    private static string Range(AttributeDefinition d) => d.Minimum is null ? "" : $" {d.Minimum} {d.Maximum}";

    private static string ObjectPrefix(AttributeObjectType t) => t switch
    {
        AttributeObjectType.Network => "",
        AttributeObjectType.Node => "BU_ ",
        AttributeObjectType.Message => "BO_ ",
        AttributeObjectType.Signal => "SG_ ",
        AttributeObjectType.EnvironmentVariable => "EV_ ",
        AttributeObjectType.NodeSignalRelation => "BU_SG_REL_ ",
        AttributeObjectType.NodeMessageRelation => "BU_BO_REL_ ",
        _ => "BU_EV_REL_ ",
    };

    private static string Choices(IReadOnlyDictionary<long, string> choices) =>
        string.Concat(choices.Select(c => $" {c.Key} {Quote(c.Value)}"));

    private static string V(AttributeValue v) => v.IsString ? Quote(v.Text) : v.Text;

    private static string N(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
