using System.IO.MemoryMappedFiles;

namespace Pilot.Messaging.PubSub.Shm;

/// <summary>
/// One read-write mapping of a file under /dev/shm. New files are built complete under a temporary name and then moved
/// into place with renameat2, so a process that opens the path always finds a fully initialised file: never a half-written
/// header, and never two creators each believing its own file is the one in place.
/// </summary>
internal sealed unsafe class SharedMapping : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;

    public string Path { get; private set; }
    public byte* Base { get; }
    public long Length { get; }

    private SharedMapping(string path, MemoryMappedFile file, MemoryMappedViewAccessor view)
    {
        Path = path;
        _file = file;
        _view = view;
        Length = view.Capacity;
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        Base = p + view.PointerOffset;
    }

    /// <summary>A new zero-filled file of <paramref name="length"/> bytes beside <paramref name="path"/>, not yet in place.</summary>
    public static SharedMapping CreateDetached(string path, long length)
    {
        string temp = $"{path}.new-{Environment.ProcessId}-{Random.Shared.Next():x8}";
        var file = MemoryMappedFile.CreateFromFile(temp, FileMode.CreateNew, null, length, MemoryMappedFileAccess.ReadWrite);
        return new SharedMapping(temp, file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite));
    }

    /// <summary>Maps the file at <paramref name="path"/>; null when there is none.</summary>
    public static SharedMapping? TryOpen(string path)
    {
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete); }
        catch (FileNotFoundException) { return null; }
        if (stream.Length == 0) { stream.Dispose(); throw new InvalidDataException($"{path}: empty file where a shared-memory bus file belongs"); }
        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        return new SharedMapping(path, file, file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite));
    }

    /// <summary>
    /// Moves this detached file to <paramref name="path"/> if nothing is there. Returns false (and deletes this file) when
    /// another process got there first; the caller then opens theirs.
    /// </summary>
    public bool TryInstall(string path)
    {
        int err = Futex.Rename(Path, path, Futex.RenameNoReplace);
        if (err == 0) { Path = path; return true; }
        if (err != Futex.ErrExists) throw new IOException($"cannot move {Path} to {path}: errno {err}");
        File.Delete(Path);
        return false;
    }

    /// <summary>
    /// Moves this detached file to <paramref name="path"/>, replacing what is there atomically; <paramref name="replaced"/>
    /// is called on the previous file's mapping (if any) before it is deleted. Readers that mapped the previous file keep
    /// their mapping; the callback tells them to look again.
    /// </summary>
    public void Install(string path, Action<SharedMapping> replaced)
    {
        while (true)
        {
            int err = Futex.Rename(Path, path, Futex.RenameNoReplace);
            if (err == 0) break;
            if (err != Futex.ErrExists) throw new IOException($"cannot move {Path} to {path}: errno {err}");
            err = Futex.Rename(Path, path, Futex.RenameExchange);
            if (err == Futex.ErrNoEntry) continue;   // the old file vanished between the two calls: place ours plainly
            if (err != 0) throw new IOException($"cannot exchange {Path} with {path}: errno {err}");
            string old = Path;   // after the exchange our temporary name holds the previous file
            using (var previous = TryOpen(old)) if (previous is not null) replaced(previous);
            File.Delete(old);
            break;
        }
        Path = path;
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
