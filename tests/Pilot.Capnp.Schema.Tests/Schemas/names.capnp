@0xeee6ce793c84069f;
# Names that clash once turned into C#: with the generated members, with their enclosing type, with each other.

struct Reader {
  # A struct named like the generated view types.
  builder @0 :Int32;
  which @1 :Text;
  reader @2 :Bool;
}

struct Thing {
  # A group named like its struct, a field named like a generated member, and fields named like another field's accessors.
  thing :group {
    value @0 :UInt8;
  }
  foo @1 :Text;
  hasFoo @2 :Bool;
  setFoo @3 :UInt16;
  union {
    struct @4 :Void;
    class @5 :Reader;
  }
  enum Which {
    # A nested type named like the union's enum.
    aB @0;
    initFoo @1;
  }
  kind @6 :Which;
}
