namespace Pilot.Can.Dbc;

internal sealed partial class DbcParser
{
    private const string ImportPrefix = "IMPORT ";

    private void ParseComment(ref DbcTokenizer t, string? folder, int depth)
    {
        int line = t.TokenLine, column = t.TokenColumn;
        if (t.Kind == DbcTokenKind.String)
        {
            string text = String(ref t, "the comment");
            EndStatement(ref t, $"CM_");
            if (text.StartsWith(ImportPrefix, StringComparison.Ordinal) && text.EndsWith(".dbc", StringComparison.OrdinalIgnoreCase))
                Import(text[ImportPrefix.Length..].Trim(), t.File, line, column, folder, depth);
            else
                _db.CommentList.Add(text);
            return;
        }
        if (t.Kind == DbcTokenKind.Number)
        {
            // hyundai_can.dbc writes "CM_ 145 ..." for a message comment: tolerated and dropped, as opendbc ignores it.
            Warn(ref t, "CM_ followed by a number: expected BU_, BO_, SG_, EV_ or a quoted comment; comment ignored");
            t.SkipStatement();
            t.Read();
            return;
        }
        string kind = Identifier(ref t, "BU_, BO_, SG_, EV_ or a quoted comment");
        switch (kind)
        {
            case "BU_":
            {
                string node = Identifier(ref t, "a node name");
                string text = String(ref t, "the comment");
                var n = _db.NodeList.FirstOrDefault(x => x.Name == node);
                if (n is not null) n.Comment = text;
                break;
            }
            case "BO_":
            {
                uint id = MessageId(ref t);
                string text = String(ref t, "the comment");
                var m = FindMessage(id);
                if (m is not null) m.Comment = text;
                break;
            }
            case "SG_":
            {
                uint id = MessageId(ref t);
                if (t.Kind == DbcTokenKind.String)
                {
                    // _honda_common.dbc has "CM_ SG_ 304 \"...\";" without the signal name: tolerated, comment dropped.
                    Warn(ref t, $"CM_ SG_ {id} has no signal name; comment ignored");
                    t.Read();
                    break;
                }
                string name = Identifier(ref t, "a signal name");
                string text = String(ref t, "the comment");
                var s = FindSignal(id, name);
                if (s is not null) s.Comment = text;
                break;
            }
            case "EV_":
            {
                string name = Identifier(ref t, "an environment variable name");
                string text = String(ref t, "the comment");
                var ev = _db.EnvironmentVariableList.FirstOrDefault(e => e.Name == name);
                if (ev is not null) ev.Comment = text;
                break;
            }
            default:
                DbcException.Throw(t.File, line, column, $"expected BU_, BO_, SG_, EV_ or a quoted comment after CM_, found '{kind}'");
                break;
        }
        EndStatement(ref t, $"CM_");
    }

    private void Import(string file, string from, int line, int column, string? folder, int depth)
    {
        if (folder is null)
            DbcException.Throw(from, line, column, $"cannot resolve IMPORT {file}: the database was not loaded from a file");
        if (depth + 1 > _limits.MaxImportDepth)
            DbcException.Throw(from, line, column, $"IMPORT {file} nests deeper than DbcLimits.MaxImportDepth ({_limits.MaxImportDepth})");
        string path = Path.Combine(folder, file);
        if (!File.Exists(path))
            DbcException.Throw(from, line, column, $"IMPORT {file}: file not found at {path}");
        var saved = _current;
        ParseSource(DbcText.Decode(DbcText.ReadFile(path, _limits.MaxFileBytes)), file, Path.GetDirectoryName(path), depth + 1);
        _current = saved;
    }

    private static AttributeObjectType ObjectType(ref DbcTokenizer t, bool relation)
    {
        if (relation)
        {
            var kind = Identifier(ref t, "BU_SG_REL_, BU_BO_REL_ or BU_EV_REL_") switch
            {
                "BU_SG_REL_" => AttributeObjectType.NodeSignalRelation,
                "BU_BO_REL_" => AttributeObjectType.NodeMessageRelation,
                "BU_EV_REL_" => AttributeObjectType.NodeEnvironmentVariableRelation,
                var other => Bad(ref t, other),
            };
            return kind;
        }
        if (t.Kind != DbcTokenKind.Identifier) return AttributeObjectType.Network;
        return Identifier(ref t, "BU_, BO_, SG_ or EV_") switch
        {
            "BU_" => AttributeObjectType.Node,
            "BO_" => AttributeObjectType.Message,
            "SG_" => AttributeObjectType.Signal,
            "EV_" => AttributeObjectType.EnvironmentVariable,
            var other => Bad(ref t, other),
        };

        static AttributeObjectType Bad(ref DbcTokenizer t, string other)
        {
            t.Fail($"expected an attribute object type (BU_, BO_, SG_, EV_ or a relation), found '{other}'");
            return default;
        }
    }

