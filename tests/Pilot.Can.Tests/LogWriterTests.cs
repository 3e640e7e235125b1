using Pilot.Can.Logs;
using Pilot.Testing;

namespace Pilot.Can.Tests;

/// <summary>Writers: what they write reads back equal; malformed logs fail with line or offset.</summary>
public class LogWriterTests
{
    private static readonly CanLogFrame[] Sample =
    [
        new() { Timestamp = 0.5, Channel = 0, Id = 0x123, Dlc = 3, Data = [1, 2, 3] },
        new() { Timestamp = 1.25, Channel = 1, Id = 0x1ABCDEF0, IsExtended = true, Dlc = 8, Data = [0, 1, 2, 3, 4, 5, 6, 7], IsRx = false },
        new() { Timestamp = 2, Channel = 0, Id = 0x7FF, IsRemote = true, Dlc = 4 },
        new() { Timestamp = 3.000001, Channel = 2, Id = 0x456, IsFd = true, BitrateSwitch = true, Dlc = 12, Data = Enumerable.Range(0, 12).Select(i => (byte)(i * 17)).ToArray() },
        new() { Timestamp = 4, Channel = 0, IsError = true },
    ];

    [Fact]
    public void AscWriteThenReadIsEqual()
    {
        var sw = new StringWriter();
        AscLog.Write(sw, Sample);
        var back = AscLog.Read(new StringReader(sw.ToString())).ToList();
        // ASC keeps the raw DLC code for CAN FD: 12 bytes is code 9.
        var expected = Sample.Select(f => f.IsFd ? f with { Dlc = 9 } : f).ToList();
        Assert.Equal(expected.Count, back.Count);
        for (int i = 0; i < back.Count; i++) Assert.Equal(expected[i], back[i]);
    }

    [Fact]
    public void CandumpWriteThenReadIsEqual()
    {
        var sw = new StringWriter();
        CandumpLog.Write(sw, Sample);
        Assert.StartsWith("(0.500000) can0 123#010203\n", sw.ToString().Replace("\r\n", "\n"));
        var back = CandumpLog.Read(new StringReader(sw.ToString())).ToList();
        var expected = Sample.Select(f => f with { ChannelName = $"can{f.Channel}", IsRx = true }).ToList();
        Assert.Equal(expected[0], back[0]);
        Assert.Equal(expected[1], back[1]);
        Assert.Equal(expected[2], back[2]);
        Assert.Equal(expected[3], back[3]);
        Assert.True(back[4].IsError);
    }

    [SkippableFact]
    public void ConvertsEveryFixtureToAscAndCandump()
    {
        string dir = TestData.Require("can-logs/python-can");
        string tmp = Directory.CreateTempSubdirectory("pilot-can-").FullName;
        try
        {
            foreach (string file in Directory.GetFiles(dir).Where(f => !f.EndsWith(".txt")))
            {
                var frames = CanLog.ReadFile(file);
                foreach (string ext in new[] { ".asc", ".log" })
                {
                    string output = Path.Combine(tmp, Path.GetFileName(file) + ext);
                    CanLog.WriteFile(output, frames);
                    var back = CanLog.ReadFile(output);
                    Assert.Equal(frames.Count, back.Count);
                    for (int i = 0; i < frames.Count; i++)
                    {
                        Assert.Equal(frames[i].IsError, back[i].IsError);
                        if (frames[i].IsError) continue;
                        // The BLF fixtures carry 0x4444444 without the extended flag; candump can only write that id as extended.
                        bool extended = frames[i].IsExtended || (ext == ".log" && frames[i].Id > 0x7FF);
                        Assert.Equal((frames[i].Id, extended, frames[i].IsRemote, frames[i].IsFd), (back[i].Id, back[i].IsExtended, back[i].IsRemote, back[i].IsFd));
                        if (!frames[i].IsRemote) Assert.Equal(frames[i].Data, back[i].Data);
                        Assert.Equal(frames[i].Timestamp, back[i].Timestamp, 5);
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
    }

    [Theory]
    [InlineData("(1.0) can0 12G#00\n", 1, "expected a hexadecimal id")]
    [InlineData("(1.0) can0 123#00\n(2.0) can0 123#0\n", 2, "even number of hex digits")]
    [InlineData("(x) can0 123#00\n", 1, "expected a timestamp")]
    [InlineData("1.0 can0 123#00\n", 1, "timestamp in parentheses")]
    public void MalformedCandumpNamesTheLine(string text, int line, string problem)
    {
        var e = Assert.Throws<CanLogException>(() => CandumpLog.Read(new StringReader(text), "bad.log").ToList());
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"bad.log:line {line}:", e.Message);
    }

    [Fact]
    public void MalformedAscAndTrcNameTheLine()
    {
        var asc = Assert.Throws<CanLogException>(() => AscLog.Read(new StringReader("base hex\n   1.000 1  12Z Rx d 1 00\n"), "bad.asc").ToList());
        Assert.Equal(2, asc.Line);
        Assert.Contains("arbitration id", asc.Message);
        var trc = Assert.Throws<CanLogException>(() => TrcLog.Read(new StringReader(";$FILEVERSION=2.1\n 1 10.0 DT 1 0100 Rx - 8 00\n"), "bad.trc").ToList());
        Assert.Equal(2, trc.Line);
        Assert.Contains("expected 8 data bytes", trc.Message);
        var version = Assert.Throws<CanLogException>(() => TrcLog.Read(new StringReader(";$FILEVERSION=9.9\n"), "v.trc").ToList());
        Assert.Contains("unsupported TRC file version", version.Message);
    }

    [Fact]
    public void MalformedBlfNamesTheOffset()
    {
        var e = Assert.Throws<CanLogException>(() => BlfLog.Read(new MemoryStream("LOGX0000"u8.ToArray()), "x.blf").ToList());
        Assert.Equal(0, e.Offset);
        var header = new byte[144];
        "LOGG"u8.CopyTo(header);
        BitConverter.GetBytes(144).CopyTo(header, 4);
        byte[] badObject = [.. header, .. "LOBJ"u8, 16, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0x7F, 1, 0, 0, 0];
        var big = Assert.Throws<CanLogException>(() => BlfLog.Read(new MemoryStream(badObject), "y.blf").ToList());
        Assert.Equal(144, big.Offset);
        Assert.Contains("MaxBlfObjectBytes", big.Message);
    }
}
