namespace Pilot.Capnp.Schema.Views;

/// <summary>A generated struct reader: a typed view over a <see cref="StructReader"/>.</summary>
public interface IStructView<TSelf> where TSelf : struct, IStructView<TSelf>
{
    static abstract TSelf Create(StructReader reader);
    StructReader Struct { get; }
}

/// <summary>A generated struct builder with the section sizes the reference compiler chose for it.</summary>
public interface IStructBuilderView<TSelf> where TSelf : struct, IStructBuilderView<TSelf>
{
    static abstract TSelf Create(StructBuilder builder);

    /// <summary>The data section in 64-bit words.</summary>
    static abstract int DataWords { get; }
    static abstract int PointerCount { get; }
    StructBuilder Struct { get; }
}

/// <summary>A typed list reader.</summary>
public interface IListView<TSelf> where TSelf : struct, IListView<TSelf>
{
    static abstract TSelf Create(ListReader reader);
    ListReader List { get; }
}

/// <summary>A typed list builder that can allocate itself in a struct's pointer slot or as a list-of-lists element.</summary>
public interface IListBuilderView<TSelf> where TSelf : struct, IListBuilderView<TSelf>
{
    static abstract TSelf Init(StructBuilder parent, int pointerIndex, int count);
    static abstract TSelf Init(ListBuilder parent, int index, int count);
    ListBuilder List { get; }
}
