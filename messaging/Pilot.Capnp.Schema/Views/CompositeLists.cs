namespace Pilot.Capnp.Schema.Views;

/// <summary>A list of structs, each element read through the generated reader T.</summary>
public readonly struct StructList<T> : IListView<StructList<T>> where T : struct, IStructView<T>
{
    private readonly ListReader list;

    public StructList(ListReader list) => this.list = list;

    public static StructList<T> Create(ListReader reader) => new(reader);
    public ListReader List => list;
    public int Count => list.Count;
    public T this[int index] => T.Create(list.GetStruct(index));

    public Enumerator GetEnumerator() => new(list);

    public struct Enumerator(ListReader list)
    {
        private int index = -1;
        public bool MoveNext() => ++index < list.Count;
        public readonly T Current => T.Create(list.GetStruct(index));
    }
}

/// <summary>Builds a list of structs (inline composite) with T's section sizes.</summary>
public readonly struct StructListBuilder<T> : IListBuilderView<StructListBuilder<T>> where T : struct, IStructBuilderView<T>
{
    private readonly ListBuilder list;

    public StructListBuilder(ListBuilder list) => this.list = list;

    public static StructListBuilder<T> Init(StructBuilder parent, int pointerIndex, int count) =>
        new(parent.InitStructList(pointerIndex, count, T.DataWords, T.PointerCount));

    public static StructListBuilder<T> Init(ListBuilder parent, int index, int count) =>
        new(parent.InitStructList(index, count, T.DataWords, T.PointerCount));

    public ListBuilder List => list;
    public int Count => list.Count;
    public T this[int index] => T.Create(list.GetStruct(index));
}

/// <summary>A list of lists, each element read as the list view T.</summary>
public readonly struct ListList<T> : IListView<ListList<T>> where T : struct, IListView<T>
{
    private readonly ListReader list;

    public ListList(ListReader list) => this.list = list;

    public static ListList<T> Create(ListReader reader) => new(reader);
    public ListReader List => list;
    public int Count => list.Count;
    public T this[int index] => T.Create(list.GetList(index));

    public Enumerator GetEnumerator() => new(list);

    public struct Enumerator(ListReader list)
    {
        private int index = -1;
        public bool MoveNext() => ++index < list.Count;
        public readonly T Current => T.Create(list.GetList(index));
    }
}

/// <summary>Builds a list of lists; <see cref="Init(int, int)"/> allocates each element list.</summary>
public readonly struct ListListBuilder<T> : IListBuilderView<ListListBuilder<T>> where T : struct, IListBuilderView<T>
{
    private readonly ListBuilder list;

    public ListListBuilder(ListBuilder list) => this.list = list;

    public static ListListBuilder<T> Init(StructBuilder parent, int pointerIndex, int count) => new(parent.InitList(pointerIndex, ElementSize.Pointer, count));
    public static ListListBuilder<T> Init(ListBuilder parent, int index, int count) => new(parent.InitList(index, ElementSize.Pointer, count));
    public ListBuilder List => list;
    public int Count => list.Count;

    /// <summary>Allocates element <paramref name="index"/> as a list of <paramref name="count"/> elements.</summary>
    public T Init(int index, int count) => T.Init(list, index, count);
}
