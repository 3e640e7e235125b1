namespace Pilot.Capnp.Tests;

public class SkeletonTests
{
    [Fact]
    public void Assembly_loads() => Assert.Equal("Pilot.Capnp", typeof(Placeholder).Assembly.GetName().Name);
}
