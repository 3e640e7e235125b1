using System.Runtime.CompilerServices;

namespace Pilot.Capnp.Schema.Views;

/// <summary>A list of enum values (UInt16 on the wire; generated enums have ushort as their underlying type).</summary>
public readonly struct EnumList<T> : IListView<EnumList<T>> where T : unmanaged, Enum
{
    private readonly ListReader list;

    public EnumList(ListReader list) => this.list = list;

    public static EnumList<T> Create(ListReader reader) => new(reader);
    public ListReader List => list;
    public int Count => list.Count;

    public T this[int index]
    {
        get
        {
            ushort raw = list.GetUInt16(index);
            return Unsafe.As<ushort, T>(ref raw);
        }
    }

    public Enumerator GetEnumerator() => new(this);

    public struct Enumerator(EnumList<T> list)
    {
        private int index = -1;
        public bool MoveNext() => ++index < list.Count;
        public readonly T Current => list[index];
    }
}

/// <summary>Builds a list of enum values.</summary>
public readonly struct EnumListBuilder<T> : IListBuilderView<EnumListBuilder<T>> where T : unmanaged, Enum
{
    private readonly ListBuilder list;

    public EnumListBuilder(ListBuilder list) => this.list = list;

    public static EnumListBuilder<T> Init(StructBuilder parent, int pointerIndex, int count) => new(parent.InitList(pointerIndex, ElementSize.TwoBytes, count));
    public static EnumListBuilder<T> Init(ListBuilder parent, int index, int count) => new(parent.InitList(index, ElementSize.TwoBytes, count));
    public ListBuilder List => list;
    public int Count => list.Count;

    public T this[int index]
    {
        get
        {
            ushort raw = list.AsReader().GetUInt16(index);
            return Unsafe.As<ushort, T>(ref raw);
        }
        set => list.SetUInt16(index, Unsafe.As<T, ushort>(ref value));
    }
}
