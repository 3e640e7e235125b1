using System.CommandLine;
using System.Globalization;
using System.Text;
using Pilot.Can;
using Pilot.Can.Codec;
using Pilot.Can.Dbc;
using Pilot.Can.Logs;

namespace Pilot.Cli;

/// <summary><c>pilot can dump|decode|convert</c>: inspect DBC files and decode or convert CAN logs, like cantools.</summary>
internal static class CanCommands
{
    public static Command Create()
    {
        var group = new Command("can", "DBC databases and CAN logs: dump a DBC, decode a log with it, convert between log formats.");
        group.Subcommands.Add(Dump());
        group.Subcommands.Add(Decode());
        group.Subcommands.Add(Convert());
        return group;
    }

    private static Command Dump()
    {
        var file = new Argument<string>("dbc") { Description = "The DBC file." };
        var cmd = new Command("dump", "Print every message: id, length, senders, cycle time, bit layout and signals.");
        cmd.Arguments.Add(file);
        cmd.SetAction(r => Guard(() =>
        {
            var db = DbcDatabase.Load(r.GetValue(file)!);
            var o = Console.Out;
            o.WriteLine($"================================= Messages =================================");
            foreach (var m in db.Messages) DumpMessage(m, o);
            foreach (var w in db.Warnings) Console.Error.WriteLine($"warning: {w}");
        }));
        return cmd;
    }

    private static void DumpMessage(Message m, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("  ------------------------------------------------------------------------");
        o.WriteLine();
        o.WriteLine($"  Name:       {m.Name}");
        o.WriteLine($"  Id:         0x{m.FrameId:x}{(m.IsExtended ? " (extended)" : "")}");
        o.WriteLine($"  Length:     {m.Length} bytes{(m.IsFd ? " (CAN FD)" : "")}");
        o.WriteLine($"  Cycle time: {(m.CycleTimeMs is double c ? c.ToString(CultureInfo.InvariantCulture) : "-")} ms");
        o.WriteLine($"  Senders:    {string.Join(", ", m.Senders)}");
        if (m.Comment is not null) o.WriteLine($"  Comment:    {m.Comment}");
        o.WriteLine("  Layout:");
        o.WriteLine();
        foreach (string line in Layout(m)) o.WriteLine("    " + line);
        o.WriteLine();
        o.WriteLine("  Signals:");
        foreach (var s in m.Signals)
        {
            string mux = s.IsMultiplexer ? " multiplexer" : "";
            if (s.MultiplexerSignal is not null)
                mux += $" when {s.MultiplexerSignal} in {string.Join(",", s.MultiplexerRanges.Select(x => x.From == x.To ? $"{x.From}" : $"{x.From}-{x.To}"))}";
            o.WriteLine($"    {Code(s.Index)} {s.Name}: {s.StartBit}|{s.Length}@{(s.ByteOrder == ByteOrder.LittleEndian ? "1 little" : "0 big")}"
                + $" {(s.IsSigned ? "signed" : "unsigned")}{(s.ValueType != SignalValueType.Integer ? " " + s.ValueType.ToString().ToLowerInvariant() : "")}"
                + $" ({N(s.Factor)},{N(s.Offset)}) [{N(s.Minimum)}|{N(s.Maximum)}] \"{s.Unit}\"{mux}");
            foreach (var (raw, name) in s.Choices) o.WriteLine($"        {raw} {name}");
        }
    }

    /// <summary>
    /// The bit grid of a message, one row per byte, bits 7..0 left to right (as cantools draws it). Each cell shows the
    /// code of the signal that owns the bit ('.' free, '*' shared by several, e.g. multiplexed); the LSB cell is lower case.
    /// </summary>
    private static IEnumerable<string> Layout(Message m)
    {
        int bytes = Math.Max(m.Length, 1);
        var owner = new string?[bytes * 8];
        foreach (var s in m.Signals)
        {
            var bits = new byte[64];
            ReferenceCodec.InsertRaw(bits, s, ulong.MaxValue);
            int lsb = s.LsbPosition;
            for (int p = 0; p < bytes * 8; p++)
            {
                if ((bits[p / 8] & (1 << (p % 8))) == 0) continue;
                string code = p == lsb ? Code(s.Index).ToLowerInvariant() : Code(s.Index);
                owner[p] = owner[p] is null ? code : "*";
            }
        }
        yield return "           Bit";
        yield return "       7  6  5  4  3  2  1  0";
        yield return "     +--+--+--+--+--+--+--+--+";
        for (int b = 0; b < bytes; b++)
        {
            var sb = new StringBuilder($"{b,4} |");
            for (int bit = 7; bit >= 0; bit--) sb.Append((owner[b * 8 + bit] ?? ".").PadLeft(2)).Append('|');
            yield return sb.ToString();
        }
        yield return "     +--+--+--+--+--+--+--+--+";
    }

