using System.CommandLine;
using System.Runtime.InteropServices;
using Pilot.Manager;
using Pilot.Manager.Drive;
using Pilot.Manager.Processes;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;
using Spectre.Console;
using Bus = Pilot.Messaging.Bus;

namespace Pilot.Cli;

/// <summary>
/// <c>pilot drive</c>: a whole closed-loop drive. The manager starts every process (the simulator as the car, the bridge
/// on its bench device, card, camerad, modeld, radard, plannerd, controlsd, loggerd); a live view shows the drive; at the
/// end every process is stopped and a summary printed.
/// </summary>
internal static class DriveCommand
{
    private const double LoopHz = 10;                 // manager checks and message draining
    private const int RenderEvery = 2;                // live view at 5 Hz
    private const int RecentLines = 8;                // process output lines the live view keeps
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(60);   // wall time on top of --duration for the processes to come up

    public static Command Create()
    {
        var o = new DriveCommandOptions();
        var duration = new Option<double>("--duration") { Description = "Simulated seconds to drive.", DefaultValueFactory = _ => 60 };
        var headless = new Option<bool>("--headless") { Description = "No live view: the processes' output goes to stderr, the summary to stdout." };
        var cmd = new Command("drive",
            "Drive a simulated scenario closed-loop with every Pilot process started by the manager; a live view while it " +
            "runs, a recorded route, and a summary at the end (distance, lateral error, minimum time gap, alerts, " +
            "disengagements, each process's CPU). Ctrl+C ends the drive early.") { duration, headless };
        o.AddTo(cmd);
        cmd.SetAction(r =>
        {
            double seconds = r.GetValue(duration);
            if (!(seconds > 0)) throw new ArgumentOutOfRangeException(nameof(duration), seconds, "--duration must be above 0");
            return Run(o.Config(r), seconds, r.GetValue(headless));
        });
        return cmd;
    }

    private static int Run(DriveConfig config, double seconds, bool headless)
    {
        var bus = Bus.FromEnvironment();
        var table = DriveProcesses.Table(config, PilotLauncher.Current(), bus);
        Directory.CreateDirectory(config.OutDir);
        string logPath = Path.Combine(Path.GetFullPath(config.OutDir), config.Route + ".log");
        using var log = new StreamWriter(logPath) { AutoFlush = true };
        var recent = new Queue<string>();
        void Output(string name, string line)
        {
            string text = $"[{name}] {line}";
            lock (recent)
            {
                log.WriteLine(text);
                recent.Enqueue(text);
                while (recent.Count > RecentLines) recent.Dequeue();
                if (headless) Console.Error.WriteLine(text);
            }
        }
        string[] Recent() { lock (recent) return recent.ToArray(); }

        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var session = new DriveSession(Transports.Open(bus), new ManagerOptions(table) { Output = Output });
        string title = $"pilot drive: {config.Scenario}, {config.Car}, {seconds:0.#} s";
        var wallLimit = DateTime.UtcNow + TimeSpan.FromSeconds(seconds) + StartupAllowance;
        string ending = "";
        bool failed = false;   // the drive could not happen, as opposed to finished or ended by the user
        bool Done()
        {
            (ending, failed) =
                stop.IsCancellationRequested ? ("interrupted", false)
                : session.Snapshot.SimTime >= seconds ? ($"{seconds:0.#} s driven", false)
                : session.Manager.Processes.Any(p => p.Name == "simulator" && p.GaveUp) ? ("the simulator crash-looped: nothing left to drive", true)
                : DateTime.UtcNow > wallLimit ? ($"stopped after {seconds + StartupAllowance.TotalSeconds:0} s of wall time: the simulator did not reach {seconds:0.#} s", true)
                : ("", false);
            return ending.Length > 0;
        }
        var timer = new LoopTimer(LoopHz);
        if (headless)
            while (!Done()) { session.Step(); timer.Wait(); }
        else
            AnsiConsole.Live(new Text("starting")).Start(ctx =>
            {
                for (long i = 0; !Done(); i++)
                {
                    session.Step();
                    if (i % RenderEvery == 0)
                    {
                        ctx.UpdateTarget(LiveView.Render(session.Snapshot, ProcessHealthRow.From(session.Manager.Processes, table), Recent(), title));
                        ctx.Refresh();
                    }
                    timer.Wait();
                }
            });
        Output("drive", $"{ending}; stopping every process");
        session.Stop();
        Console.WriteLine($"{title}: {ending}");
        foreach (var line in ReportText.Lines(session.Summary.Report())) Console.WriteLine(line);
        Console.WriteLine($"route: {Path.Combine(Path.GetFullPath(config.OutDir), config.Route)}--N; process output: {logPath}");
        return failed ? 1 : 0;
    }
}

/// <summary>The options <c>pilot drive</c> and <c>pilot manager</c> share: what is driven and where it is recorded.</summary>
internal sealed class DriveCommandOptions
{
    private readonly Option<string> _scenario = new("--scenario") { Description = "Simulator scenario.", DefaultValueFactory = _ => DriveConfig.DefaultScenario };
    private readonly Option<string> _car = new("--car") { Description = $"The car the simulator plays: {string.Join(" or ", DriveConfig.Cars)}.", DefaultValueFactory = _ => "sim" };
    private readonly Option<string?> _camera = new("--camera") { Description = "camerad's source: /dev/videoN or a video file (default: the simulator's renderer)." };
    private readonly Option<DirectoryInfo> _out = new("--out", "-o") { Description = "Folder the route is recorded into.", DefaultValueFactory = _ => new DirectoryInfo("routes") };

    public DriveCommandOptions() => _car.AcceptOnlyFromAmong([.. DriveConfig.Cars]);

    public void AddTo(Command command)
    {
        command.Options.Add(_scenario);
        command.Options.Add(_car);
        command.Options.Add(_camera);
        command.Options.Add(_out);
    }

    public DriveConfig Config(ParseResult r) => new()
    {
        Scenario = r.GetValue(_scenario)!,
        Car = r.GetValue(_car)!,
        Camera = r.GetValue(_camera),
        OutDir = r.GetValue(_out)!.FullName,
    };
}
