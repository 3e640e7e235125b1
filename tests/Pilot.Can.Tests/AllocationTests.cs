using Pilot.Can.Dbc;
using Pilot.Can.Packing;

namespace Pilot.Can.Tests;

/// <summary>The hot paths (decode into a span, CanParser.Parse, span packing) allocate nothing once warmed up.</summary>
public class AllocationTests
{
    [SkippableFact]
    public void DecodeParseAndPackDoNotAllocate()
    {
        var db = DbcDatabase.Load(Corpus.PathOf("opendbc/dbc/generator/honda/honda_civic_touring_2016_can.dbc"));
        var packer = new CanPacker(db);
        var parser = new CanParser(db, db.Messages.Select(m => (m.Name, (double?)100)));
        var frames = db.Messages.Select(m => packer.Pack(m.Name, new Dictionary<string, double>())).ToArray();
        var values = new double[db.Messages.Max(m => m.Signals.Count)];
        var notGiven = Enumerable.Repeat(double.NaN, values.Length).ToArray();
        var buffer = new byte[64];
        void Run(long t)
        {
            foreach (var f in frames)
            {
                var m = db.GetMessage(f.Address);
                m.Codec.Decode(f.Data, values);
                parser.Parse(t, f.Address, f.Data, 0);
                packer.Pack(m, notGiven, buffer);
            }
        }
        Run(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Run(i + 2);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(parser["STEERING_SENSORS"].Seen);
    }
}
