namespace Pilot.Hardware.Tests.Simulation;

/// <summary>A temporary root holding fake /proc, /sys and /dev files for the readers that take a root path.</summary>
public sealed class FakeTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("pilot-tree-").FullName;

    /// <summary>Writes <paramref name="text"/> at the absolute path <paramref name="path"/> under <see cref="Root"/>.</summary>
    public void Write(string path, string text)
    {
        string full = Path.Combine(Root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
