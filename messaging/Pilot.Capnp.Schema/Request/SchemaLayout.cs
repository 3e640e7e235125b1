namespace Pilot.Capnp.Schema;

/// <summary>
/// Offsets of the schema.capnp fields this library reads, in the units the runtime takes (data fields in units of
/// their own size, bools in bits, pointers by index), from <c>capnp compile -ocapnp /usr/include/capnp/schema.capnp</c>.
/// </summary>
internal static class SchemaLayout
{
    internal static class Request
    {
        public const int Nodes = 0, RequestedFiles = 1, CapnpVersion = 2, SourceInfo = 3;
    }

    internal static class RequestedFile
    {
        public const int Id = 0;            // UInt64 bits [0, 64)
        public const int FileName = 0, Imports = 1;
        public const int ImportId = 0;      // UInt64
        public const int ImportName = 0;
    }

    internal static class Node
    {
        public const int Id = 0;                         // UInt64 bits [0, 64)
        public const int DisplayName = 0, NestedNodes = 1, Annotations = 2;
        public const int DisplayNamePrefixLength = 2;    // UInt32 bits [64, 96)
        public const int ScopeId = 2;                    // UInt64 bits [128, 192)
        public const int Which = 6;                      // UInt16 bits [96, 112)
        public const ushort File = 0, Struct = 1, Enum = 2, Interface = 3, Const = 4, Annotation = 5;
        public const int StructDataWordCount = 7;        // UInt16 bits [112, 128)
        public const int StructPointerCount = 12;        // UInt16 bits [192, 208)
        public const int StructIsGroup = 224;            // Bool bit 224
        public const int StructDiscriminantCount = 15;   // UInt16 bits [240, 256)
        public const int StructDiscriminantOffset = 8;   // UInt32 bits [256, 288)
        public const int StructFields = 3, EnumEnumerants = 3, ConstType = 3, ConstValue = 4;
    }

    internal static class NestedNode
    {
        public const int Name = 0;
        public const int Id = 0;                         // UInt64 bits [0, 64)
    }

    internal static class SourceInfo
    {
        public const int Id = 0;                         // UInt64 bits [0, 64)
        public const int DocComment = 0, Members = 1;
        public const int MemberDocComment = 0;
    }

    internal static class Field
    {
        public const int Name = 0, SlotType = 2, SlotDefaultValue = 3;
        public const int CodeOrder = 0;                  // UInt16 bits [0, 16)
        public const int DiscriminantValue = 1;          // UInt16 bits [16, 32), default 0xFFFF
        public const int Which = 4;                      // UInt16 bits [64, 80)
        public const ushort Slot = 0, Group = 1;
        public const int SlotOffset = 1;                 // UInt32 bits [32, 64)
        public const int SlotHadExplicitDefault = 128;   // Bool bit 128
        public const int GroupTypeId = 2;                // UInt64 bits [128, 192)
    }

    internal static class Enumerant
    {
        public const int Name = 0;
        public const int CodeOrder = 0;                  // UInt16 bits [0, 16)
    }

    internal static class Type
    {
        public const int Which = 0;                      // UInt16 bits [0, 16)
        public const int ListElementType = 0;
        public const int TypeId = 1;                     // UInt64 bits [64, 128) (enum, struct, interface)
        public const int Brand = 0;                      // enum, struct, interface
        public const int AnyPointerWhich = 4;            // UInt16 bits [64, 80)
        public const ushort AnyPointerParameter = 1;
        public const int ParameterScopeId = 2;           // UInt64 bits [128, 192)
        public const int ParameterIndex = 5;             // UInt16 bits [80, 96)
    }

    internal static class Brand
    {
        public const int Scopes = 0;
        public const int ScopeId = 0;                    // Scope: UInt64 bits [0, 64)
        public const int ScopeWhich = 4;                 // Scope: UInt16 bits [64, 80)
        public const ushort ScopeBind = 0, ScopeInherit = 1;
        public const int ScopeBindings = 0;              // Scope.bind
        public const int BindingWhich = 0;               // Binding: UInt16 bits [0, 16)
        public const ushort BindingUnbound = 0, BindingType = 1;
        public const int BindingTypePointer = 0;
    }

    internal static class Value
    {
        public const int Which = 0;                      // UInt16 bits [0, 16)
        public const int Bool = 16;                      // Bool bit 16
        public const int Byte = 2;                       // Int8/UInt8 bits [16, 24)
        public const int TwoBytes = 1;                   // Int16/UInt16/enum bits [16, 32)
        public const int FourBytes = 1;                  // Int32/UInt32/Float32 bits [32, 64)
        public const int EightBytes = 1;                 // Int64/UInt64/Float64 bits [64, 128)
        public const int Pointer = 0;                    // text, data, list, struct, anyPointer
    }
}
