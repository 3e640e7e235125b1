[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Pilot.Capnp.Tests")]
