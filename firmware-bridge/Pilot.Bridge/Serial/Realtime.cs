using System.Runtime.InteropServices;

namespace Pilot.Bridge.Serial;

/// <summary>
/// Moves the calling thread ahead of ordinary work, as pandad runs its CAN threads realtime: on a loaded machine the
/// round trip is otherwise set by how long a woken reader waits for a core (tens of ms at a load of 50 on 2 cores),
/// not by the code. Only for threads that block in poll/read between bursts: a realtime thread that spun would
/// starve the machine.
/// </summary>
public static partial class Realtime
{
    public const int FifoPriority = 10;   // low among realtime priorities: above every normal thread, below kernel helpers
    public const int NiceFallback = -10;  // where realtime is not permitted, a strong nice value still helps
    private const int SchedFifo = 1, PrioProcess = 0;

    /// <summary>Raises the calling thread; returns how ("fifo", "nice") or null when neither is permitted (then nothing changes).</summary>
    public static string? TryRaiseCurrentThread()
    {
        int tid = gettid();
        int priority = FifoPriority;
        if (sched_setscheduler(tid, SchedFifo, ref priority) == 0) return "fifo";
        return setpriority(PrioProcess, (uint)tid, NiceFallback) == 0 ? "nice" : null;
    }

    [LibraryImport("libc")]
    private static partial int gettid();
    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setscheduler(int pid, int policy, ref int priority);  // struct sched_param is one int
    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, uint who, int priority);
}
