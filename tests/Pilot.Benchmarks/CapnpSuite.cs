using System.Diagnostics;
using Pilot.Capnp;

namespace Pilot.Benchmarks;

/// <summary>
/// ./pilot bench capnp: build+write (framed into a reused buffer) and read-all-fields of a carState-sized struct
/// (42 fields: floats, bools, ints, an enum, a text, two nested structs, a small struct list) and of a ~5 KB model
/// output (33-point float32 lists), with the C++ reference library running the same work as a peer
/// (CapnpPeer/main.c++ on CapnpPeer/bench.capnp, whose layout the offsets below follow).
/// </summary>
public sealed class CapnpSuite : ISuite
{
    public string Name => "capnp";

    // CarState: 12 data words, 4 pointers; CruiseState and WheelSpeeds: 2 data words; ButtonEvent: 1 data word.
    // ModelOutput: 2 data words, 8 pointers; XYZ: 3 pointers (x, y, z float32 lists of 33 points).
    private const int Points = 33;
    private static readonly float[] PointValues = Enumerable.Range(0, Points).Select(k => 0.5f * k).ToArray();

    public static void BuildCar(MessageBuilder b, int i)
    {
        var c = b.InitRoot(12, 4);
        float f = i;
        c.WriteFloat32(0, f + 0.1f); c.WriteFloat32(1, f + 0.2f); c.WriteFloat32(2, f + 0.3f); c.WriteFloat32(3, f + 0.4f);
        c.WriteFloat32(4, f + 0.5f); c.WriteFloat32(5, f + 0.6f); c.WriteFloat32(6, f + 0.7f); c.WriteFloat32(7, f + 0.8f);
        c.WriteFloat32(8, f + 0.9f); c.WriteFloat32(9, f + 1.0f); c.WriteFloat32(10, f + 1.1f); c.WriteFloat32(11, f + 1.2f);
        c.WriteBool(384, (i & 1) != 0); c.WriteBool(385, (i & 2) != 0); c.WriteBool(386, (i & 4) != 0);
        c.WriteBool(387, (i & 8) != 0); c.WriteBool(388, (i & 16) != 0); c.WriteBool(389, (i & 32) != 0);
        c.WriteBool(390, true); c.WriteBool(391, false); c.WriteBool(392, (i & 64) != 0);
        c.WriteBool(393, true); c.WriteBool(394, (i & 128) != 0); c.WriteBool(395, false);
        c.WriteUInt16(25, 2);                                   // gearShifter = drive
        c.WriteInt32(13, i); c.WriteInt32(14, -i); c.WriteUInt32(15, (uint)i * 3); c.WriteUInt32(16, 7);
        c.WriteInt64(9, 1_000_000_000L * i); c.WriteInt64(10, 123456789L + i); c.WriteFloat64(11, 0.5 + i);
        c.SetText(0, "TOYOTA_COROLLA_TSS2"u8);
        var cruise = c.InitStruct(1, 2, 0);
        cruise.WriteFloat32(0, f); cruise.WriteFloat32(1, 2.5f); cruise.WriteBool(64, true); cruise.WriteBool(65, (i & 1) != 0);
        var wheels = c.InitStruct(2, 2, 0);
        wheels.WriteFloat32(0, f); wheels.WriteFloat32(1, f + 0.01f); wheels.WriteFloat32(2, f + 0.02f); wheels.WriteFloat32(3, f + 0.03f);
        var buttons = c.InitStructList(3, 2, 1, 0);
        var b0 = buttons.GetStruct(0);
        b0.WriteBool(0, true); b0.WriteUInt16(1, 3);
        var b1 = buttons.GetStruct(1);
        b1.WriteBool(0, false); b1.WriteUInt16(1, 5);
    }

