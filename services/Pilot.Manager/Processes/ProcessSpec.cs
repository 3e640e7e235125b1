namespace Pilot.Manager.Processes;

/// <summary>
/// One row of a process table (openpilot's process_config): the process's name, the command line that starts it, and
/// whether this configuration runs it at all. A disabled row still appears in managerState, with why it is off.
/// </summary>
/// <param name="Name">process name in managerState and in forwarded output (camerad, modeld, ...)</param>
/// <param name="FileName">executable to start</param>
/// <param name="Arguments">its arguments, passed as a list (no shell quoting)</param>
public sealed record ProcessSpec(string Name, string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>This configuration runs the process.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>The condition that keeps a disabled process off ("only with the simulator"); null when enabled.</summary>
    public string? DisabledBecause { get; init; }
    /// <summary>
    /// A device node or link the process opens at start; it is started only once the path exists, as a real daemon waits
    /// for its USB device to appear (the bridge for the simulator's pseudo-terminal), instead of failing into a crash loop.
    /// </summary>
    public string? NeedsPath { get; init; }
    /// <summary>
    /// SCHED_FIFO priority, 1..99, for a loop whose timing matters (openpilot gives its control processes 51..54); null:
    /// the normal time-sharing scheduler. Granted where the kernel allows (<see cref="Realtime"/>).
    /// </summary>
    public int? RealtimePriority { get; init; }
    /// <summary>Environment variables set for the process on top of the manager's own (the bus it talks on).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The command line as a shell would show it (for logs and --help output).</summary>
    public string CommandLine => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(a => a.Contains(' ') ? $"'{a}'" : a));

    public override string ToString() => $"{Name}: {CommandLine}";
}

/// <summary>How to start the <c>pilot</c> CLI as a child: the same host and program as the running one.</summary>
/// <param name="FileName">the executable (dotnet, or the pilot apphost)</param>
/// <param name="Prefix">arguments before the command (the path of pilot.dll when run through dotnet)</param>
public sealed record PilotLauncher(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>
    /// The launcher of the running program: `dotnet &lt;dir&gt;/pilot.dll` when it was started through the dotnet host (as
    /// ./pilot does), else the program itself.
    /// </summary>
    public static PilotLauncher Current()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("the running program's path is unknown");
        string? entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" && !string.IsNullOrEmpty(entry)
            ? new PilotLauncher(host, [entry])
            : new PilotLauncher(host, []);
    }

    /// <summary>The row that runs `pilot <paramref name="arguments"/>` as process <paramref name="name"/>.</summary>
    public ProcessSpec Spec(string name, params string[] arguments) => new(name, FileName, [.. Prefix, .. arguments]);
}
