using Pilot.Can.Dbc;

namespace Pilot.Can.Tests;

/// <summary>Every DBC of the shared corpus loads (or is rejected with the listed error) and survives write-back.</summary>
public class DbcCorpusTests
{
    /// <summary>
    /// Files that cannot load from the corpus as shipped, with the error they must raise: the two RAM templates import
    /// a file opendbc generates with a Python script (_stellantis_common.py), which is not part of the data.
    /// </summary>
    private static readonly Dictionary<string, string> Rejected = new()
    {
        ["opendbc/dbc/generator/chrysler/chrysler_ram_dt.dbc"] = "chrysler_ram_dt.dbc:1:5: IMPORT _stellantis_common_ram_dt_generated.dbc: file not found",
        ["opendbc/dbc/generator/chrysler/chrysler_ram_hd.dbc"] = "chrysler_ram_hd.dbc:1:5: IMPORT _stellantis_common_ram_hd_generated.dbc: file not found",
    };

    public static IEnumerable<object[]> Files() => Corpus.AllFilesData();

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void LoadsAndWritesBackEqual(string file)
    {
        string path = Corpus.PathOf(file);
        if (Rejected.TryGetValue(file, out string? expected))
        {
            var e = Assert.Throws<DbcException>(() => DbcDatabase.Load(path));
            Assert.StartsWith(expected, e.Message);
            Assert.Equal(1, e.Line);
            return;
        }
        var db = DbcDatabase.Load(path);
        string text = DbcWriter.ToText(db);
        var again = DbcDatabase.Parse(text, db.Name);
        Assert.Null(DbcEquality.Difference(db, again));
        Assert.DoesNotContain(again.Warnings, w => !w.Contains("does not fit in message"));
    }

    [SkippableFact]
    public void CorpusHasEveryExpectedFile()
    {
        var files = Corpus.AllFiles().ToList();
        Assert.True(files.Count >= 200, $"only {files.Count} DBC files found");
        Assert.Contains("opendbc/dbc/ford_lincoln_base_pt.dbc", files);
        Assert.Contains("cantools/motohawk.dbc", files);
    }

    [SkippableFact]
    public void GeneratorTemplateLoadsItsImports()
    {
        var db = DbcDatabase.Load(Corpus.PathOf("opendbc/dbc/generator/honda/honda_civic_touring_2016_can.dbc"));
        // LKAS_HUD comes from _lkas_hud_5byte.dbc, GEARBOX_CVT from _gearbox_common.dbc, ECON_STATUS from the file itself.
        Assert.Equal(5, db.GetMessage("LKAS_HUD").Length);
        Assert.True(db.TryGetMessage("GEARBOX_CVT", out _));
        Assert.Equal(545u, db.GetMessage("ECON_STATUS").FrameId);
        Assert.Equal("honda_civic_touring_2016_can", db.Name);
        Assert.Equal(new Dictionary<long, string> { [0] = "off", [3] = "on" }, db.GetMessage("ECON_STATUS").GetSignal("ECON_ON_2").Choices);
    }

    [SkippableFact]
    public void TolerantParsingIsReportedAsWarnings()
    {
        var db = DbcDatabase.Load(Corpus.PathOf("opendbc/dbc/generator/gm/gm_global_a_powertrain.dbc"));
        Assert.Contains(db.Warnings, w => w.StartsWith("gm_global_a_powertrain.dbc:353:") && w.Contains("missing ';' ending VAL_"));
        Assert.Equal(new Dictionary<long, string> { [0] = "Inactive", [1] = "Active" }, db.GetMessage(501).GetSignal("ManualMode").Choices);
        var bad = DbcDatabase.Load(Corpus.PathOf("cantools/bad_message_length.dbc"));
        Assert.Contains(bad.Warnings, w => w.Contains("signal Signal1 (8|1) does not fit in message Message1 of 1 bytes"));
    }

    [SkippableFact]
    public void Cp1252AndUtf8NamesDecode()
    {
        var cp = DbcDatabase.Load(Corpus.PathOf("cantools/cp1252.dbc"));
        // The node comment holds every printable cp1252 character; 0x80 is the euro sign, 0x9F is Y with diaeresis.
        string comment = cp.Nodes.Single(n => n.Name == "Node1").Comment!;
        Assert.Contains("\u20AC\u201A\u0192", comment);
        Assert.EndsWith("\u00FE\u00FF", comment);
        Assert.Contains("\u0178\u00A0\u00A1", comment);   // 0x9F, then the no-break space 0xA0
        var utf8 = DbcDatabase.Load(Corpus.PathOf("cantools/issue_63.dbc"));
        Assert.NotEmpty(utf8.Messages);
    }
}
