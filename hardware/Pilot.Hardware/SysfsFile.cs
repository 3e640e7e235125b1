using System.Globalization;

namespace Pilot.Hardware;

/// <summary>Reads of single-value sysfs attributes. Many attributes fail to read on some boards (EIO, ENODATA), so a
/// failed read is "not reported", never an exception.</summary>
internal static class SysfsFile
{
    public static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static long? ReadLong(string path) =>
        long.TryParse(ReadText(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null;

    /// <summary>The directory under <paramref name="root"/> for an absolute path such as "/sys/class/thermal".</summary>
    public static string Under(string root, string absolute) => Path.Combine(root, absolute.TrimStart('/'));
}