    public static double ReadCar(StructReader c)
    {
        double s = c.ReadFloat32(0) + c.ReadFloat32(1) + c.ReadFloat32(2) + c.ReadFloat32(3) + c.ReadFloat32(4)
            + c.ReadFloat32(5) + c.ReadFloat32(6) + c.ReadFloat32(7) + c.ReadFloat32(8) + c.ReadFloat32(9)
            + c.ReadFloat32(10) + c.ReadFloat32(11);
        int bools = 0;
        for (int bit = 384; bit < 396; bit++) bools += c.ReadBool(bit) ? 1 : 0;
        s += bools + c.ReadUInt16(25) + c.ReadInt32(13) + c.ReadInt32(14) + c.ReadUInt32(15) + c.ReadUInt32(16)
            + c.ReadInt64(9) + c.ReadInt64(10) + c.ReadFloat64(11);
        s += c.ReadTextSpan(0).Length;
        var cruise = c.ReadStruct(1);
        s += cruise.ReadFloat32(0) + cruise.ReadFloat32(1) + (cruise.ReadBool(64) ? 1 : 0) + (cruise.ReadBool(65) ? 1 : 0);
        var wheels = c.ReadStruct(2);
        s += wheels.ReadFloat32(0) + wheels.ReadFloat32(1) + wheels.ReadFloat32(2) + wheels.ReadFloat32(3);
        var buttons = c.ReadList(3);
        for (int k = 0; k < buttons.Count; k++)
        {
            var e = buttons.GetStruct(k);
            s += (e.ReadBool(0) ? 1 : 0) + e.ReadUInt16(1);
        }
        return s;
    }

    private static void SetXyz(StructBuilder xyz)
    {
        xyz.InitList(0, ElementSize.FourBytes, Points).SetRange<float>(0, PointValues);
        xyz.InitList(1, ElementSize.FourBytes, Points).SetRange<float>(0, PointValues);
        xyz.InitList(2, ElementSize.FourBytes, Points).SetRange<float>(0, PointValues);
    }

    public static void BuildModel(MessageBuilder b, int i)
    {
        var m = b.InitRoot(2, 8);
        m.WriteUInt32(0, (uint)i);
        m.WriteUInt64(1, 50_000_000UL * (uint)i);
        for (int p = 0; p < 5; p++) SetXyz(m.InitStruct(p, 0, 3));
        var lanes = m.InitStructList(5, 4, 0, 3);
        for (int k = 0; k < 4; k++) SetXyz(lanes.GetStruct(k));
        var edges = m.InitStructList(6, 2, 0, 3);
        for (int k = 0; k < 2; k++) SetXyz(edges.GetStruct(k));
        var probs = m.InitList(7, ElementSize.FourBytes, 4);
        for (int k = 0; k < 4; k++) probs.SetFloat32(k, 0.25f * k);
    }

    /// <summary>Sums every point through the zero-copy span path.</summary>
    private static double SumXyz(StructReader xyz) =>
        Sum(xyz.ReadList(0).GetPrimitiveSpan<float>()) + Sum(xyz.ReadList(1).GetPrimitiveSpan<float>())
        + Sum(xyz.ReadList(2).GetPrimitiveSpan<float>());

    // Kept out of line so that the accumulator stays in a register (inlined into the caller it was spilled).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static double Sum(ReadOnlySpan<float> values)
    {
        double s = 0;
        foreach (float v in values) s += v;
        return s;
    }

    /// <summary>The plain path: one bounds-checked element accessor call per point.</summary>
    private static double SumXyzPlain(StructReader xyz) => SumPlain(xyz.ReadList(0)) + SumPlain(xyz.ReadList(1)) + SumPlain(xyz.ReadList(2));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static double SumPlain(ListReader list)
    {
        double s = 0;
        for (int k = 0; k < list.Count; k++) s += list.GetFloat32(k);
        return s;
    }

    public static double ReadModel(StructReader m, bool plain)
    {
        Func<StructReader, double> sum = plain ? SumXyzPlain : SumXyz;
        double s = m.ReadUInt32(0) + (double)m.ReadUInt64(1);
        for (int p = 0; p < 5; p++) s += sum(m.ReadStruct(p));
        var lanes = m.ReadList(5);
        for (int k = 0; k < lanes.Count; k++) s += sum(lanes.GetStruct(k));
        var edges = m.ReadList(6);
        for (int k = 0; k < edges.Count; k++) s += sum(edges.GetStruct(k));
        var probs = m.ReadList(7);
        for (int k = 0; k < probs.Count; k++) s += probs.GetFloat32(k);
        return s;
    }

    /// <summary>Wall-clock and thread-CPU medians of one operation.</summary>
    private readonly record struct Timing(double WallNs, double CpuNs, double BytesPerCall);

    private static Timing Time(Action body, int inner)
    {
        var wall = Measure.PerCall(body, inner);
        return new Timing(wall.MedianNs, ThreadCpu.PerCall(body, inner), wall.BytesPerCall);
    }