    private void ParseAttributeDefinition(ref DbcTokenizer t, bool relation)
    {
        var objectType = ObjectType(ref t, relation);
        string name = String(ref t, "the attribute name");
        int line = t.TokenLine, column = t.TokenColumn;
        string type = Identifier(ref t, "the attribute type (INT, HEX, FLOAT, STRING or ENUM)");
        string? min = null, max = null;
        var enumValues = new List<string>();
        AttributeValueKind kind;
        switch (type)
        {
            case "INT":
            case "HEX":
            case "FLOAT":
                kind = type == "INT" ? AttributeValueKind.Int : type == "HEX" ? AttributeValueKind.Hex : AttributeValueKind.Float;
                if (t.Kind == DbcTokenKind.Number)
                {
                    min = NumberText(ref t, "the minimum");
                    max = NumberText(ref t, "the maximum");
                }
                break;
            case "STRING":
                kind = AttributeValueKind.String;
                break;
            case "ENUM":
                kind = AttributeValueKind.Enum;
                while (t.Kind == DbcTokenKind.String)
                {
                    enumValues.Add(String(ref t, "an enum value"));
                    if (t.Is(',')) t.Read();
                }
                break;
            default:
                DbcException.Throw(t.File, line, column, $"expected the attribute type INT, HEX, FLOAT, STRING or ENUM, found '{type}'");
                return;
        }
        Expect(ref t, ';', $"';' ending BA_DEF_ \"{name}\"");
        _db.AttributeDefinitionList.RemoveAll(d => d.Name == name);
        _db.AttributeDefinitionList.Add(new AttributeDefinition(name, objectType, kind, min, max, enumValues));
    }

    private static AttributeValue Value(ref DbcTokenizer t)
    {
        if (t.Kind == DbcTokenKind.String) return new AttributeValue(String(ref t, "the value"), true);
        return new AttributeValue(NumberText(ref t, "the attribute value"), false);
    }

    private void ParseAttributeDefault(ref DbcTokenizer t)
    {
        string name = String(ref t, "the attribute name");
        var value = Value(ref t);
        EndStatement(ref t, $"BA_DEF_DEF_");
        var def = _db.AttributeDefinitionList.FirstOrDefault(d => d.Name == name);
        if (def is not null) def.Default = value;
    }

    private void ParseAttribute(ref DbcTokenizer t)
    {
        string name = String(ref t, "the attribute name");
        Dictionary<string, AttributeValue>? target = _db.AttributeMap;
        if (t.Kind == DbcTokenKind.Identifier)
        {
            switch (Identifier(ref t, "BU_, BO_, SG_ or EV_"))
            {
                case "BU_":
                    string node = Identifier(ref t, "a node name");
                    target = _db.NodeList.FirstOrDefault(n => n.Name == node)?.AttributeMap;
                    break;
                case "BO_":
                    target = FindMessage(MessageId(ref t))?.AttributeMap;
                    break;
                case "SG_":
                    uint id = MessageId(ref t);
                    target = FindSignal(id, Identifier(ref t, "a signal name"))?.AttributeMap;
                    break;
                case "EV_":
                    string ev = Identifier(ref t, "an environment variable name");
                    target = _db.EnvironmentVariableList.FirstOrDefault(e => e.Name == ev)?.AttributeMap;
                    break;
                default:
                    t.Fail($"expected BU_, BO_, SG_ or EV_ after BA_ \"{name}\"");
                    break;
            }
        }
        var value = Value(ref t);
        EndStatement(ref t, $"BA_");
        if (target is not null) target[name] = value;
    }

    private void ParseRelationAttribute(ref DbcTokenizer t)
    {
        string name = String(ref t, "the attribute name");
        var objectType = ObjectType(ref t, relation: true);
        string node = Identifier(ref t, "a node name");
        uint id = 0;
        string? target = null;
        switch (objectType)
        {
            case AttributeObjectType.NodeSignalRelation:
                if (!t.IsWord("SG_")) t.Fail($"expected SG_ in BA_REL_ \"{name}\" BU_SG_REL_, found {t.Describe()}");
                t.Read();
                id = MessageId(ref t);
                target = Identifier(ref t, "a signal name");
                break;
            case AttributeObjectType.NodeMessageRelation:
                id = MessageId(ref t);
                break;
            default:
                target = Identifier(ref t, "an environment variable name");
                break;
        }
        var value = Value(ref t);
        EndStatement(ref t, $"BA_REL_");
        _db.RelationAttributeList.Add(new RelationAttribute(name, objectType, node, id, target, value));
    }

    private void ParseEnvironmentVariable(ref DbcTokenizer t)
    {
        string name = Identifier(ref t, "an environment variable name");
        Expect(ref t, ':', "':' after the environment variable name");
        var ev = new EnvironmentVariable(name) { Type = (int)Integer(ref t, "the variable type") };
        Expect(ref t, '[', "'[' before minimum|maximum");
        ev.Minimum = Number(ref t, "the minimum");
        Expect(ref t, '|', "'|' between minimum and maximum");
        ev.Maximum = Number(ref t, "the maximum");
        Expect(ref t, ']', "']' after minimum|maximum");
        ev.Unit = String(ref t, "the unit");
        ev.InitialValue = Number(ref t, "the initial value");
        ev.Id = Integer(ref t, "the variable id");
        ev.AccessType = Identifier(ref t, "the access type");
        var nodes = new List<string>();
        while (t.Kind == DbcTokenKind.Identifier)
        {
            nodes.Add(t.Value.ToString());
            t.Read();
            if (t.Is(',')) t.Read();
        }
        ev.AccessNodes = nodes;
        EndStatement(ref t, $"EV_");
        _db.EnvironmentVariableList.Add(ev);
    }
}
