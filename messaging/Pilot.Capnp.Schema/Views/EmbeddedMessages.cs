namespace Pilot.Capnp.Schema.Views;

/// <summary>
/// Reads the framed messages generated code embeds for struct/list defaults and constants. They are static and read
/// on every access of a defaulted field, so they get an unlimited traversal budget (the content is fixed at build time).
/// </summary>
public static class EmbeddedMessages
{
    private static readonly ReaderOptions Trusted = new() { TraversalLimitInWords = long.MaxValue };

    /// <summary>The root struct of an embedded message (a struct constant, or a holder of field defaults).</summary>
    public static StructReader Struct(byte[] framed) => MessageReader.ReadFramed(framed, Trusted).Root;

    /// <summary>The root pointer of an embedded message (a list constant).</summary>
    public static AnyPointerReader Pointer(byte[] framed) => MessageReader.ReadFramed(framed, Trusted).RootPointer;
}
