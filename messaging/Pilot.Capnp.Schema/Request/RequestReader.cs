namespace Pilot.Capnp.Schema;

/// <summary>
/// Reads a CodeGeneratorRequest (schema.capnp, as written by <c>capnp compile -o-</c>) into a <see cref="SchemaSet"/>.
/// The accessors are written by hand from the layout that <c>capnp compile -ocapnp schema.capnp</c> reports, because
/// this reader is what the generator itself needs to run (the offsets live in <see cref="SchemaLayout"/>).
/// </summary>
public static class RequestReader
{
    /// <summary>The request is produced by the trusted reference compiler and large schemas exceed the default budget.</summary>
    private static readonly ReaderOptions RequestOptions = new()
    {
        TraversalLimitInWords = long.MaxValue / 2,
        MessageSizeLimitInWords = int.MaxValue / 8,
    };

    public static SchemaSet Read(ReadOnlyMemory<byte> framed)
    {
        var message = MessageReader.ReadFramed(framed, RequestOptions);
        var request = message.Root;
        var nodes = new Dictionary<ulong, SchemaNode>();
        var nestedNames = new List<(ulong Parent, ulong Child, string Name)>();
        var nodeList = request.ReadList(SchemaLayout.Request.Nodes);
        for (int i = 0; i < nodeList.Count; i++)
        {
            var node = ReadNode(nodeList.GetStruct(i));
            nodes[node.Id] = node;
            var nested = nodeList.GetStruct(i).ReadList(SchemaLayout.Node.NestedNodes);
            for (int j = 0; j < nested.Count; j++)
                nestedNames.Add((node.Id, nested.GetStruct(j).ReadUInt64(SchemaLayout.NestedNode.Id),
                    nested.GetStruct(j).ReadText(SchemaLayout.NestedNode.Name)));
        }
        Link(nodes, nestedNames);
        ReadSourceInfo(request.ReadList(SchemaLayout.Request.SourceInfo), nodes);
        return new SchemaSet(nodes, ReadRequestedFiles(request.ReadList(SchemaLayout.Request.RequestedFiles)), message);
    }

    private static SchemaNode ReadNode(StructReader node)
    {
        ulong id = node.ReadUInt64(SchemaLayout.Node.Id);
        string displayName = node.ReadText(SchemaLayout.Node.DisplayName);
        ulong scopeId = node.ReadUInt64(SchemaLayout.Node.ScopeId);
        SchemaNode result = node.ReadUInt16(SchemaLayout.Node.Which) switch
        {
            SchemaLayout.Node.File => new FileNode(id, displayName),
            SchemaLayout.Node.Struct => ReadStruct(node, id, displayName, scopeId),
            SchemaLayout.Node.Enum => new EnumNode(id, displayName, scopeId, ReadEnumerants(node.ReadList(SchemaLayout.Node.EnumEnumerants))),
            SchemaLayout.Node.Const => new ConstNode(id, displayName, scopeId,
                ReadType(node.ReadStruct(SchemaLayout.Node.ConstType)), ReadValue(node.ReadStruct(SchemaLayout.Node.ConstValue))),
            _ => new OtherNode(id, displayName, scopeId),
        };
        // The short name is the display name after the prefix; nested-node entries override it for nested nodes.
        int prefix = (int)node.ReadUInt32(SchemaLayout.Node.DisplayNamePrefixLength);
        result.Name = prefix <= displayName.Length ? displayName[prefix..] : displayName;
        return result;
    }

    private static StructNode ReadStruct(StructReader node, ulong id, string displayName, ulong scopeId)
    {
        var list = node.ReadList(SchemaLayout.Node.StructFields);
        var fields = new Field[list.Count];
        for (int i = 0; i < fields.Length; i++) fields[i] = ReadField(list.GetStruct(i), i);
        return new StructNode(id, displayName, scopeId,
            node.ReadUInt16(SchemaLayout.Node.StructDataWordCount), node.ReadUInt16(SchemaLayout.Node.StructPointerCount),
            node.ReadBool(SchemaLayout.Node.StructIsGroup), node.ReadUInt16(SchemaLayout.Node.StructDiscriminantCount),
            node.ReadUInt32(SchemaLayout.Node.StructDiscriminantOffset), fields);
    }

