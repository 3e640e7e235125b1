using Pilot.Manager.Processes;

namespace Pilot.Manager.Tests;

public sealed class ProcStatTests
{
    // A real stat line layout (proc(5)) whose command name holds a space and a ')', the case naive splitting gets wrong.
    private const string Line = "4242 (my (odd) name) S 17 4242 4242 0 -1 4194560 1000 0 0 0 250 50 7 3 20 0 4 0 123456 987654321 2048 " +
        "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    public void ParsesFieldsAfterTheLastParenthesis()
    {
        var s = ProcStat.Parse(4242, Line)!.Value;
        Assert.Equal(17, s.ParentPid);
        Assert.Equal(250 + 50 + 7 + 3, s.CpuTicks);
        Assert.Equal(2048, s.RssPages);
    }

    [Fact]
    public void TruncatedLineIsNotAStat() => Assert.Null(ProcStat.Parse(1, "1 (init) S 0 1"));

    [Fact]
    public void TreeUsageSumsDescendantsOnly()
    {
        ProcStat[] all =
        [
            new(10, 1, 100, 10), new(11, 10, 20, 5), new(12, 11, 3, 1),   // root 10 → 11 → 12
            new(20, 1, 999, 999),                                          // unrelated
        ];
        var usage = TreeUsage.Of(10, all)!.Value;
        Assert.Equal(123, usage.CpuTicks);
        Assert.Equal(16 * ProcStat.PageBytes, usage.MemoryBytes);
        Assert.Null(TreeUsage.Of(99, all));
    }

    [Fact]
    public void ReadsThisProcess()
    {
        var self = ProcStat.Read(Environment.ProcessId)!.Value;
        Assert.True(self.CpuTicks > 0);
        Assert.True(self.RssPages * ProcStat.PageBytes > 10_000_000);   // a .NET test host is tens of MB resident
    }
}
