@0xdd76e34127835c52;
# Types from another schema file: generated code refers to them in the same namespace.

using E = import "everything.capnp";

struct UsesImport {
  point @0 :E.Point;
  color @1 :E.Color = green;
  inner @2 :E.Everything.Inner;
  shapes @3 :List(E.Shape);
}
