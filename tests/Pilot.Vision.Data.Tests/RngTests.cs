namespace Pilot.Vision.Data.Tests;

public class RngTests
{
    [Fact]
    public void SameSeedSameStreamDerivedStreamsDiffer()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
        Assert.NotEqual(Rng.Derive(1, 0, 0).NextUInt64(), Rng.Derive(1, 0, 1).NextUInt64());
        Assert.NotEqual(Rng.Derive(1, 0, 1).NextUInt64(), Rng.Derive(1, 1, 0).NextUInt64());
    }

    [Fact]
    public void SplitMix64MatchesItsPublishedOutputForSeedZero()
    {
        // Vigna's splitmix64.c seeded with 0 starts 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4.
        var rng = new Rng(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
    }

    [Fact]
    public void IntegersStayInRangeAndCoverIt()
    {
        var rng = new Rng(7);
        var counts = new int[6];
        for (int i = 0; i < 60000; i++) counts[rng.NextInt(-2, 3) + 2]++;
        Assert.All(counts, c => Assert.InRange(c, 9500, 10500));
        for (int i = 0; i < 1000; i++) Assert.InRange(rng.NextFloat(), 0f, 0.99999994f);
    }

    [Fact]
    public void ShuffleIsAPermutation()
    {
        var items = Enumerable.Range(0, 1000).ToArray();
        new Rng(3).Shuffle(items);
        Assert.NotEqual(Enumerable.Range(0, 1000), items);
        Assert.Equal(Enumerable.Range(0, 1000), items.Order());
    }
}
