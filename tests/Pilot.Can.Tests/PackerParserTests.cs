using Pilot.Can.Dbc;
using Pilot.Can.Packing;

namespace Pilot.Can.Tests;

/// <summary>CanParser semantics: freshness (10 periods, learned when unknown), counters, bus timeout, CanValid.</summary>
public class PackerParserTests
{
    private const long Ms = 1_000_000;

    private const string Dbc = """
        VERSION ""
        BU_: A
        BO_ 100 Fast: 3 A
         SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "m/s" A
         SG_ COUNTER : 16|4@1+ (1,0) [0|15] "" A
        BO_ 200 Unrated: 2 A
         SG_ Value : 0|16@1- (1,0) [0|0] "" A
        BA_DEF_ BO_ "GenMsgCycleTime" INT 0 65535;
        BA_DEF_DEF_ "GenMsgCycleTime" 0;
        BA_ "GenMsgCycleTime" BO_ 100 10;
        """;

    private static DbcDatabase Db() => DbcDatabase.Parse(Dbc, "test_bus");

    [Fact]
    public void PackerCountsAndParserKeepsLatestValues()
    {
        var db = Db();
        var packer = new CanPacker(db);
        var parser = new CanParser(db, [("Fast", null)]);
        Assert.False(parser.CanValid);
        for (int i = 0; i < 20; i++)
        {
            var frame = packer.Pack("Fast", new Dictionary<string, double> { ["Speed"] = i * 0.5 });
            Assert.Equal(i % 16, frame.Data[2] & 0xF);
            parser.Update(i * 10 * Ms, [frame]);
            Assert.True(parser.CanValid);
            Assert.True(parser["Fast"].Updated);
        }
        Assert.Equal(9.5, parser["Fast"]["Speed"], 9);
        Assert.Equal(190 * Ms, parser["Fast"].TimestampNs);
        Assert.Equal(100 * Ms, parser["Fast"].TimeoutNs);   // 10 periods of GenMsgCycleTime 10 ms
    }

    [Fact]
    public void MessageGoesStaleAfterTenPeriods()
    {
        var db = Db();
        var packer = new CanPacker(db);
        var parser = new CanParser(db, [("Fast", null)]) { BusTimeoutNs = 10_000 * Ms };
        parser.Update(0, [packer.Pack("Fast", new Dictionary<string, double>())]);
        parser.UpdateValid(100 * Ms);
        Assert.True(parser.CanValid);
        parser.UpdateValid(101 * Ms);
        Assert.False(parser.CanValid);
        Assert.False(parser["Fast"].IsValid(101 * Ms));
    }

    [Fact]
    public void RateIsLearnedWhenTheDbcHasNone()
    {
        var db = Db();
        var packer = new CanPacker(db);
        var parser = new CanParser(db, [("Unrated", null)]) { BusTimeoutNs = 10_000 * Ms };
        Assert.Equal(CanParser.UnlearnedTimeoutNs, parser["Unrated"].TimeoutNs);
        for (int i = 0; i < MessageState.FramesToLearnRate; i++)
            parser.Update(i * 20 * Ms, [packer.Pack("Unrated", new Dictionary<string, double> { ["Value"] = -i })]);
        Assert.True(parser["Unrated"].RateKnown);
        Assert.Equal(200 * Ms, parser["Unrated"].TimeoutNs);   // learned 20 ms period
        Assert.Equal(-4, parser["Unrated"]["Value"]);
        parser.UpdateValid(80 * Ms + 200 * Ms);
        Assert.True(parser.CanValid);
        parser.UpdateValid(80 * Ms + 201 * Ms);
        Assert.False(parser.CanValid);
    }

    [Fact]
    public void FiveCounterErrorsInvalidateAndGoodFramesHeal()
    {
        var db = Db();
        var parser = new CanParser(db, [("Fast", 100.0)]);
        var m = db.GetMessage("Fast");
        long t = 0;
        void Send(int counter)
        {
            var data = m.Encode(new Dictionary<string, double> { ["COUNTER"] = counter, ["Speed"] = counter });
            parser.Update(t += 10 * Ms, [new CanFrame(100, data)]);
        }
        Send(0);
        Send(1);
        for (int i = 0; i < 4; i++) Send(1);   // repeated counter: 4 errors, still valid
        Assert.Equal(4, parser["Fast"].CounterErrors);
        Assert.True(parser.CanValid);
        Send(1);                                // fifth error: invalid, and the frame's values are not taken
        Assert.Equal(5, parser["Fast"].CounterErrors);
        Assert.False(parser.CanValid);
        for (int c = 2; c <= 7; c++) Send(c);  // good frames bring the error level back down
        Assert.Equal(0, parser["Fast"].CounterErrors);
        Assert.True(parser.CanValid);
        Assert.Equal(7, parser["Fast"]["COUNTER"]);
    }

    [Fact]
    public void BusTimeoutAndOtherBusesAreIgnored()
    {
        var db = Db();
        var packer = new CanPacker(db);
        var parser = new CanParser(db, [("Fast", 0.0)], bus: 1);
        var onBus0 = packer.Pack("Fast", new Dictionary<string, double>(), bus: 0);
        parser.Update(0, [onBus0]);
        Assert.False(parser.CanValid);          // never seen on bus 1
        parser.Update(Ms, [onBus0 with { Bus = 1 }]);
        Assert.True(parser.CanValid);           // frequency 0: no freshness check, only the bus timeout
        parser.UpdateValid(Ms + CanParser.DefaultBusTimeoutNs + 1);
        Assert.True(parser.BusTimeout);
        Assert.False(parser.CanValid);
    }

    [Fact]
    public void WrongLengthFramesAreCountedNotThrown()
    {
        var db = Db();
        var parser = new CanParser(db, [("Fast", 100.0)]);
        Assert.False(parser.Parse(0, 100, new byte[2], 0));
        Assert.Equal(1, parser["Fast"].LengthErrors);
        Assert.Throws<KeyNotFoundException>(() => parser["Unrated"]);
    }
}
