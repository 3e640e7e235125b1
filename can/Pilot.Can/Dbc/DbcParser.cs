namespace Pilot.Can.Dbc;

/// <summary>
/// Recursive-descent DBC parser over <see cref="DbcTokenizer"/>. One instance builds one database; opendbc's
/// <c>CM_ "IMPORT file";</c> parses the imported file into the same database first (as opendbc's generator
/// concatenates it), so errors still name the imported file and its own line numbers.
/// </summary>
internal sealed partial class DbcParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "VERSION", "NS_", "BS_", "BU_", "VAL_TABLE_", "BO_", "SG_", "BO_TX_BU_", "EV_", "ENVVAR_DATA_", "CM_", "BA_DEF_",
        "BA_DEF_REL_", "BA_DEF_DEF_", "BA_DEF_DEF_REL_", "BA_", "BA_REL_", "VAL_", "SIG_GROUP_", "SIG_VALTYPE_", "SG_MUL_VAL_",
        "CAT_DEF_", "CAT_", "FILTER", "SGTYPE_", "SGTYPE_VAL_", "SIG_TYPE_REF_", "SIGTYPE_VALTYPE_", "BA_DEF_SGTYPE_",
        "BA_SGTYPE_", "EV_DATA_", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "NS_DESC_",
    };

    // Statements Pilot reads past without modelling: signal types and categories are a CANdb++ editing aid, not data.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "CAT_DEF_", "CAT_", "FILTER", "SGTYPE_", "SGTYPE_VAL_", "SIG_TYPE_REF_", "SIGTYPE_VALTYPE_", "BA_DEF_SGTYPE_",
        "BA_SGTYPE_", "EV_DATA_", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "NS_DESC_",
    };

    // Span lookups: statement keywords are matched without allocating a string per token.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeywordLookup = Keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsKeyword(ReadOnlySpan<char> word) => KeywordLookup.Contains(word);

    private readonly DbcDatabase _db;
    private readonly Dictionary<Message, Dictionary<string, Signal>> _signalsByMessage = [];
    private readonly DbcLimits _limits;
    private readonly Dictionary<uint, Message> _messagesByRawId = [];
    private readonly Dictionary<Signal, (string File, int Line, int Column)> _signalPositions = [];
    private Message? _current;

    private DbcParser(DbcDatabase db, DbcLimits limits)
    {
        _db = db;
        _limits = limits;
    }

    public static DbcDatabase ParseFile(string path, DbcLimits limits)
    {
        var bytes = DbcText.ReadFile(path, limits.MaxFileBytes);
        return ParseBytes(bytes, Path.GetFileName(path), Path.GetDirectoryName(Path.GetFullPath(path)), limits);
    }

    public static DbcDatabase ParseBytes(byte[] bytes, string fileName, string? folder, DbcLimits limits) =>
        ParseText(DbcText.Decode(bytes), fileName, folder, limits);

    public static DbcDatabase ParseText(string text, string fileName, string? folder, DbcLimits limits)
    {
        var db = new DbcDatabase(Path.GetFileNameWithoutExtension(fileName));
        var parser = new DbcParser(db, limits);
        parser.ParseSource(text, fileName, folder, depth: 0);
        parser.Finish();
        db.Freeze();
        return db;
    }

    private void ParseSource(string text, string fileName, string? folder, int depth)
    {
        var t = new DbcTokenizer(text, fileName, _limits.MaxTokenLength);
        t.Read();
        while (t.Kind != DbcTokenKind.End)
        {
            string? keyword = null;
            if (t.Kind != DbcTokenKind.Identifier || !KeywordLookup.TryGetValue(t.Value, out keyword))
                t.Fail($"expected a statement keyword (BO_, SG_, CM_, BA_, VAL_, ...), found {t.Describe()}");
            if (keyword != "SG_") _current = keyword == "BO_" ? _current : null;
            ParseStatement(ref t, keyword!, folder, depth);
        }
    }

    private void ParseStatement(ref DbcTokenizer t, string keyword, string? folder, int depth)
    {
        if (Skipped.Contains(keyword))
        {
            t.SkipStatement();
            t.Read();
            return;
        }
        t.Read();
        switch (keyword)
        {
            case "VERSION": _db.Version = String(ref t, "the version string"); break;
            case "NS_": ParseNewSymbols(ref t); break;
            case "BS_": ParseBitTiming(ref t); break;
            case "BU_": ParseNodes(ref t); break;
            case "VAL_TABLE_": ParseValueTable(ref t); break;
            case "BO_": ParseMessage(ref t); break;
            case "SG_": ParseSignal(ref t); break;
            case "BO_TX_BU_": ParseTransmitters(ref t); break;
            case "EV_": ParseEnvironmentVariable(ref t); break;
            case "ENVVAR_DATA_": ParseEnvVarData(ref t); break;
            case "CM_": ParseComment(ref t, folder, depth); break;
            case "BA_DEF_": ParseAttributeDefinition(ref t, relation: false); break;
            case "BA_DEF_REL_": ParseAttributeDefinition(ref t, relation: true); break;
            case "BA_DEF_DEF_":
            case "BA_DEF_DEF_REL_": ParseAttributeDefault(ref t); break;
            case "BA_": ParseAttribute(ref t); break;
            case "BA_REL_": ParseRelationAttribute(ref t); break;
            case "VAL_": ParseValueDescriptions(ref t); break;
            case "SIG_GROUP_": ParseSignalGroup(ref t); break;
            case "SIG_VALTYPE_": ParseSignalValueType(ref t); break;
            case "SG_MUL_VAL_": ParseExtendedMultiplexing(ref t); break;
        }
    }

    private void ParseNewSymbols(ref DbcTokenizer t)
    {
        Expect(ref t, ':', "':' after NS_");
        var symbols = new List<string>();
        // The symbol list is indented, one per line; it ends at the first word in column 1 (normally BS_).
        while (t.Kind == DbcTokenKind.Identifier && t.TokenColumn > 1 && !t.IsWord("BS_") && !t.IsWord("BU_") && !t.IsWord("BO_"))
        {
            symbols.Add(t.Value.ToString());
            t.Read();
        }
        _db.NewSymbols = symbols;
    }

    private void ParseBitTiming(ref DbcTokenizer t)
    {
        Expect(ref t, ':', "':' after BS_");
        if (t.Kind != DbcTokenKind.Number) return;
        long baud = Integer(ref t, "the baud rate");
        Expect(ref t, ':', "':' after the baud rate");
        long btr1 = Integer(ref t, "BTR1");
        Expect(ref t, ',', "',' between BTR1 and BTR2");
        long btr2 = Integer(ref t, "BTR2");
        _db.BitTiming = $"{baud}:{btr1},{btr2}";
    }

    private void ParseNodes(ref DbcTokenizer t)
    {
        Expect(ref t, ':', "':' after BU_");
        while (t.Kind == DbcTokenKind.Identifier && !IsKeyword(t.Value))
        {
            string name = t.Value.ToString();
            if (!_db.NodeList.Any(n => n.Name == name)) _db.NodeList.Add(new Node(name));
            t.Read();
            if (t.Is(',')) t.Read();
        }
    }

    private void ParseEnvVarData(ref DbcTokenizer t)
    {
        string name = Identifier(ref t, "an environment variable name");
        Expect(ref t, ':', "':' after the environment variable name");
        long size = Integer(ref t, "the data size");
        EndStatement(ref t, "ENVVAR_DATA_");
        var ev = _db.EnvironmentVariableList.FirstOrDefault(e => e.Name == name);
        if (ev is not null) ev.DataSize = size;
    }

    // ---- token helpers: each checks the current token, consumes it and reads the next ----

    private static void Expect(ref DbcTokenizer t, char p, string what)
    {
        if (!t.Is(p)) t.Fail($"expected {what}, found {t.Describe()}");
        t.Read();
    }

    /// <summary>
    /// Consumes the ';' ending a statement. opendbc files sometimes leave it out at the end of a line; when the next
    /// token starts a new statement in column 1 (or the file ends) that is recorded as a warning, as opendbc's own
    /// line-based parser accepts it. Anything else is an error.
    /// </summary>
    private void EndStatement(ref DbcTokenizer t, string statement)
    {
        if (t.Is(';'))
        {
            t.Read();
            return;
        }
        bool nextStatement = t.Kind == DbcTokenKind.End
            || (t.Kind == DbcTokenKind.Identifier && t.TokenColumn == 1 && IsKeyword(t.Value));
        if (!nextStatement) t.Fail($"expected ';' ending {statement}, found {t.Describe()}");
        Warn(ref t, $"missing ';' ending {statement} before {t.Describe()}");
    }

    private void Warn(ref DbcTokenizer t, string problem) => _db.WarningList.Add($"{t.File}:{t.TokenLine}:{t.TokenColumn}: {problem}");

    private static string Identifier(ref DbcTokenizer t, string what)
    {
        if (t.Kind != DbcTokenKind.Identifier) t.Fail($"expected {what}, found {t.Describe()}");
        string s = t.Value.ToString();
        t.Read();
        return s;
    }

    private static string String(ref DbcTokenizer t, string what)
    {
        if (t.Kind != DbcTokenKind.String) t.Fail($"expected {what} (a quoted string), found {t.Describe()}");
        string s = t.StringValue();
        t.Read();
        return s;
    }

    private static double Number(ref DbcTokenizer t, string what)
    {
        if (t.Kind != DbcTokenKind.Number) t.Fail($"expected {what} (a number), found {t.Describe()}");
        double d = t.NumberAsDouble();
        t.Read();
        return d;
    }

    private static string NumberText(ref DbcTokenizer t, string what)
    {
        if (t.Kind != DbcTokenKind.Number) t.Fail($"expected {what} (a number), found {t.Describe()}");
        t.NumberAsDouble();
        string s = t.Value.ToString();
        t.Read();
        return s;
    }

    private static long Integer(ref DbcTokenizer t, string what)
    {
        if (t.Kind != DbcTokenKind.Number) t.Fail($"expected {what} (an integer), found {t.Describe()}");
        long v = t.NumberAsInteger();
        t.Read();
        return v;
    }

    private static uint MessageId(ref DbcTokenizer t)
    {
        if (t.Kind != DbcTokenKind.Number) t.Fail($"expected a message id (an integer), found {t.Describe()}");
        long v = t.NumberAsInteger();
        if (v < 0 || v > uint.MaxValue) t.Fail($"message id {v} is outside 0..4294967295");
        t.Read();
        return (uint)v;
    }

    private Message? FindMessage(uint rawId)
    {
        if (_messagesByRawId.TryGetValue(rawId, out var m)) return m;
        return _messagesByRawId.TryGetValue(rawId ^ 0x8000_0000u, out m) ? m : null;
    }

    private Signal? FindSignal(uint rawId, string name)
    {
        var m = FindMessage(rawId);
        return m is not null && _signalsByMessage.TryGetValue(m, out var byName) && byName.TryGetValue(name, out var s) ? s : null;
    }
}