    private static Field ReadField(StructReader field, int index)
    {
        string name = field.ReadText(SchemaLayout.Field.Name);
        ushort codeOrder = field.ReadUInt16(SchemaLayout.Field.CodeOrder);
        ushort discriminant = field.ReadUInt16(SchemaLayout.Field.DiscriminantValue, Field.NoDiscriminant);
        if (field.ReadUInt16(SchemaLayout.Field.Which) == SchemaLayout.Field.Group)
            return new Field(name, index, codeOrder, discriminant, 0, null, SchemaValue.Zero, false,
                field.ReadUInt64(SchemaLayout.Field.GroupTypeId));
        var type = ReadType(field.ReadStruct(SchemaLayout.Field.SlotType));
        return new Field(name, index, codeOrder, discriminant, field.ReadUInt32(SchemaLayout.Field.SlotOffset), type,
            ReadValue(field.ReadStruct(SchemaLayout.Field.SlotDefaultValue)),
            field.ReadBool(SchemaLayout.Field.SlotHadExplicitDefault), 0);
    }

    private static Enumerant[] ReadEnumerants(ListReader list)
    {
        var result = new Enumerant[list.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = new Enumerant(list.GetStruct(i).ReadText(SchemaLayout.Enumerant.Name),
                list.GetStruct(i).ReadUInt16(SchemaLayout.Enumerant.CodeOrder));
        return result;
    }

    internal static SchemaType ReadType(StructReader type)
    {
        var kind = (TypeKind)type.ReadUInt16(SchemaLayout.Type.Which);
        return kind switch
        {
            <= TypeKind.Data => new SchemaType(kind),
            TypeKind.List => new SchemaType(kind, ReadType(type.ReadStruct(SchemaLayout.Type.ListElementType))),
            TypeKind.Enum or TypeKind.Struct or TypeKind.Interface =>
                new SchemaType(kind, null, type.ReadUInt64(SchemaLayout.Type.TypeId), ReadBrand(type.ReadStruct(SchemaLayout.Type.Brand))),
            TypeKind.AnyPointer when type.ReadUInt16(SchemaLayout.Type.AnyPointerWhich) == SchemaLayout.Type.AnyPointerParameter =>
                new SchemaType(kind, parameterScopeId: type.ReadUInt64(SchemaLayout.Type.ParameterScopeId),
                    parameterIndex: type.ReadUInt16(SchemaLayout.Type.ParameterIndex)),
            TypeKind.AnyPointer => new SchemaType(kind),
            _ => throw new SchemaException($"unknown type tag {(ushort)kind} in the request"),
        };
    }

    private static BrandScope[] ReadBrand(StructReader brand)
    {
        var scopes = brand.ReadList(SchemaLayout.Brand.Scopes);
        var result = new BrandScope[scopes.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var scope = scopes.GetStruct(i);
            SchemaType?[]? bindings = null;
            if (scope.ReadUInt16(SchemaLayout.Brand.ScopeWhich) == SchemaLayout.Brand.ScopeBind)
            {
                var list = scope.ReadList(SchemaLayout.Brand.ScopeBindings);
                bindings = new SchemaType?[list.Count];
                for (int j = 0; j < bindings.Length; j++)
                {
                    var binding = list.GetStruct(j);
                    if (binding.ReadUInt16(SchemaLayout.Brand.BindingWhich) == SchemaLayout.Brand.BindingType)
                        bindings[j] = ReadType(binding.ReadStruct(SchemaLayout.Brand.BindingTypePointer));
                }
            }
            result[i] = new BrandScope(scope.ReadUInt64(SchemaLayout.Brand.ScopeId), bindings);
        }
        return result;
    }

    internal static SchemaValue ReadValue(StructReader value)
    {
        var kind = (TypeKind)value.ReadUInt16(SchemaLayout.Value.Which);
        ulong bits = kind switch
        {
            TypeKind.Bool => value.ReadBool(SchemaLayout.Value.Bool) ? 1UL : 0UL,
            TypeKind.Int8 or TypeKind.UInt8 => value.ReadUInt8(SchemaLayout.Value.Byte),
            TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Enum => value.ReadUInt16(SchemaLayout.Value.TwoBytes),
            TypeKind.Int32 or TypeKind.UInt32 or TypeKind.Float32 => value.ReadUInt32(SchemaLayout.Value.FourBytes),
            TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Float64 => value.ReadUInt64(SchemaLayout.Value.EightBytes),
            _ => 0,
        };
        bool has = value.HasPointer(SchemaLayout.Value.Pointer);
        return kind switch
        {
            TypeKind.Text => new SchemaValue(kind, 0, has ? value.ReadText(SchemaLayout.Value.Pointer) : null, null, default),
            TypeKind.Data => new SchemaValue(kind, 0, null, has ? value.ReadData(SchemaLayout.Value.Pointer).ToArray() : null, default),
            TypeKind.List or TypeKind.Struct or TypeKind.AnyPointer =>
                new SchemaValue(kind, 0, null, null, value.ReadAnyPointer(SchemaLayout.Value.Pointer)),
            _ => new SchemaValue(kind, bits, null, null, default),
        };
    }

    private static void Link(Dictionary<ulong, SchemaNode> nodes, List<(ulong Parent, ulong Child, string Name)> nestedNames)
    {
        foreach (var (parentId, childId, name) in nestedNames)
        {
            // Nested entries may name nodes of files that were not loaded (e.g. unused imports).
            if (!nodes.TryGetValue(childId, out var child) || !nodes.TryGetValue(parentId, out var parent)) continue;
            child.Name = name;
            child.Parent = parent;
            parent.nested.Add(child);
        }
        foreach (var node in nodes.Values)
        {
            if (node is not StructNode s) continue;
            foreach (var field in s.Fields)
            {
                if (!field.IsGroup) continue;
                var group = nodes.TryGetValue(field.GroupId, out var g) && g is StructNode gs ? gs
                    : throw new SchemaException($"{s.DisplayName}.{field.Name}: group node 0x{field.GroupId:x16} is missing");
                group.Name = field.Name;
                group.Parent = s;
                field.Group = group;
            }
        }
    }

    private static void ReadSourceInfo(ListReader infos, Dictionary<ulong, SchemaNode> nodes)
    {
        for (int i = 0; i < infos.Count; i++)
        {
            var info = infos.GetStruct(i);
            if (!nodes.TryGetValue(info.ReadUInt64(SchemaLayout.SourceInfo.Id), out var node)) continue;
            node.DocComment = NullIfEmpty(info.ReadText(SchemaLayout.SourceInfo.DocComment));
            var members = info.ReadList(SchemaLayout.SourceInfo.Members);
            for (int m = 0; m < members.Count; m++)
            {
                string? doc = NullIfEmpty(members.GetStruct(m).ReadText(SchemaLayout.SourceInfo.MemberDocComment));
                if (node is StructNode s && m < s.Fields.Count) s.Fields[m].DocComment = doc;
                else if (node is EnumNode e && m < e.Enumerants.Count) e.Enumerants[m].DocComment = doc;
            }
        }
    }

    private static IReadOnlyList<RequestedFile> ReadRequestedFiles(ListReader files)
    {
        var result = new RequestedFile[files.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var file = files.GetStruct(i);
            var importList = file.ReadList(SchemaLayout.RequestedFile.Imports);
            var imports = new (ulong, string)[importList.Count];
            for (int j = 0; j < imports.Length; j++)
                imports[j] = (importList.GetStruct(j).ReadUInt64(SchemaLayout.RequestedFile.ImportId),
                    importList.GetStruct(j).ReadText(SchemaLayout.RequestedFile.ImportName));
            result[i] = new RequestedFile(file.ReadUInt64(SchemaLayout.RequestedFile.Id),
                file.ReadText(SchemaLayout.RequestedFile.FileName), imports);
        }
        return result;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
