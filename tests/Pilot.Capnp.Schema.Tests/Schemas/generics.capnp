@0xb3c5e2a1f0d4c6e7;
# Generic structs for the text format: parameters bound at the use site, inherited by nested types, unbound.

struct Box(T) {
  value @0 :T;
  values @1 :List(Text);
  label @2 :Text;
  struct Inner {
    # Uses the enclosing struct's parameter.
    item @0 :T;
  }
  inner @3 :Inner;
}

struct Pair(A, B) {
  first @0 :A;
  second @1 :B;
}

struct Holder {
  # List(T) is left out: capnp 0.9 refuses List(AnyPointer), which a parameter's list is.
  text @0 :Box(Text);
  pairs @1 :List(Pair(Text, Data));
  nested @2 :Box(Pair(Text, Box(Text)));
  unbound @3 :Box;
  structs @4 :Box(Pair(Data, Text));
}
