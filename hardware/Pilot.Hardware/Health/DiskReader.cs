namespace Pilot.Hardware.Health;

/// <summary>Free space of a file system, bytes.</summary>
public readonly record struct DiskInfo(string Path, long FreeBytes, long TotalBytes)
{
    public double FreePercent => TotalBytes > 0 ? 100.0 * FreeBytes / TotalBytes : double.NaN;
}

/// <summary>Free space of the file system holding a path (the log directory), through statvfs(3) as .NET's
/// <see cref="DriveInfo"/> calls it: free = f_bavail · f_frsize, the space available to unprivileged writers.</summary>
public sealed class DiskReader(string path = "/")
{
    public DiskInfo? Read()
    {
        try
        {
            var drive = new DriveInfo(path);
            return new DiskInfo(path, drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
