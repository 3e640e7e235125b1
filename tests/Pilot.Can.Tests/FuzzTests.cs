using System.Text;
using Pilot.Can.Dbc;
using Pilot.Can.Logs;
using Pilot.Testing;

namespace Pilot.Can.Tests;

/// <summary>
/// Seeded mutation fuzzing of DBC text and log bytes: every input either parses or fails with the library's own
/// exception type (DbcException, CanLogException), never anything else; limits stop oversized input by name.
/// </summary>
public class FuzzTests
{
    private const int MutantsPerSeedFile = 300;

    private static readonly string[] DbcSeeds =
    [
        "cantools/motohawk.dbc", "cantools/multiplex.dbc", "cantools/issue_184_extended_mux_cascaded.dbc",
        "cantools/attributes.dbc", "cantools/cp1252.dbc", "cantools/sig_groups.dbc", "cantools/vehicle.dbc",
    ];

    private static readonly string[] Fragments = [";", ":", "\"", "|", "@", "(", ")", "[", "]", ",", "-", "+", "0", "99999999999999999999", "1e400",
        "BO_ ", "SG_ ", "VAL_ ", "CM_ ", "BA_ ", "SG_MUL_VAL_ ", "m1M ", "M ", "\n", "\r\n", "\\\"", "BA_DEF_ ", "64|64@0+ "];

    [SkippableFact]
    public void MutatedDbcTextFailsOnlyWithDbcException()
    {
        var rng = new Random(11);
        int parsed = 0, rejected = 0;
        foreach (string seed in DbcSeeds)
        {
            byte[] original = File.ReadAllBytes(Corpus.PathOf(seed));
            for (int i = 0; i < MutantsPerSeedFile; i++)
            {
                byte[] mutant = MutateText(rng, original);
                try
                {
                    var db = DbcDatabase.Load(new MemoryStream(mutant), "fuzz.dbc");
                    // Whatever loads must also write back and reload.
                    DbcDatabase.Parse(DbcWriter.ToText(db), "fuzz");
                    parsed++;
                }
                catch (DbcException e)
                {
                    Assert.Equal("fuzz.dbc", e.File);
                    Assert.True(e.Line >= 1 && e.Column >= 1);
                    rejected++;
                }
            }
        }
        Assert.True(parsed > 0 && rejected > 0, $"parsed {parsed}, rejected {rejected}");
    }

    [SkippableFact]
    public void MutatedLogsFailOnlyWithCanLogException()
    {
        var rng = new Random(12);
        string dir = TestData.Require("can-logs/python-can");
        int read = 0, rejected = 0;
        foreach (string file in Directory.GetFiles(dir).Where(f => !f.EndsWith(".txt") && !f.EndsWith(".gz")))
        {
            byte[] original = File.ReadAllBytes(file);
            bool binary = file.EndsWith(".blf");
            for (int i = 0; i < (binary ? 400 : 60); i++)
            {
                byte[] mutant = binary ? MutateBinary(rng, original) : MutateText(rng, original);
                try
                {
                    _ = ReadAs(Path.GetExtension(file), mutant).Count;
                    read++;
                }
                catch (CanLogException)
                {
                    rejected++;
                }
            }
        }
        Assert.True(read > 0 && rejected > 0, $"read {read}, rejected {rejected}");
    }

    [Fact]
    public void LimitsAreEnforcedByName()
    {
        const string two = "BO_ 1 M: 8 X\n SG_ A : 0|8@1+ (1,0) [0|0] \"\" X\n SG_ B : 8|8@1+ (1,0) [0|0] \"\" X\n";
        var e = Assert.Throws<DbcException>(() => DbcDatabase.Parse(two, "l.dbc", new DbcLimits { MaxSignalsPerMessage = 1 }));
        Assert.Contains("DbcLimits.MaxSignalsPerMessage", e.Message);
        Assert.Equal(3, e.Line);
        var token = Assert.Throws<DbcException>(() => DbcDatabase.Parse("CM_ \"" + new string('x', 100) + "\";", "t.dbc", new DbcLimits { MaxTokenLength = 50 }));
        Assert.Contains("DbcLimits.MaxTokenLength", token.Message);
        var size = Assert.Throws<DbcException>(() => DbcDatabase.Load(new MemoryStream(new byte[1000]), "s.dbc", new DbcLimits { MaxFileBytes = 100 }));
        Assert.Contains("DbcLimits.MaxFileBytes", size.Message);
        var line = Assert.Throws<CanLogException>(() => CandumpLog.Read(new StringReader(new string('1', 500)), "x.log", new CanLogLimits { MaxLineLength = 100 }).ToList());
        Assert.Contains("CanLogLimits.MaxLineLength", line.Message);
    }

