namespace Pilot.Vision.Data.Checkpoints;

/// <summary>
/// Replaces a file so that readers see either the old or the new contents, never a mixture: the new contents are
/// written to "path.tmp" in the same folder, flushed to disk, then renamed over the target (rename is atomic within
/// one file system on POSIX and NTFS). A crash mid-write leaves the previous file intact and a stale .tmp that the
/// next write overwrites. (The folder is not fsynced after the rename, which .NET cannot do portably: a power cut
/// just after a save may bring back the previous checkpoint, but never a torn one.) One writer per path at a time.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { /* the original error matters more than a leftover temporary */ }
    }
}
