namespace Pilot.Capnp;
internal sealed class Placeholder;
