using System.Runtime.InteropServices;

namespace Pilot.Manager.Processes;

/// <summary>The few libc calls .NET does not expose: sending a chosen signal, and the kernel's clock-tick rate.</summary>
public static partial class Posix
{
    public const int SigTerm = 15, SigKill = 9;
    private const int ScClkTck = 2;   // _SC_CLK_TCK in glibc's and musl's unistd.h

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is already gone.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Units of utime/stime in /proc/&lt;pid&gt;/stat, per second (USER_HZ, 100 on every mainstream kernel).</summary>
    public static long ClockTicksPerSecond { get; } = SysConf(ScClkTck) is > 0 and var t ? t : 100;
}
