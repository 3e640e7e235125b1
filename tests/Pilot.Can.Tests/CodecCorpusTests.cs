using Pilot.Can.Codec;
using Pilot.Can.Dbc;

namespace Pilot.Can.Tests;

/// <summary>
/// Every signal of every corpus message: the compiled codec agrees with the bit-at-a-time reference on random frames,
/// and random in-range values survive encode → decode (seeded, so failures reproduce).
/// </summary>
public class CodecCorpusTests
{
    private static IEnumerable<DbcDatabase> LoadAll()
    {
        foreach (string file in Corpus.AllFiles())
        {
            DbcDatabase? db = null;
            try { db = DbcDatabase.Load(Corpus.PathOf(file)); }
            catch (DbcException) { }   // the rejected files are covered by DbcCorpusTests
            if (db is not null) yield return db;
        }
    }

    [SkippableFact]
    public void CompiledDecodeMatchesReferenceOnRandomFrames()
    {
        var rng = new Random(4);
        int checkedSignals = 0;
        foreach (var db in LoadAll())
            foreach (var m in db.Messages)
            {
                var values = new double[m.Signals.Count];
                for (int trial = 0; trial < 3; trial++)
                {
                    var frame = new byte[Math.Max(m.Length, 1)];
                    rng.NextBytes(frame);
                    frame = frame[..m.Length];
                    m.Codec.Decode(frame, values);
                    foreach (var s in m.Signals)
                    {
                        Assert.Equal(ReferenceCodec.ExtractRaw(frame, s), m.Codec.DecodeRaw(frame, s.Index));
                        if (m.Codec.IsInactive(s.Index, values)) continue;
                        double expected = ReferenceCodec.Decode(frame, s);
                        Assert.True(expected.Equals(values[s.Index]) || Math.Abs(expected - values[s.Index]) <= 1e-9 * Math.Abs(expected),
                            $"{db.Name}.{m.Name}.{s.Name}: {values[s.Index]} vs reference {expected}");
                        checkedSignals++;
                    }
                }
            }
        Assert.True(checkedSignals > 50_000, $"only {checkedSignals} signal decodes checked");
    }

    [SkippableFact]
    public void RandomInRangeValuesRoundTrip()
    {
        var rng = new Random(7);
        int roundTrips = 0, overlapping = 0;
        foreach (var db in LoadAll())
            foreach (var m in db.Messages)
            {
                var values = new double[m.Signals.Count];
                var decoded = new double[m.Signals.Count];
                var frame = new byte[m.Length];
                // Signals reaching past the message length (tolerated with a warning) cannot be carried by its frames.
                foreach (var s in m.Signals.Where(s => BitLayout.BytesNeeded(s) <= m.Length))
                {
                    for (int i = 0; i < values.Length; i++) values[i] = m.Codec.RawZeroValue(i);
                    SelectMultiplexers(m, s, values);
                    ulong raw = RandomRaw(rng, s);
                    values[s.Index] = Physical(s, raw);
                    m.Codec.Encode(values, frame, EncodeMode.Clamp);
                    m.Codec.Decode(frame, decoded);
                    // Some opendbc messages define overlapping signals; there the last one written wins, so skip those.
                    if (OverlapsAnotherActive(m, s, decoded)) { overlapping++; continue; }
                    Assert.True(raw == ReferenceCodec.ExtractRaw(frame, s), $"{db.Name}.{m.Name}.{s.Name}: raw {raw} written, {ReferenceCodec.ExtractRaw(frame, s)} read");
                    if (s.ValueType == SignalValueType.Integer) Assert.Equal(values[s.Index], decoded[s.Index], 9);
                    else Assert.Equal(BitConverter.DoubleToInt64Bits(values[s.Index]), BitConverter.DoubleToInt64Bits(decoded[s.Index]));
                    roundTrips++;
                }
            }
        Assert.True(roundTrips > 30_000, $"only {roundTrips} round trips");
        Assert.True(overlapping < roundTrips / 20, $"{overlapping} overlapping signals skipped");
    }

    private static bool OverlapsAnotherActive(Message m, Signal s, double[] decoded)
    {
        var mine = new byte[64];
        ReferenceCodec.InsertRaw(mine, s, ulong.MaxValue);
        var theirs = new byte[64];
        foreach (var o in m.Signals)
        {
            if (o == s || m.Codec.IsInactive(o.Index, decoded)) continue;
            Array.Clear(theirs);
            ReferenceCodec.InsertRaw(theirs, o, ulong.MaxValue);
            for (int i = 0; i < 64; i++)
                if ((mine[i] & theirs[i]) != 0) return true;
        }
        return false;
    }

    /// <summary>Sets every multiplexer above <paramref name="s"/> to a value that selects it.</summary>
    private static void SelectMultiplexers(Message m, Signal s, double[] values)
    {
        for (var cur = s; cur.MultiplexerSignal is not null; cur = m.GetSignal(cur.MultiplexerSignal))
        {
            var parent = m.GetSignal(cur.MultiplexerSignal);
            values[parent.Index] = cur.MultiplexerRanges[0].From * parent.Factor + parent.Offset;
        }
    }

    /// <summary>A random raw value that fits the signal and, for integers, whose physical value is in the DBC range when one is given.</summary>
    private static ulong RandomRaw(Random rng, Signal s)
    {
        ulong mask = s.Length == 64 ? ulong.MaxValue : (1UL << s.Length) - 1;
        if (s.ValueType == SignalValueType.Float32) return BitConverter.SingleToUInt32Bits((float)(rng.NextDouble() * 2000 - 1000));
        if (s.ValueType == SignalValueType.Float64) return BitConverter.DoubleToUInt64Bits(rng.NextDouble() * 2e6 - 1e6);
        // Integers above 2^52 are not exact as doubles once scaled: keep the random draw to 52 bits.
        ulong raw = (ulong)rng.NextInt64() & mask & ((1UL << 52) - 1);
        if (s.IsSigned && s.Length <= 52 && rng.Next(2) == 0) raw = (ulong)-(long)(raw >> 1) & mask;
        return raw;
    }

    private static double Physical(Signal s, ulong raw) => s.ValueType switch
    {
        SignalValueType.Float32 => BitConverter.UInt32BitsToSingle((uint)raw) * s.Factor + s.Offset,
        SignalValueType.Float64 => BitConverter.UInt64BitsToDouble(raw) * s.Factor + s.Offset,
        _ => (s.IsSigned ? ReferenceCodec.SignExtend(raw, s.Length) : (double)raw) * s.Factor + s.Offset,
    };
}
