using System.Text;
using Pilot.Bridge.Adapters;
using Pilot.Bridge.Bench;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Serial;
using Pilot.Testing;

namespace Pilot.Bridge.Tests;

/// <summary>
/// The SLCAN adapter on one end of a socat pty pair; on the other end a Lawicel-speaking peer answers commands the way
/// CANable firmware does and loops transmitted frames back with timestamps.
/// </summary>
public sealed class SlcanTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>The device side: logs every line it receives, answers per Lawicel, optionally loops frames back.</summary>
    private sealed class LawicelPeer : IDisposable
    {
        private readonly TtyLink _link;
        private readonly Thread _thread;
        private readonly List<string> _lines = [];
        public string StatusReply = "F00";
        public string? RefuseCommand;
        public bool Loopback = true;
        public int EmptyLineReplyDelayMs = -1;  // ≥ 0: answer empty lines with CR after this long, as some firmware does
        private int _stampMs = 59_990;  // near the wrap, so the adapter must unwrap

        public LawicelPeer(string port)
        {
            _link = TtyLink.Open(port);
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        public List<string> Lines
        {
            get { lock (_lines) return _lines.ToList(); }
        }

        public void Send(string raw) => _link.Write(Encoding.ASCII.GetBytes(raw));

        private void Run()
        {
            var buffer = new byte[1024];
            var line = new StringBuilder();
            try
            {
                int n;
                while ((n = _link.Read(buffer)) > 0)
                    for (int i = 0; i < n; i++)
                    {
                        if (buffer[i] != '\r') { line.Append((char)buffer[i]); continue; }
                        string text = line.ToString();
                        line.Clear();
                        if (text.Length == 0)
                        {
                            if (EmptyLineReplyDelayMs < 0) continue;
                            Thread.Sleep(EmptyLineReplyDelayMs);
                            Send("\r");
                            continue;
                        }
                        lock (_lines) _lines.Add(text);
                        Answer(text);
                    }
            }
            catch (Exception e) when (e is LinkException or ObjectDisposedException) { }  // unplugged, or disposed mid-answer
        }

        private void Answer(string command)
        {
            if (command == RefuseCommand) { Send("\a"); return; }
            switch (command[0])
            {
                case 'V': Send("V1013\r"); break;
                case 'N': Send("NA7C1\r"); break;
                case 'F': Send(StatusReply + "\r"); break;
                case 't' or 'r' or 'd' or 'b':
                    Send("z\r");
                    if (Loopback) Echo(command);
                    break;
                case 'T' or 'R' or 'D' or 'B':
                    Send("Z\r");
                    if (Loopback) Echo(command);
                    break;
                default: Send("\r"); break;
            }
        }

        private void Echo(string frame)
        {
            Send($"{frame}{_stampMs:X4}\r");
            _stampMs = (_stampMs + 10) % 60_000;
        }

        public void Dispose()
        {
            _link.Dispose();
            _thread.Join();
        }
    }

    private sealed class Rig : IDisposable
    {
        public readonly PtyPair Pty = new(TestData.RequireTool("socat"));
        public readonly LawicelPeer Peer;
        public readonly SlcanAdapter Adapter;

        public Rig(bool fd = false, Action<LawicelPeer>? setup = null)
        {
            Peer = new LawicelPeer(Pty.B);
            setup?.Invoke(Peer);
            // A generous reply timeout: the peer is a thread of this test host, which shares 2 cores with the other test hosts.
            Adapter = new SlcanAdapter(Pty.A, fd: fd, commandTimeout: TimeSpan.FromSeconds(10));
            Adapter.Open();
        }

        public CanFrame Next()
        {
            Assert.True(Adapter.TryReceive(out var frame, Wait), "no frame from the adapter");
            return frame;
        }

        public void Dispose()
        {
            Adapter.Dispose();
            Peer.Dispose();
            Pty.Dispose();
        }
    }

    [SkippableFact]
    public void OpenConfiguresTheChannelAndReadsVersionAndSerial()
    {
        using var rig = new Rig();
        Assert.Equal(["C", "V", "N", "S6", "Z1", "O"], rig.Peer.Lines);
        Assert.Equal("1013", rig.Adapter.Version);
        Assert.Equal("A7C1", rig.Adapter.SerialNumber);
        Assert.True(rig.Adapter.IsOpen);
    }

    [SkippableFact]
    public void SendsStandardExtendedAndRemoteFramesAndReceivesTheLoopbackWithTimestamps()
    {
        using var rig = new Rig();
        rig.Adapter.Send(CanFrame.Create(0, 0x123, [0xAA, 0xBB]));
        rig.Adapter.Send(CanFrame.Create(0, 0x1ABCDEF, [1, 2, 3], extended: true));
        var remote = new CanFrame { Address = 0x7FF, Length = 4, Kind = FrameKind.Remote };
        rig.Adapter.Send(remote);
        var a = rig.Next();
        var b = rig.Next();
        var c = rig.Next();
        Assert.Equal("bus 0 0x123 [2] AABB", a.ToString());
        Assert.Equal("bus 0 0x1ABCDEFx [3] 010203", b.ToString());
        Assert.Equal((FrameKind.Remote, 0x7FFu, (byte)4), (c.Kind, c.Address, c.Length));
        // Device stamps 59990, 0, 10 ms: unwrapped across the minute wrap, 10 ms apart.
        Assert.Equal(10_000_000, b.TimestampNs - a.TimestampNs);
        Assert.Equal(10_000_000, c.TimestampNs - b.TimestampNs);
        Assert.Contains("t1232AABB", rig.Peer.Lines);
        Assert.Contains("T01ABCDEF3010203", rig.Peer.Lines);
        Assert.Contains("r7FF4", rig.Peer.Lines);
        var deadline = DateTime.UtcNow + Wait;
        while (rig.Adapter.TransmitAcks < 3 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(3, rig.Adapter.TransmitAcks);
        Assert.Equal(3, rig.Adapter.Stats.Sent);
    }

    [SkippableFact]
    public void StatusFlagsBecomeBusErrorFrames()
    {
        using var rig = new Rig(setup: peer => peer.StatusReply = "FA4");  // 0x80 bus error, 0x20 passive, 0x04 warning
        Assert.Equal(0xA4, rig.Adapter.ReadStatus());
        var errors = new[] { rig.Next(), rig.Next(), rig.Next() }.Select(f => (f.Kind, f.Error)).ToList();
        Assert.Equal([(FrameKind.Error, BusErrorState.ErrorWarning), (FrameKind.Error, BusErrorState.ErrorPassive), (FrameKind.Error, BusErrorState.BusOff)], errors);
        Assert.Equal(3, rig.Adapter.Stats.BusErrors);
    }

    [SkippableFact]
    public void BitrateChangesCloseSetAndReopen()
    {
        using var rig = new Rig();
        rig.Adapter.SetBitrate(0, 250_000);
        Assert.Equal(["C", "S5", "O"], rig.Peer.Lines.Skip(6));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => rig.Adapter.SetBitrate(0, 333_000));
        Assert.Contains("no S code for 333000", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Adapter.SetBitrate(1, 500_000));
        Assert.Throws<NotSupportedException>(() => rig.Adapter.SetBitrate(0, 500_000, 2_000_000));
    }

    [SkippableFact]
    public void GarbageFromTheDeviceIsCountedAndFramesAfterItStillArrive()
    {
        using var rig = new Rig(setup: peer => peer.Loopback = false);
        rig.Peer.Send("tXYZ1AA\rt12\rT123\rt1239" + new string('0', 18) + "\r" + new string('q', 500) + "\rt0011FF\r");
        var frame = rig.Next();
        Assert.Equal("bus 0 0x1 [1] FF", frame.ToString());
        Assert.Equal(5, rig.Adapter.Stats.ProtocolErrors);
    }

    [SkippableFact]
    public void ARefusedCommandIsReportedByName()
    {
        var e = Assert.Throws<IOException>(() => new Rig(setup: peer => peer.RefuseCommand = "Z1"));
        Assert.Contains("refused 'Z1'", e.Message);
    }

    [SkippableFact]
    public void LateAnswersToTheOpeningFlushAreNotTakenForCommandReplies()
    {
        // Three CRs flush the device; answered 40 ms late each, they arrive while C and V wait for their replies.
        using var rig = new Rig(setup: peer => peer.EmptyLineReplyDelayMs = 40);
        Assert.Equal(["C", "V", "N", "S6", "Z1", "O"], rig.Peer.Lines);
        Assert.Equal("1013", rig.Adapter.Version);
        Assert.Equal("A7C1", rig.Adapter.SerialNumber);
    }

    [SkippableFact]
    public void CanFdFramesUseTheExtension()
    {
        using var rig = new Rig(fd: true);
        rig.Adapter.SetBitrate(0, 500_000, 2_000_000);
        Assert.Equal(["C", "S6", "Y2", "O"], rig.Peer.Lines.Skip(6));
        var fd = CanFrame.Create(0, 0x321, Enumerable.Range(0, 12).Select(i => (byte)i).ToArray(), fd: true);
        fd.BitrateSwitch = true;
        rig.Adapter.Send(fd);
        var echo = rig.Next();
        Assert.True(echo.Fd && echo.BitrateSwitch);
        Assert.Equal(12, echo.Length);
        Assert.Contains("b3219000102030405060708090A0B", rig.Peer.Lines);
        using var classic = new Rig();
        Assert.Throws<NotSupportedException>(() => classic.Adapter.Send(fd));
    }

    [SkippableFact]
    public void UnplugFailsTheAdapterWithoutCrashing()
    {
        using var rig = new Rig();
        rig.Pty.Unplug();
        Assert.False(rig.Adapter.TryReceive(out _, Wait));
        Assert.False(rig.Adapter.IsOpen);
        Assert.NotNull(rig.Adapter.Failure);
        Assert.Throws<LinkException>(() => rig.Adapter.Send(CanFrame.Create(0, 1, [])));
    }

    [Theory]
    [InlineData("t12", "too short")]
    [InlineData("tG001", "not hex")]
    [InlineData("t1239", "DLC '9' at column 5")]
    [InlineData("t1232AA", "do not match DLC 2")]
    [InlineData("t1231ZZ", "data byte 0 at column 6")]
    [InlineData("t1231AAEA60", "timestamp 'EA60'")]
    [InlineData("x123", "not a frame type")]
    [InlineData("t8001AA", "out of range")]
    public void MalformedLinesSayWhatAndWhere(string line, string expected)
    {
        var error = SlcanCodec.TryParse(line, out _, out _);
        Assert.NotNull(error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void FormatAndParseRoundTrip()
    {
        var random = new Random(10);
        Span<char> line = stackalloc char[SlcanCodec.MaxLineLength];
        for (int i = 0; i < 500; i++)
        {
            var frame = RandomFrames.Next(random);
            int n = SlcanCodec.Format(frame, line);
            Assert.Null(SlcanCodec.TryParse(line[..n], out var parsed, out int stamp));
            Assert.Equal(-1, stamp);
            Assert.Equal(frame.ToString(), parsed.ToString());
            Assert.Equal((frame.Fd, frame.BitrateSwitch), (parsed.Fd, parsed.BitrateSwitch));
        }
    }
}
