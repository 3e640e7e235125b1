using Pilot.Can.Logs;
using Pilot.Testing;

namespace Pilot.Can.Tests;

/// <summary>The python-can fixtures, read with python-can's own test expectations (test/logformats_test.py).</summary>
public class LogReaderTests
{
    private static IReadOnlyList<CanLogFrame> Read(string name) => CanLog.ReadFile(TestData.Require($"can-logs/python-can/{name}"));

    private static CanLogFrame F(double t, uint id, int channel, byte[] data, bool ext = false, bool rx = true, int? dlc = null) =>
        new() { Timestamp = t, Id = id, Channel = channel, Data = data, IsExtended = ext, IsRx = rx, Dlc = dlc ?? data.Length };

    [SkippableTheory]
    [InlineData("test_CanMessage.asc")]
    [InlineData("test_CanMessage.asc.gz")]
    public void AscCanMessage(string file)
    {
        Assert.Equal(
        [
            F(2.5010, 0xC8, 1, [9, 8, 7, 6, 5, 4, 3, 2], rx: false),
            F(17.876708, 0x6F9, 0, [5, 0xC, 0, 0, 0, 0, 0, 0]),
        ], Read(file));
    }

    [SkippableFact]
    public void AscRemoteFrames()
    {
        var frames = Read("test_CanRemoteMessage.asc");
        Assert.Equal(
        [
            new CanLogFrame { Timestamp = 2.510001, Id = 0x100, Channel = 1, IsRemote = true },
            new CanLogFrame { Timestamp = 2.520002, Id = 0x200, Channel = 2, IsRemote = true, IsRx = false },
            new CanLogFrame { Timestamp = 2.584921, Id = 0x300, Channel = 3, IsRemote = true, Dlc = 8 },
        ], frames);
    }

    [SkippableFact]
    public void AscCanFd()
    {
        var fd = Read("test_CanFdMessage.asc");
        Assert.Equal(3, fd.Count);
        Assert.Equal(new CanLogFrame { Timestamp = 30.005021, Id = 0x300, Channel = 0, Dlc = 8, Data = [0x11, 0xC2, 3, 4, 5, 6, 7, 8], IsFd = true, BitrateSwitch = true }, fd[0]);
        Assert.Equal(new CanLogFrame { Timestamp = 30.005041, Id = 0x1C4D80A7, IsExtended = true, Channel = 1, Dlc = 8, IsRx = false, Data = [0x12, 0xC2, 3, 4, 5, 6, 7, 8], IsFd = true, ErrorStateIndicator = true }, fd[1]);
        Assert.Equal(new CanLogFrame { Timestamp = 30.005071, Id = 0x30A, Channel = 2, Dlc = 8, Data = [1, 2, 3, 4, 5, 6, 7, 8], IsFd = true, BitrateSwitch = true, ErrorStateIndicator = true }, fd[2]);
        var fd64 = Read("test_CanFdMessage64.asc");
        byte[] payload = [0xA1, 2, 3, 4, .. new byte[59], 0x64];
        Assert.Equal(new CanLogFrame { Timestamp = 30.506898, Id = 0x4EE, Channel = 3, Dlc = 0xF, Data = payload, IsFd = true, ErrorStateIndicator = true }, fd64[0]);
        payload[0] = 0xB1;
        Assert.Equal(new CanLogFrame { Timestamp = 31.506898, Id = 0x1C4D80A7, IsExtended = true, Channel = 3, Dlc = 0xF, Data = payload, IsFd = true, BitrateSwitch = true }, fd64[1]);
        var remote = Assert.Single(Read("test_CanFdRemoteMessage.asc"));
        Assert.Equal(new CanLogFrame { Timestamp = 30.300981, Id = 0x50005, IsExtended = true, Channel = 2, Dlc = 5, IsRx = false, IsFd = true, IsRemote = true, ErrorStateIndicator = true }, remote);
    }