    [Theory]
    [InlineData("BO_ 1 M: 8 X\n SG_ A : 0|8@2+ (1,0) [0|0] \"\" X\n", 2, 14, "byte order 0 (big endian) or 1 (little endian)")]
    [InlineData("BO_ 1 M: 65 X\n", 1, 10, "length 65 is outside 0..64")]
    [InlineData("BO_ 1 M: 8 X\n SG_ A : 0|65@1+ (1,0) [0|0] \"\" X\n", 2, 12, "length 65 is outside 1..64")]
    [InlineData("BO_ 1 M: 8 X\n SG_ A : 0|8@1+ (1,0 [0|0] \"\" X\n", 2, 22, "expected ')' after factor,offset")]
    [InlineData("SG_ A : 0|8@1+ (1,0) [0|0] \"\" X\n", 1, 5, "SG_ outside a message")]
    [InlineData("VERSION \"x\nBO_ 1 M: 8 X\n", 1, 9, "unterminated string")]
    [InlineData("BO_ 1 M: 8 X\n SG_ A m1 : 0|8@1+ (1,0) [0|0] \"\" X\n", 2, 6, "no multiplexer (M) signal")]
    [InlineData("FOO_ 1;\n", 1, 1, "expected a statement keyword")]
    [InlineData("BO_ 1 M: 8 X\n SG_ A : 0|8@1+ (1,0) [0|0] \"\" X\nSIG_VALTYPE_ 1 A : 1;\n", 3, 20, "needs 32")]
    public void ErrorsNameLineColumnAndExpectation(string text, int line, int column, string expected)
    {
        var e = Assert.Throws<DbcException>(() => DbcDatabase.Parse(text, "e.dbc"));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith($"e.dbc:{line}:{column}: ", e.Message);
    }

    private static IReadOnlyList<CanLogFrame> ReadAs(string ext, byte[] bytes) => ext switch
    {
        ".blf" => BlfLog.Read(new MemoryStream(bytes), "fuzz.blf").ToList(),
        ".asc" => AscLog.Read(new StringReader(Encoding.Latin1.GetString(bytes)), "fuzz.asc").ToList(),
        ".trc" => TrcLog.Read(new StringReader(Encoding.Latin1.GetString(bytes)), "fuzz.trc").ToList(),
        _ => CandumpLog.Read(new StringReader(Encoding.Latin1.GetString(bytes)), "fuzz.log").ToList(),
    };

    private static byte[] MutateText(Random rng, byte[] original)
    {
        var list = new List<byte>(original);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits && list.Count > 0; e++)
        {
            int at = rng.Next(list.Count);
            switch (rng.Next(5))
            {
                case 0: list[at] = (byte)rng.Next(256); break;
                case 1: list.RemoveRange(at, Math.Min(list.Count - at, 1 + rng.Next(20))); break;
                case 2: list.InsertRange(at, Encoding.ASCII.GetBytes(Fragments[rng.Next(Fragments.Length)])); break;
                case 3: list.RemoveRange(at, list.Count - at); break;
                default:
                    int from = rng.Next(list.Count);
                    list.InsertRange(at, list.GetRange(from, Math.Min(list.Count - from, 1 + rng.Next(40))));
                    break;
            }
        }
        return list.ToArray();
    }

    private static byte[] MutateBinary(Random rng, byte[] original)
    {
        var bytes = (byte[])original.Clone();
        int edits = 1 + rng.Next(6);
        for (int e = 0; e < edits; e++)
        {
            int at = rng.Next(bytes.Length);
            bytes[at] = rng.Next(3) switch { 0 => (byte)rng.Next(256), 1 => 0xFF, _ => (byte)(bytes[at] ^ (1 << rng.Next(8))) };
        }
        return rng.Next(5) == 0 ? bytes[..rng.Next(bytes.Length)] : bytes;
    }
}