    private static string Code(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + index / 26 - 1)}{(char)('A' + index % 26)}";

    private static Command Decode()
    {
        var dbc = new Argument<string>("dbc") { Description = "The DBC file." };
        var log = new Argument<string>("log") { Description = "The log: .log (candump), .asc, .asc.gz, .blf or .trc." };
        var multi = new Option<bool>("--multi-line") { Description = "One signal per line, as cantools decode prints by default." };
        var cmd = new Command("decode", "Print each frame of a log with its decoded signals (value names where the DBC has them).");
        cmd.Arguments.Add(dbc);
        cmd.Arguments.Add(log);
        cmd.Options.Add(multi);
        cmd.SetAction(r => Guard(() =>
        {
            var db = DbcDatabase.Load(r.GetValue(dbc)!);
            bool multiLine = r.GetValue(multi);
            var values = new double[4096];
            var o = Console.Out;
            foreach (var f in CanLog.ReadFile(r.GetValue(log)!))
            {
                string head = $"({f.Timestamp.ToString("F6", CultureInfo.InvariantCulture)}) {f.ChannelName ?? f.Channel.ToString(CultureInfo.InvariantCulture)} "
                    + (f.IsError ? "ErrorFrame" : $"{f.Id:X3}{(f.IsExtended ? "x" : "")} [{f.Data.Length}] {Hex(f.Data)}");
                if (f.IsError || f.IsRemote || !db.TryGetMessage(f.Id, out var m))
                {
                    o.WriteLine(f.IsError || f.IsRemote ? head : $"{head} :: unknown frame id 0x{f.Id:X}");
                    continue;
                }
                try
                {
                    m.Codec.Decode(f.Data, values);
                }
                catch (CanDecodeException e)
                {
                    o.WriteLine($"{head} :: {e.Message}");
                    continue;
                }
                var parts = m.Signals.Where(s => !m.Codec.IsInactive(s.Index, values)).Select(s => Show(s, values[s.Index]));
                o.WriteLine(multiLine
                    ? $"{head} ::\n{m.Name}(\n    {string.Join(",\n    ", parts)}\n)"
                    : $"{head} :: {m.Name}({string.Join(", ", parts)})");
            }
        }));
        return cmd;
    }

    private static string Show(Signal s, double value)
    {
        if (s.Choices.Count > 0 && s.ValueType == SignalValueType.Integer)
        {
            double raw = Math.Round((value - s.Offset) / s.Factor);
            if (s.ChoiceName((long)raw) is string name) return $"{s.Name}: '{name}'";
        }
        return $"{s.Name}: {N(value)}{(s.Unit.Length > 0 ? " " + s.Unit : "")}";
    }

    private static Command Convert()
    {
        var input = new Argument<string>("input") { Description = "The log to read: .log, .asc, .asc.gz, .blf or .trc." };
        var output = new Argument<string>("output") { Description = "The log to write: .log (candump) or .asc." };
        var cmd = new Command("convert", "Convert a CAN log to another format (chosen by the file extensions).");
        cmd.Arguments.Add(input);
        cmd.Arguments.Add(output);
        cmd.SetAction(r => Guard(() =>
        {
            var frames = CanLog.ReadFile(r.GetValue(input)!);
            CanLog.WriteFile(r.GetValue(output)!, frames);
            Console.WriteLine($"{frames.Count} frames written to {r.GetValue(output)}");
        }));
        return cmd;
    }

    /// <summary>Bad input (a malformed DBC or log, a missing file) prints the error and exits 1 instead of a stack trace.</summary>
    private static int Guard(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception e) when (e is CanException or IOException or ArgumentException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static string Hex(byte[] data) => string.Join(' ', data.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private static string N(double d) => d.ToString("G10", CultureInfo.InvariantCulture);
}
