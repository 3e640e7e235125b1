using System.Runtime.CompilerServices;

namespace Pilot.Capnp.Schema.Views;

/// <summary>
/// A list of bool, integers or floats (T is one of bool, sbyte, byte, short, ushort, int, uint, long, ulong, float,
/// double). The element accessor is chosen per T at JIT time, so indexing costs a single read.
/// </summary>
public readonly struct PrimitiveList<T> : IListView<PrimitiveList<T>> where T : unmanaged
{
    private readonly ListReader list;

    public PrimitiveList(ListReader list) => this.list = list;

    public static PrimitiveList<T> Create(ListReader reader) => new(reader);
    public ListReader List => list;
    public int Count => list.Count;

    public T this[int index] => Get(list, index);

    internal static T Get(ListReader list, int i)
    {
        if (typeof(T) == typeof(bool)) { bool v = list.GetBool(i); return Unsafe.As<bool, T>(ref v); }
        if (typeof(T) == typeof(sbyte)) { sbyte v = list.GetInt8(i); return Unsafe.As<sbyte, T>(ref v); }
        if (typeof(T) == typeof(byte)) { byte v = list.GetUInt8(i); return Unsafe.As<byte, T>(ref v); }
        if (typeof(T) == typeof(short)) { short v = list.GetInt16(i); return Unsafe.As<short, T>(ref v); }
        if (typeof(T) == typeof(ushort)) { ushort v = list.GetUInt16(i); return Unsafe.As<ushort, T>(ref v); }
        if (typeof(T) == typeof(int)) { int v = list.GetInt32(i); return Unsafe.As<int, T>(ref v); }
        if (typeof(T) == typeof(uint)) { uint v = list.GetUInt32(i); return Unsafe.As<uint, T>(ref v); }
        if (typeof(T) == typeof(long)) { long v = list.GetInt64(i); return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(ulong)) { ulong v = list.GetUInt64(i); return Unsafe.As<ulong, T>(ref v); }
        if (typeof(T) == typeof(float)) { float v = list.GetFloat32(i); return Unsafe.As<float, T>(ref v); }
        if (typeof(T) == typeof(double)) { double v = list.GetFloat64(i); return Unsafe.As<double, T>(ref v); }
        throw new NotSupportedException($"{typeof(T)} is not a Cap'n Proto primitive");
    }

    public Enumerator GetEnumerator() => new(list);

    public struct Enumerator(ListReader list)
    {
        private int index = -1;
        public bool MoveNext() => ++index < list.Count;
        public readonly T Current => Get(list, index);
    }
}

/// <summary>Builds a list of primitives; see <see cref="PrimitiveList{T}"/> for T.</summary>
public readonly struct PrimitiveListBuilder<T> : IListBuilderView<PrimitiveListBuilder<T>> where T : unmanaged
{
    private readonly ListBuilder list;

    public PrimitiveListBuilder(ListBuilder list) => this.list = list;

    public static PrimitiveListBuilder<T> Init(StructBuilder parent, int pointerIndex, int count) =>
        new(parent.InitList(pointerIndex, Size, count));

    public static PrimitiveListBuilder<T> Init(ListBuilder parent, int index, int count) => new(parent.InitList(index, Size, count));

    public ListBuilder List => list;
    public int Count => list.Count;

    public T this[int index]
    {
        get => PrimitiveList<T>.Get(list.AsReader(), index);
        set => Set(index, value);
    }

    private void Set(int i, T value)
    {
        if (typeof(T) == typeof(bool)) list.SetBool(i, Unsafe.As<T, bool>(ref value));
        else if (typeof(T) == typeof(sbyte)) list.SetInt8(i, Unsafe.As<T, sbyte>(ref value));
        else if (typeof(T) == typeof(byte)) list.SetUInt8(i, Unsafe.As<T, byte>(ref value));
        else if (typeof(T) == typeof(short)) list.SetInt16(i, Unsafe.As<T, short>(ref value));
        else if (typeof(T) == typeof(ushort)) list.SetUInt16(i, Unsafe.As<T, ushort>(ref value));
        else if (typeof(T) == typeof(int)) list.SetInt32(i, Unsafe.As<T, int>(ref value));
        else if (typeof(T) == typeof(uint)) list.SetUInt32(i, Unsafe.As<T, uint>(ref value));
        else if (typeof(T) == typeof(long)) list.SetInt64(i, Unsafe.As<T, long>(ref value));
        else if (typeof(T) == typeof(ulong)) list.SetUInt64(i, Unsafe.As<T, ulong>(ref value));
        else if (typeof(T) == typeof(float)) list.SetFloat32(i, Unsafe.As<T, float>(ref value));
        else if (typeof(T) == typeof(double)) list.SetFloat64(i, Unsafe.As<T, double>(ref value));
        else throw new NotSupportedException($"{typeof(T)} is not a Cap'n Proto primitive");
    }

    private static ElementSize Size =>
        typeof(T) == typeof(bool) ? ElementSize.Bit
        : Unsafe.SizeOf<T>() switch { 1 => ElementSize.Byte, 2 => ElementSize.TwoBytes, 4 => ElementSize.FourBytes, _ => ElementSize.EightBytes };
}

/// <summary>A list of Void: only its length carries information.</summary>
public readonly struct VoidList : IListView<VoidList>
{
    private readonly ListReader list;

    public VoidList(ListReader list) => this.list = list;

    public static VoidList Create(ListReader reader) => new(reader);
    public ListReader List => list;
    public int Count => list.Count;
}

/// <summary>Builds a list of Void.</summary>
public readonly struct VoidListBuilder : IListBuilderView<VoidListBuilder>
{
    private readonly ListBuilder list;

    public VoidListBuilder(ListBuilder list) => this.list = list;

    public static VoidListBuilder Init(StructBuilder parent, int pointerIndex, int count) => new(parent.InitList(pointerIndex, ElementSize.Void, count));
    public static VoidListBuilder Init(ListBuilder parent, int index, int count) => new(parent.InitList(index, ElementSize.Void, count));
    public ListBuilder List => list;
    public int Count => list.Count;
}
