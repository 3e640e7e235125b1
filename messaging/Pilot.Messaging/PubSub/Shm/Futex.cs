using System.Runtime.InteropServices;

namespace Pilot.Messaging.PubSub.Shm;

/// <summary>
/// The two kernel calls the shared-memory bus needs that .NET does not wrap: futex(2) on a word in a shared mapping and
/// renameat2(2). Futexes here are the SHARED kind (no FUTEX_PRIVATE_FLAG): the kernel keys them by the mapped file's page,
/// so a publisher in one process wakes a subscriber sleeping in another.
/// </summary>
internal static unsafe partial class Futex
{
    private const int WaitBitset = 9, WakeBitset = 10;   // FUTEX_WAIT_BITSET / FUTEX_WAKE_BITSET (linux/futex.h); absolute CLOCK_MONOTONIC timeout
    private const int EAgain = 11, EIntr = 4, ETimedOut = 110;
    private const int AtFdCwd = -100;
    public const uint RenameNoReplace = 1, RenameExchange = 2;   // renameat2 flags (linux/fs.h)

    private static readonly nint SyscallFutex = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        _ => -1,
    };

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec { public long Seconds, Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, uint* address, int op, uint value, Timespec* timeout, nint address2, uint value3);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDir, string oldPath, int newDir, string newPath, uint flags);

    /// <summary>Throws unless this machine has the calls (Linux on x64 or arm64).</summary>
    public static void EnsureSupported()
    {
        if (!OperatingSystem.IsLinux() || SyscallFutex < 0)
            throw new PlatformNotSupportedException($"the shared-memory transport needs Linux futexes on x64 or arm64 (this is {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture})");
    }

    /// <summary>
    /// Sleeps while <c>*word == expected</c> until a wake whose bits meet <paramref name="bits"/>, or until
    /// <paramref name="deadlineNs"/> (CLOCK_MONOTONIC, ns; negative: none). Returns false on timeout only; a changed
    /// word, a wake or a signal return true (the caller re-checks what it waits for).
    /// </summary>
    public static bool Wait(uint* word, uint expected, uint bits, long deadlineNs)
    {
        Timespec ts = new() { Seconds = deadlineNs / 1_000_000_000, Nanoseconds = deadlineNs % 1_000_000_000 };
        nint r = Syscall(SyscallFutex, word, WaitBitset, expected, deadlineNs < 0 ? null : &ts, 0, bits);
        if (r == 0) return true;
        int errno = Marshal.GetLastSystemError();
        return errno switch
        {
            EAgain or EIntr => true,
            ETimedOut => false,
            _ => throw new IOException($"futex wait failed: errno {errno}"),
        };
    }

    /// <summary>Wakes every sleeper on <paramref name="word"/> whose bits meet <paramref name="bits"/>.</summary>
    public static void Wake(uint* word, uint bits) => Syscall(SyscallFutex, word, WakeBitset, int.MaxValue, null, 0, bits);

    /// <summary>renameat2 relative to the working directory; returns 0 or the errno.</summary>
    public static int Rename(string from, string to, uint flags) =>
        RenameAt2(AtFdCwd, from, AtFdCwd, to, flags) == 0 ? 0 : Marshal.GetLastSystemError();

    public const int ErrExists = 17, ErrNoEntry = 2;   // EEXIST, ENOENT
}
