namespace Pilot.Benchmarks;

/// <summary>A benchmark suite: measures, and records rows and figures into a <see cref="Report"/>.</summary>
public interface ISuite
{
    string Name { get; }
    void Run(Report report, string[] args);
}

/// <summary>Every suite <c>./pilot bench</c> knows; add a suite here and in its own file.</summary>
public static class Suites
{
    public static IEnumerable<ISuite> All()
    {
        yield return new CapnpSuite();
        yield return new VisionSuite();
        yield return new LanesSuite();
        yield return new VisionDataSuite();
        yield return new BridgeSuite();
        yield return new HardwareSuite();
        yield return new CanSuite();
        yield return new MessagingSuite();
        yield return new PlanningSuite();
        yield return new ControlsSuite();
        yield return new SimSuite();
        yield break;
    }
}
