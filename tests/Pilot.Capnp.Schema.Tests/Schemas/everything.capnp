@0xf47733ef20b12f6b;
# Test schema for the schema compiler and the text format: every type, default, union and list kind.

enum Color {
  # A colour with an enumerant whose name is a C# keyword.
  red @0;
  green @1;
  blue @2;
  class @3;  # Clashes with a C# keyword.
}

const answer :Int32 = 42;
# The answer, as a file-level constant.
const greeting :Text = "hello\n\"world\"";
const pi :Float64 = 3.14159;
const favourite :Color = blue;
const origin :Point = (x = 1.5, y = -2.5);
const primes :List(UInt16) = [2, 3, 5, 7, 11];

struct Point {
  # A point in the plane, in metres.
  x @0 :Float32;  # Abscissa (m).
  y @1 :Float32;  # Ordinate (m).
}

struct Primitives {
  # Every primitive type with its zero default.
  void @0 :Void;
  bool @1 :Bool;
  int8 @2 :Int8;
  int16 @3 :Int16;
  int32 @4 :Int32;
  int64 @5 :Int64;
  uint8 @6 :UInt8;
  uint16 @7 :UInt16;
  uint32 @8 :UInt32;
  uint64 @9 :UInt64;
  float32 @10 :Float32;
  float64 @11 :Float64;
  text @12 :Text;
  data @13 :Data;
  flag1 @14 :Bool;
  flag2 @15 :Bool;
  flag3 @16 :Bool;
}

struct Defaults {
  # Every type with a non-zero default value.
  bool @0 :Bool = true;
  int8 @1 :Int8 = -123;
  int16 @2 :Int16 = -12345;
  int32 @3 :Int32 = -12345678;
  int64 @4 :Int64 = -123456789012345;
  uint8 @5 :UInt8 = 234;
  uint16 @6 :UInt16 = 45678;
  uint32 @7 :UInt32 = 3456789012;
  uint64 @8 :UInt64 = 12345678901234567890;
  float32 @9 :Float32 = 1234.5;
  float64 @10 :Float64 = -1.25e-123;
  text @11 :Text = "défaut";
  data @12 :Data = 0x"01 02 ff";
  point @13 :Point = (x = 3.5, y = 4.25);
  ints @14 :List(Int32) = [1, -2, 3];
  texts @15 :List(Text) = ["a", "b"];
  color @16 :Color = green;
  points @17 :List(Point) = [(x = 1), (y = 2)];
}

struct Shape {
  # A shape with an unnamed union and a named union.
  name @0 :Text;
  union {
    circle @1 :Float64;     # Radius (m).
    square @2 :Float64;
    nothing @3 :Void;
    polygon @4 :List(Point);
    other :group {
      sides @5 :UInt8;
      label @6 :Text;
    }
  }
  fill :union {
    none @7 :Void;
    solid @8 :Color;
    pattern @9 :Text;
  }
  style :group {
    width @10 :Float32 = 1;
    kind :union {
      dashed @11 :UInt32;
      dotted @12 :Bool;
    }
  }
}

struct Lists {
  # Lists of every element size.
  voids @0 :List(Void);
  bools @1 :List(Bool);
  int8s @2 :List(Int8);
  int16s @3 :List(Int16);
  int32s @4 :List(Int32);
  int64s @5 :List(Int64);
  uint8s @6 :List(UInt8);
  uint16s @7 :List(UInt16);
  uint32s @8 :List(UInt32);
  uint64s @9 :List(UInt64);
  float32s @10 :List(Float32);
  float64s @11 :List(Float64);
  texts @12 :List(Text);
  datas @13 :List(Data);
  points @14 :List(Point);
  colors @15 :List(Color);
  nested @16 :List(List(Int32));
  shapes @17 :List(Shape);
  deep @18 :List(List(List(Text)));
}

struct Everything {
  # The root type of the differential tests.
  primitives @0 :Primitives;
  defaults @1 :Defaults;
  shape @2 :Shape;
  lists @3 :Lists;
  any @4 :AnyPointer;
  inner @5 :Inner;
  color @6 :Color = red;
  self @7 :Everything;
  string @8 :Text;   # A field named like a C# keyword.
  everything @9 :Int32;  # A field named like its struct.

  struct Inner {
    # A nested struct with a nested enum and a nested const.
    const limit :UInt32 = 100;
    enum Mode {
      off @0;
      on @1;
    }
    mode @0 :Mode = on;
    count @1 :UInt32;
  }
}