    [SkippableFact]
    public void AscErrorFramesAndSkippedLines()
    {
        Assert.Equal(
        [
            new CanLogFrame { Timestamp = 2.501, Channel = 0, IsError = true },
            new CanLogFrame { Timestamp = 3.501, Channel = 0, IsError = true },
            new CanLogFrame { Timestamp = 4.501, Channel = 1, IsError = true },
            new CanLogFrame { Timestamp = 30.806898, Channel = 4, IsError = true, IsFd = true, IsRx = false },
        ], Read("test_CanErrorFrames.asc"));
        // logfile.asc mixes statistics, status, J1939 transport and comment lines with 20 frames.
        var all = Read("logfile.asc");
        Assert.Equal(20, all.Count);
        Assert.Equal(4, all.Count(f => f.IsError));
        Assert.Equal(0x18EBFF00u, all.First(f => f.IsExtended).Id);
        Assert.Equal(1457, Read("issue_1256.asc").Count);
        var dlc13 = Read("issue_1299.asc")[2];
        Assert.Equal((0x3FFu, 32, 8), (dlc13.Id, dlc13.Dlc, dlc13.Data.Length));   // DLC D = 32 bytes; classic lines keep 8
        var single = Assert.Single(Read("single_frame.asc"));
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, single.Data);
    }

    [SkippableTheory]
    [InlineData("test_CanMessage.blf")]
    [InlineData("test_CanMessage2.blf")]
    public void BlfCanMessage(string file)
    {
        var expected = F(2459565876.494607, 0x4444444, 0x1110, [0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC], dlc: 0x33);
        var frames = Read(file);
        Assert.Equal(2, frames.Count);
        foreach (var f in frames) Assert.Equal(expected, f with { Timestamp = Math.Round(f.Timestamp, 6) });
    }

    [SkippableFact]
    public void BlfCanFdMessages()
    {
        var fd = Read("test_CanFdMessage.blf");
        Assert.Equal(2, fd.Count);
        Assert.Equal(new CanLogFrame
        {
            Timestamp = 2459565876.494607, Id = 0x4444444, Channel = 0x1110, Dlc = 64, IsFd = true, BitrateSwitch = true,
            ErrorStateIndicator = true, Data = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray(),
        }, fd[0] with { Timestamp = Math.Round(fd[0].Timestamp, 6) });
        var fd64 = Read("test_CanFdMessage64.blf");
        Assert.Equal(2, fd64.Count);
        var f = fd64[0];
        Assert.Equal((0x15555555u, false, true, 0x10, 64, true, false, true, true), (f.Id, f.IsExtended, f.IsRemote, f.Channel, f.Dlc, f.IsFd, f.IsRx, f.BitrateSwitch, f.ErrorStateIndicator));
        Assert.Equal(2459565876.494607, f.Timestamp, 6);
    }

    [SkippableFact]
    public void BlfErrorFrameAndIssue1905Padding()
    {
        var errors = Read("test_CanErrorFrameExt.blf");
        Assert.Equal(2, errors.Count);
        Assert.Equal(new CanLogFrame
        {
            Timestamp = 2459565876.494607, IsError = true, Id = 0x19999999, IsExtended = true, Channel = 0x1110, Dlc = 0x66,
            Data = [0xCC, 0xDD, 0xEE, 0xFF, 0x11, 0x22, 0x33, 0x44],
        }, errors[0] with { Timestamp = Math.Round(errors[0].Timestamp, 6) });
        var issue = Read("issue_1905.blf");
        Assert.Equal(22, issue.Count);
        Assert.Equal(1735654183.491113, issue[0].Timestamp, 6);      // start SYSTEMTIME 2024-12-31 14:09:40.222 UTC + 3.269113 s
        Assert.Equal((0x6A9u, 6, 64), (issue[0].Id, issue[0].Channel, issue[0].Dlc));
        Assert.Equal([.. Enumerable.Repeat((byte)0xFF, 48), .. new byte[16]], issue[0].Data);
    }

    [SkippableFact]
    public void TrcVersionsMatchPythonCan()
    {
        Assert.Equal(
        [
            F(2.501, 0xC8, 2, [9, 8, 7, 6, 5, 4, 3, 2], rx: false),
            F(17.876708, 0x6F9, 1, [5, 0xC, 0, 0, 0, 0, 0, 0]),
        ], Read("test_CanMessage.trc").Select(f => f with { Timestamp = Math.Round(f.Timestamp, 6) }));
        double[] ext = [17.5354, 17.7003, 17.8738, 20.5927, 20.7986, 20.9560, 21.0971];
        double[] std = [19.2954, 19.5006, 19.7052];
        foreach (var (file, rxSupport, exactTimes) in new[]
                 {
                     ("test_CanMessage_V1_0_BUS1.trc", false, false), ("test_CanMessage_V1_1.trc", true, true),
                     ("test_CanMessage_V1_3.trc", true, true), ("test_CanMessage_V2_0_BUS1.trc", true, true),
                     ("test_CanMessage_V2_1.trc", true, true),
                 })
        {
            var frames = Read(file);
            // python-can drops the RTR/RR line (its parser fails on it); Pilot returns it as a remote frame.
            var remote = Assert.Single(frames, f => f.IsRemote);
            Assert.Equal((0x704u, false, 1), (remote.Id, remote.IsExtended, remote.Dlc));
            Assert.InRange(remote.Timestamp, 48.937, 48.9377);
            var data = frames.Where(f => !f.IsRemote).ToList();
            Assert.Equal(10, data.Count);
            foreach (var f in data)
            {
                bool isExt = f.Id == 0x100;
                Assert.True(isExt || f.Id == 0, file);
                Assert.Equal(isExt, f.IsExtended);
                // Version 1.0 stores whole milliseconds: 17535.4 ms is written 17535.
                double seen = Math.Round(f.Timestamp, exactTimes ? 4 : 3);
                Assert.Contains(seen, (isExt ? ext : std).Select(t => exactTimes ? t : Math.Round(Math.Floor(t * 1000) / 1000, 3)));
                Assert.Equal(!rxSupport, f.IsRx);
                Assert.Equal(new byte[8], f.Data);
                Assert.Equal(1, f.Channel);
            }
        }
    }
}
