using System.Globalization;

namespace Pilot.Manager.Processes;

/// <summary>One process's line of /proc/&lt;pid&gt;/stat, the fields the manager uses (proc(5)).</summary>
/// <param name="Pid">process id</param>
/// <param name="ParentPid">field 4, ppid</param>
/// <param name="CpuTicks">fields 14..17: utime + stime + cutime + cstime, clock ticks (own time plus that of reaped children)</param>
/// <param name="RssPages">field 24, resident set size, pages</param>
public readonly record struct ProcStat(int Pid, int ParentPid, long CpuTicks, long RssPages)
{
    public static readonly long PageBytes = Environment.SystemPageSize;

    /// <summary>Reads /proc/<paramref name="pid"/>/stat; null when the process is gone or the line is not readable.</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        return Parse(pid, text);
    }

    /// <summary>
    /// Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces and parentheses, so
    /// fields are counted from the last ')'.
    /// </summary>
    public static ProcStat? Parse(int pid, string line)
    {
        int close = line.LastIndexOf(')');
        if (close < 0) return null;
        var f = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);   // f[0] is field 3 (state)
        if (f.Length < 22) return null;
        long Field(int n) => long.Parse(f[n - 3], NumberStyles.Integer, CultureInfo.InvariantCulture);
        try { return new ProcStat(pid, (int)Field(4), Field(14) + Field(15) + Field(16) + Field(17), Field(24)); }
        catch (FormatException) { return null; }
    }

    /// <summary>Every process now listed in /proc (a snapshot; processes may come and go while it is taken).</summary>
    public static IReadOnlyList<ProcStat> All()
    {
        var list = new List<ProcStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Read(pid) is { } s)
                list.Add(s);
        return list;
    }
}

/// <summary>CPU time and resident memory of a process together with everything it started.</summary>
/// <param name="CpuTicks">clock ticks used by the tree, reaped children included</param>
/// <param name="MemoryBytes">resident memory of the tree's living processes, bytes</param>
public readonly record struct TreeUsage(long CpuTicks, long MemoryBytes)
{
    /// <summary>
    /// The usage of <paramref name="root"/> and its descendants in <paramref name="all"/>. Descendants count because a
    /// daemon's own helpers are its cost: loggerd's ffmpeg encoder, for one, is most of loggerd's CPU.
    /// </summary>
    public static TreeUsage? Of(int root, IReadOnlyList<ProcStat> all)
    {
        var children = all.ToLookup(s => s.ParentPid);
        var byPid = all.ToDictionary(s => s.Pid);
        if (!byPid.TryGetValue(root, out var top)) return null;
        long ticks = 0, pages = 0;
        var pending = new Stack<ProcStat>([top]);
        while (pending.TryPop(out var p))
        {
            ticks += p.CpuTicks;
            pages += p.RssPages;
            foreach (var c in children[p.Pid]) pending.Push(c);
        }
        return new TreeUsage(ticks, pages * ProcStat.PageBytes);
    }
}
