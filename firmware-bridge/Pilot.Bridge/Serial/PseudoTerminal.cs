using System.Runtime.InteropServices;
using System.Text;

namespace Pilot.Bridge.Serial;

/// <summary>
/// A pseudo-terminal opened by this process: the device side is <see cref="Master"/>, and a host opens
/// <see cref="Path"/> (or the stable <see cref="Link"/>) as if it were the device's USB-CDC port. Lets a process such
/// as the simulator host the bench device without socat. The slave stays open here too, so a host that closes and
/// reopens the port (a reconnect) never makes the master hang up.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private const int NameCapacity = 128;  // "/dev/pts/N" fits many times over
    private readonly int _heldSlave;
    private bool _disposed;

    private PseudoTerminal(TtyLink master, string path, int heldSlave, string? link)
    {
        Master = master;
        Path = path;
        _heldSlave = heldSlave;
        Link = link;
    }

    /// <summary>The device's end: what it reads the host wrote, what it writes the host reads.</summary>
    public TtyLink Master { get; }

    /// <summary>The host's end, /dev/pts/N.</summary>
    public string Path { get; }

    /// <summary>A symbolic link to <see cref="Path"/> when one was asked for (removed again on dispose).</summary>
    public string? Link { get; }

    /// <summary>The path a host should open: the link when there is one.</summary>
    public string HostPath => Link ?? Path;

    /// <summary>Opens a fresh pseudo-terminal in raw mode; <paramref name="link"/>, when given, becomes a symbolic link to its slave (an existing link there is replaced).</summary>
    public static PseudoTerminal Open(string? link = null, int baud = 3_000_000)
    {
        int master = Native.posix_openpt(Native.O_RDWR | Native.O_NOCTTY | Native.O_CLOEXEC | Native.O_NONBLOCK);
        if (master < 0) throw new LinkException($"cannot open a pseudo-terminal: {Native.Describe(Marshal.GetLastPInvokeError())}");
        int slave = -1;
        try
        {
            string path = SlaveName(master);
            slave = Native.open(path, Native.O_RDWR | Native.O_NOCTTY | Native.O_CLOEXEC | Native.O_NONBLOCK);
            if (slave < 0) throw new LinkException($"cannot open {path}: {Native.Describe(Marshal.GetLastPInvokeError())}");
            TtyLink.MakeRaw(slave, path, baud);  // the line discipline lives on the slave: raw there, or bytes get echoed and translated
            if (link is not null)
            {
                File.Delete(link);
                File.CreateSymbolicLink(link, path);
            }
            return new PseudoTerminal(TtyLink.Adopt(master, path), path, slave, link);
        }
        catch
        {
            if (slave >= 0) Native.close(slave);
            Native.close(master);
            throw;
        }
    }

    private static unsafe string SlaveName(int master)
    {
        if (Native.grantpt(master) != 0 || Native.unlockpt(master) != 0)
            throw new LinkException($"cannot unlock a pseudo-terminal: {Native.Describe(Marshal.GetLastPInvokeError())}");
        byte* name = stackalloc byte[NameCapacity];
        int error = Native.ptsname_r(master, name, NameCapacity);
        if (error != 0) throw new LinkException($"cannot name a pseudo-terminal: {Native.Describe(error)}");
        return Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
    }

    public void Dispose()
    {
        if (_disposed) return;  // the descriptor number may already belong to someone else
        _disposed = true;
        Master.Dispose();
        Native.close(_heldSlave);
        if (Link is not null) File.Delete(Link);
    }
}
