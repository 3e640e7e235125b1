namespace Pilot.Capnp.Schema.Tests;

/// <summary>
/// The bootstrap: the hand-written schema.capnp offsets in SchemaLayout must be exactly what the reference compiler
/// reports for schema.capnp itself, read through those very offsets.
/// </summary>
public class RequestReaderTests
{
    private static SchemaSet SchemaCapnp()
    {
        Pilot.Testing.TestData.RequireTool("capnp");
        Skip.IfNot(File.Exists("/usr/include/capnp/schema.capnp"), "libcapnp-dev is not installed");
        return CapnpTool.Load("/usr/include/capnp/schema.capnp");
    }

    private static uint Offset(SchemaSet schema, string type, string field)
    {
        StructNode node = schema.FindStruct(type.Split('/')[0]);
        foreach (string group in type.Split('/').Skip(1)) node = node.FindField(group)!.Group!;
        return node.FindField(field)?.Offset ?? throw new InvalidOperationException($"{type}.{field} not found");
    }

    [SkippableFact]
    public void Hand_written_offsets_match_the_compiled_layout_of_schema_capnp()
    {
        var s = SchemaCapnp();
        Assert.Equal((uint)SchemaLayout.Node.ScopeId, Offset(s, "Node", "scopeId"));
        Assert.Equal((uint)SchemaLayout.Node.DisplayNamePrefixLength, Offset(s, "Node", "displayNamePrefixLength"));
        Assert.Equal((uint)SchemaLayout.Node.NestedNodes, Offset(s, "Node", "nestedNodes"));
        Assert.Equal(SchemaLayout.Node.Which, (int)s.FindStruct("Node").DiscriminantOffset);
        Assert.Equal((uint)SchemaLayout.Node.StructDataWordCount, Offset(s, "Node/struct", "dataWordCount"));
        Assert.Equal((uint)SchemaLayout.Node.StructPointerCount, Offset(s, "Node/struct", "pointerCount"));
        Assert.Equal((uint)SchemaLayout.Node.StructIsGroup, Offset(s, "Node/struct", "isGroup"));
        Assert.Equal((uint)SchemaLayout.Node.StructDiscriminantCount, Offset(s, "Node/struct", "discriminantCount"));
        Assert.Equal((uint)SchemaLayout.Node.StructDiscriminantOffset, Offset(s, "Node/struct", "discriminantOffset"));
        Assert.Equal((uint)SchemaLayout.Node.StructFields, Offset(s, "Node/struct", "fields"));
        Assert.Equal((uint)SchemaLayout.Node.ConstValue, Offset(s, "Node/const", "value"));
        Assert.Equal((uint)SchemaLayout.Field.DiscriminantValue, Offset(s, "Field", "discriminantValue"));
        Assert.Equal((uint)SchemaLayout.Field.SlotOffset, Offset(s, "Field/slot", "offset"));
        Assert.Equal((uint)SchemaLayout.Field.SlotHadExplicitDefault, Offset(s, "Field/slot", "hadExplicitDefault"));
        Assert.Equal((uint)SchemaLayout.Field.GroupTypeId, Offset(s, "Field/group", "typeId"));
        Assert.Equal(SchemaLayout.Field.Which, (int)s.FindStruct("Field").DiscriminantOffset);
        Assert.Equal((uint)SchemaLayout.Type.TypeId, Offset(s, "Type/struct", "typeId"));
        Assert.Equal((uint)SchemaLayout.Type.Brand, Offset(s, "Type/struct", "brand"));
        Assert.Equal(SchemaLayout.Type.AnyPointerWhich, (int)s.FindStruct("Type").FindField("anyPointer")!.Group!.DiscriminantOffset);
        Assert.Equal((uint)SchemaLayout.Type.ParameterScopeId, Offset(s, "Type/anyPointer/parameter", "scopeId"));
        Assert.Equal((uint)SchemaLayout.Type.ParameterIndex, Offset(s, "Type/anyPointer/parameter", "parameterIndex"));
        Assert.Equal((uint)SchemaLayout.Brand.Scopes, Offset(s, "Brand", "scopes"));
        Assert.Equal((uint)SchemaLayout.Brand.ScopeId, Offset(s, "Brand.Scope", "scopeId"));
        Assert.Equal(SchemaLayout.Brand.ScopeWhich, (int)s.FindStruct("Brand.Scope").DiscriminantOffset);
        Assert.Equal((uint)SchemaLayout.Brand.ScopeBindings, Offset(s, "Brand.Scope", "bind"));
        Assert.Equal(SchemaLayout.Brand.BindingWhich, (int)s.FindStruct("Brand.Binding").DiscriminantOffset);
        Assert.Equal((uint)SchemaLayout.Brand.BindingTypePointer, Offset(s, "Brand.Binding", "type"));
        Assert.Equal((uint)SchemaLayout.Value.Bool, Offset(s, "Value", "bool"));
        Assert.Equal((uint)SchemaLayout.Value.Byte, Offset(s, "Value", "int8"));
        Assert.Equal((uint)SchemaLayout.Value.TwoBytes, Offset(s, "Value", "enum"));
        Assert.Equal((uint)SchemaLayout.Value.FourBytes, Offset(s, "Value", "float32"));
        Assert.Equal((uint)SchemaLayout.Value.EightBytes, Offset(s, "Value", "uint64"));
        Assert.Equal((uint)SchemaLayout.SourceInfo.Members, Offset(s, "Node.SourceInfo", "members"));
        Assert.Equal((uint)SchemaLayout.RequestedFile.Imports, Offset(s, "CodeGeneratorRequest.RequestedFile", "imports"));
        Assert.Equal((uint)SchemaLayout.Request.SourceInfo, Offset(s, "CodeGeneratorRequest", "sourceInfo"));
    }

    [SkippableFact]
    public void Model_links_nested_nodes_groups_defaults_and_doc_comments()
    {
        var s = SchemaCapnp();
        var node = s.FindStruct("Node");
        Assert.Equal((5, 6), (node.DataWords, node.PointerCount));
        Assert.Equal(new[] { "Parameter", "NestedNode", "SourceInfo" }, node.NestedNodes.Select(n => n.Name));
        var structGroup = node.FindField("struct")!;
        Assert.True(structGroup.IsGroup && structGroup.IsUnionMember && structGroup.Group!.IsGroup);
        Assert.Same(node, structGroup.Group.Parent);
        Assert.Equal(65535UL, s.FindStruct("Field").FindField("discriminantValue")!.DefaultValue.RawBits);
        Assert.Contains("Information about the original source code", s.FindStruct("CodeGeneratorRequest").FindField("sourceInfo")!.DocComment);
        var elementSize = Assert.IsType<EnumNode>(s.Nodes.Single(n => n.Name == "ElementSize"));
        Assert.Equal("inlineComposite", elementSize.Enumerants[7].Name);
    }

    [Fact]
    public void A_missing_schema_file_or_type_is_a_schema_error()
    {
        var missing = Assert.Throws<SchemaException>(() => CapnpTool.CompileRequest(["/nonexistent/x.capnp"]));
        Assert.Contains("/nonexistent/x.capnp", missing.Message);
    }

    [SkippableFact]
    public void Unknown_type_names_say_which_part_failed()
    {
        var s = SchemaCapnp();
        var error = Assert.Throws<SchemaException>(() => s.FindStruct("Node.Nope"));
        Assert.Contains("no 'Nope'", error.Message);
        Assert.Throws<SchemaException>(() => s.FindStruct("ElementSize"));
    }
}