    public void Run(Report report, string[] args)
    {
        var builder = new MessageBuilder(1024);
        var buffer = new byte[64 * 1024];
        var reader = new MessageReader();
        int length = 0, i = 0;
        double sink = 0;

        var carBuild = Time(() => { builder.Reset(); BuildCar(builder, i++); length = builder.WriteFramed(buffer); }, 20_000);
        builder.Reset(); BuildCar(builder, 1); length = builder.WriteFramed(buffer);
        var framedCar = buffer.AsMemory(0, length);
        var carRead = Time(() => { reader.Load(framedCar); sink += ReadCar(reader.Root); }, 20_000);
        Add(report, "car_build_write", carBuild, $"{length} B framed; target <= 1000 ns");
        Add(report, "car_read_all", carRead, "42 fields, incl. loading the framed bytes; target <= 200 ns, 0 B");

        var modelBuild = Time(() => { builder.Reset(); BuildModel(builder, i++); length = builder.WriteFramed(buffer); }, 5_000);
        builder.Reset(); BuildModel(builder, 1); length = builder.WriteFramed(buffer);
        var framedModel = buffer.AsMemory(0, length);
        var modelRead = Time(() => { reader.Load(framedModel); sink += ReadModel(reader.Root, plain: false); }, 5_000);
        var modelReadPlain = Time(() => { reader.Load(framedModel); sink += ReadModel(reader.Root, plain: true); }, 5_000);
        Add(report, "model_build_write", modelBuild, $"{length} B framed");
        Add(report, "model_read_all", modelRead, "spans over float32 lists");
        Add(report, "model_read_all_plain", modelReadPlain, "per-element accessors");
        report.Fact("targets_met_cpu", carRead.CpuNs <= 200 && carRead.BytesPerCall == 0 && carBuild.CpuNs <= 1000);
        report.Fact("targets_met_wall", carRead.WallNs <= 200 && carRead.BytesPerCall == 0 && carBuild.WallNs <= 1000);
        report.Fact("load_average", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown");
        report.Fact("checksum_nonzero", sink != 0);
        RunPeer(report, [carBuild, carRead, modelBuild, modelRead]);
    }

    private static void Add(Report report, string name, Timing t, string note)
    {
        report.Add(name + "_ns", t.WallNs, "ns", "median wall clock; " + note);
        report.Add(name + "_cpu_ns", t.CpuNs, "ns", "median thread CPU time (robust to shared cores)");
        report.Add(name + "_alloc", t.BytesPerCall, "B/op");
    }

    /// <summary>Compiles and runs the C++ peer on the same schema; skipped with a note when g++ or the headers are absent.</summary>
    private static void RunPeer(Report report, Timing[] ours)
    {
        string? source = FindPeerSource();
        string? missing = source is null ? "peer sources (tests/Pilot.Benchmarks/CapnpPeer)"
            : !OnPath("g++") ? "g++" : !OnPath("capnp") ? "capnp" : !File.Exists("/usr/include/capnp/message.h") ? "libcapnp-dev headers" : null;
        if (missing is not null)
        {
            report.Fact("cpp_peer", $"skipped: {missing} not found");
            return;
        }
        string dir = Directory.CreateTempSubdirectory("pilot-capnp-peer-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(source!)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            Exec(dir, "capnp", "compile", "-oc++", "bench.capnp");
            Exec(dir, "g++", "-O2", "-std=c++17", "main.c++", "bench.capnp.c++", "-lcapnp", "-lkj", "-o", "bench");
            double[] cpp = Exec(dir, Path.Combine(dir, "bench")).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            string[] names = ["car_build_write", "car_read_all", "model_build_write", "model_read_all"];
            for (int k = 0; k < 4; k++)
            {
                report.Add($"cpp_{names[k]}_ns", cpp[k], "ns", "libcapnp, g++ -O2, median wall clock");
                report.Add($"cpp_{names[k]}_cpu_ns", cpp[k + 4], "ns", "median thread CPU time");
                report.Add($"ratio_{names[k]}_cpu", ours[k].CpuNs / cpp[k + 4], "x", "Pilot / C++ on thread CPU time (below 1: Pilot faster)");
            }
            report.Fact("cpp_peer", Exec(dir, "capnp", "--version").Trim());
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or FormatException or IndexOutOfRangeException)
        {
            report.Fact("cpp_peer", "failed: " + e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? FindPeerSource()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "Pilot.Benchmarks", "CapnpPeer");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static string Exec(string dir, string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
