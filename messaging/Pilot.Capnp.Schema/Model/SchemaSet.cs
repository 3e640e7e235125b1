namespace Pilot.Capnp.Schema;

/// <summary>A file the compiler was asked to compile, with the imports it names.</summary>
public sealed record RequestedFile(ulong Id, string FileName, IReadOnlyList<(ulong Id, string Name)> Imports);

/// <summary>
/// Every node of a CodeGeneratorRequest, linked into a tree (parents, nested nodes, groups). Pointer-typed default
/// values are views into the request message, which this object keeps alive.
/// </summary>
public sealed class SchemaSet
{
    private readonly Dictionary<ulong, SchemaNode> nodes;

    internal SchemaSet(Dictionary<ulong, SchemaNode> nodes, IReadOnlyList<RequestedFile> requestedFiles, MessageReader message)
    {
        this.nodes = nodes;
        RequestedFiles = requestedFiles;
        Message = message;
    }

    public IReadOnlyList<RequestedFile> RequestedFiles { get; }

    /// <summary>The request message the values point into.</summary>
    public MessageReader Message { get; }

    public IEnumerable<SchemaNode> Nodes => nodes.Values;

    public SchemaNode this[ulong id] => nodes.TryGetValue(id, out var node)
        ? node
        : throw new SchemaException($"the request has no node with id 0x{id:x16}");

    public bool TryGet(ulong id, out SchemaNode node) => nodes.TryGetValue(id, out node!);

    public StructNode Struct(ulong id) => this[id] as StructNode
        ?? throw new SchemaException($"node 0x{id:x16} ({this[id].DisplayName}) is not a struct");

    public EnumNode Enum(ulong id) => this[id] as EnumNode
        ?? throw new SchemaException($"node 0x{id:x16} ({this[id].DisplayName}) is not an enum");

    /// <summary>The requested file's node.</summary>
    public FileNode File(RequestedFile file) => this[file.Id] as FileNode
        ?? throw new SchemaException($"node 0x{file.Id:x16} is not a file");

    /// <summary>
    /// Resolves a dotted type name (<c>Outer.Inner</c>) in the first requested file, the way <c>capnp decode</c>
    /// resolves its TYPE argument.
    /// </summary>
    public StructNode FindStruct(string dottedName)
    {
        if (RequestedFiles.Count == 0) throw new SchemaException("the request names no file");
        SchemaNode scope = File(RequestedFiles[0]);
        foreach (string part in dottedName.Split('.'))
        {
            scope = scope.NestedNodes.FirstOrDefault(n => n.Name == part)
                ?? throw new SchemaException($"'{dottedName}': no '{part}' in {scope.DisplayName}");
        }
        return scope as StructNode ?? throw new SchemaException($"'{dottedName}' is not a struct type");
    }
}

/// <summary>A schema that cannot be loaded or a name that does not resolve.</summary>
public sealed class SchemaException(string message, Exception? inner = null) : Exception(message, inner);
