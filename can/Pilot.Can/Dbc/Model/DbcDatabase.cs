namespace Pilot.Can.Dbc;

/// <summary>
/// A CAN database read from a DBC file: messages with their signals, nodes, value tables, attributes and comments.
/// Load from a file (<see cref="Load(string, DbcLimits?)"/>, resolving opendbc's <c>CM_ "IMPORT file";</c>),
/// a stream or a string; look messages up by name or id; write back with <see cref="DbcWriter"/>.
/// </summary>
public sealed class DbcDatabase
{
    internal DbcDatabase(string name) => Name = name;

    /// <summary>The database name: the file name without extension (this selects the checksum profile, as in opendbc).</summary>
    public string Name { get; }
    public string Version { get; internal set; } = "";
    public IReadOnlyList<string> NewSymbols { get; internal set; } = [];
    /// <summary>The BS_ line's content (baud rate and BTR registers), usually empty.</summary>
    public string BitTiming { get; internal set; } = "";
    public IReadOnlyList<Node> Nodes => NodeList;
    internal List<Node> NodeList { get; } = [];
    public IReadOnlyList<Message> Messages => MessageList;
    internal List<Message> MessageList { get; } = [];
    public IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> ValueTables => ValueTableMap;
    internal Dictionary<string, IReadOnlyDictionary<long, string>> ValueTableMap { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<EnvironmentVariable> EnvironmentVariables => EnvironmentVariableList;
    internal List<EnvironmentVariable> EnvironmentVariableList { get; } = [];
    public IReadOnlyList<AttributeDefinition> AttributeDefinitions => AttributeDefinitionList;
    internal List<AttributeDefinition> AttributeDefinitionList { get; } = [];
    /// <summary>Network (database-level) attribute values.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes => AttributeMap;
    internal Dictionary<string, AttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<RelationAttribute> RelationAttributes => RelationAttributeList;
    internal List<RelationAttribute> RelationAttributeList { get; } = [];
    /// <summary>Network comments (CM_ "..."; other than opendbc IMPORT directives), in file order.</summary>
    public IReadOnlyList<string> Comments => CommentList;
    internal List<string> CommentList { get; } = [];

    /// <summary>
    /// Deviations from the DBC grammar that real files contain and that the loader tolerated, each with file, line and
    /// column (e.g. a VAL_ without its closing ';' followed by the next statement, or a CM_ SG_ without a signal name,
    /// both present in opendbc). Empty for a clean file.
    /// </summary>
    public IReadOnlyList<string> Warnings => WarningList;
    internal List<string> WarningList { get; } = [];

    private readonly Dictionary<string, Message> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, Message> _byId = [];

    /// <summary>Reads a DBC file (UTF-8 or cp1252, any line ending), resolving <c>CM_ "IMPORT file";</c> relative to it.</summary>
    public static DbcDatabase Load(string path, DbcLimits? limits = null) => DbcParser.ParseFile(path, limits ?? DbcLimits.Default);

    /// <summary>
    /// Reads a DBC from a stream; <paramref name="name"/> names it in errors and selects the checksum profile. There is
    /// no folder to resolve <c>CM_ "IMPORT file";</c> in, so an import raises a <see cref="DbcException"/>.
    /// </summary>
    public static DbcDatabase Load(Stream stream, string name, DbcLimits? limits = null) =>
        DbcParser.ParseBytes(DbcText.ReadAll(stream, name, (limits ?? DbcLimits.Default).MaxFileBytes), name, null, limits ?? DbcLimits.Default);

    /// <summary>Parses DBC text held in memory. An IMPORT raises a <see cref="DbcException"/> (there is no folder to resolve it in).</summary>
    public static DbcDatabase Parse(string text, string name = "<string>", DbcLimits? limits = null) =>
        DbcParser.ParseText(text, name, null, limits ?? DbcLimits.Default);

    /// <summary>The message named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public Message GetMessage(string name) => _byName.TryGetValue(name, out var m) ? m
        : throw new KeyNotFoundException($"database {Name} has no message '{name}'");

    /// <summary>The message with arbitration id <paramref name="frameId"/> (without the extended flag); throws when absent.</summary>
    public Message GetMessage(uint frameId) => _byId.TryGetValue(frameId & 0x1FFF_FFFF, out var m) ? m
        : throw new KeyNotFoundException($"database {Name} has no message with id 0x{frameId:X}");

    public bool TryGetMessage(string name, out Message message) => _byName.TryGetValue(name, out message!);

    public bool TryGetMessage(uint frameId, out Message message) => _byId.TryGetValue(frameId & 0x1FFF_FFFF, out message!);

    /// <summary>Builds lookups and compiles every message's codec; called once after parsing.</summary>
    internal void Freeze()
    {
        foreach (var m in MessageList)
        {
            _byName.TryAdd(m.Name, m);
            _byId[m.FrameId] = m;
            m.Codec = new Codec.MessageCodec(m);
        }
    }

    public override string ToString() => $"{Name}: {MessageList.Count} messages";
}
