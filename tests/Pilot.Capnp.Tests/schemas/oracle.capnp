@0xc4f1a2b3d5e6f708;
# Schema for the runtime's differential tests against the reference `capnp` tool.

enum Gear { park @0; drive @1; reverse @2; }

struct Empty {}

struct Inner {
  id @0 :Int32;
  name @1 :Text;
}

struct Sample {
  u8 @0 :UInt8;
  i8 @1 :Int8;
  i16 @2 :Int16;
  u32 @3 :UInt32;
  i64 @4 :Int64;
  f32 @5 :Float32;
  f64 @6 :Float64 = 7.0;
  flag @7 :Bool;
  flagDefTrue @8 :Bool = true;
  gear @9 :Gear;
  text @10 :Text;
  data @11 :Data;
  inner @12 :Inner;
  floats @13 :List(Float32);
  inners @14 :List(Inner);
  bits @15 :List(Bool);
  nested @16 :List(List(Int64));
  texts @17 :List(Text);
  u16s @18 :List(UInt16);
  voids @19 :List(Void);
  empty @20 :Inner;
  u64 @21 :UInt64;
  i32 @22 :Int32 = -100;
  union {
    none @23 :Void;
    count @24 :UInt16;
    label @25 :Text;
  }
  group :group {
    x @26 :Float32;
    y @27 :Float32;
  }
  any @28 :AnyPointer;
  emptyStruct @29 :Empty;
  empties @30 :List(Empty);
}
