namespace Pilot.Capnp.Schema.Views;

/// <summary>A list of Text: strings on demand, or the UTF-8 bytes without copying.</summary>
public readonly struct TextList : IListView<TextList>
{
    private readonly ListReader list;

    public TextList(ListReader list) => this.list = list;

    public static TextList Create(ListReader reader) => new(reader);
    public ListReader List => list;
    public int Count => list.Count;

    /// <summary>Allocates the string; see <see cref="GetUtf8"/> for the bytes.</summary>
    public string this[int index] => list.GetText(index);

    public ReadOnlySpan<byte> GetUtf8(int index) => list.GetTextSpan(index);

    public Enumerator GetEnumerator() => new(list);

    public struct Enumerator(ListReader list)
    {
        private int index = -1;
        public bool MoveNext() => ++index < list.Count;
        public readonly string Current => list.GetText(index);
    }
}

/// <summary>Builds a list of Text.</summary>
public readonly struct TextListBuilder : IListBuilderView<TextListBuilder>
{
    private readonly ListBuilder list;

    public TextListBuilder(ListBuilder list) => this.list = list;

    public static TextListBuilder Init(StructBuilder parent, int pointerIndex, int count) => new(parent.InitList(pointerIndex, ElementSize.Pointer, count));
    public static TextListBuilder Init(ListBuilder parent, int index, int count) => new(parent.InitList(index, ElementSize.Pointer, count));
    public ListBuilder List => list;
    public int Count => list.Count;

    public string this[int index]
    {
        get => list.AsReader().GetText(index);
        set => list.SetText(index, value);
    }
}

/// <summary>A list of Data, each element a span over the message.</summary>
public readonly struct DataList : IListView<DataList>
{
    private readonly ListReader list;

    public DataList(ListReader list) => this.list = list;

    public static DataList Create(ListReader reader) => new(reader);
    public ListReader List => list;
    public int Count => list.Count;
    public ReadOnlySpan<byte> this[int index] => list.GetData(index);

    public Enumerator GetEnumerator() => new(list);

    public struct Enumerator(ListReader list)
    {
        private int index = -1;
        public bool MoveNext() => ++index < list.Count;
        public readonly ReadOnlySpan<byte> Current => list.GetData(index);
    }
}

/// <summary>Builds a list of Data.</summary>
public readonly struct DataListBuilder : IListBuilderView<DataListBuilder>
{
    private readonly ListBuilder list;

    public DataListBuilder(ListBuilder list) => this.list = list;

    public static DataListBuilder Init(StructBuilder parent, int pointerIndex, int count) => new(parent.InitList(pointerIndex, ElementSize.Pointer, count));
    public static DataListBuilder Init(ListBuilder parent, int index, int count) => new(parent.InitList(index, ElementSize.Pointer, count));
    public ListBuilder List => list;
    public int Count => list.Count;
    public void Set(int index, ReadOnlySpan<byte> value) => list.SetData(index, value);
}
