using Pilot.Messaging.Events;
using Pilot.Vision.Driving;
using Pilot.Vision.Scenes;
using O = Pilot.Vision.Driving.DrivingOutputs;

namespace Pilot.Modeld.Output;

/// <summary>
/// Writes the driving network's raw outputs into <c>modelV2</c>. The network's lateral values are y RIGHT (its labels'
/// frame); messages are y LEFT, so every lateral value changes sign here and nowhere else. Lane lines and road edges
/// stay on the distance grid; the path becomes a plan on the time grid for the ego speed (constant speed: the network
/// predicts where the lane goes, not how fast to drive). Allocation-free: scratch rows are allocated once.
/// </summary>
public sealed class ModelV2Writer
{
    public const int LeadCount = 3;                          // leads now, in 2 s and in 4 s (openpilot's layout)
    private static readonly float[] LeadTimes = [0, 2, 4];   // s
    private static readonly float[] LeadTrajectory = [0, 2, 4, 6, 8, 10];   // s, sample times of each lead's trajectory
    public const float HardBrake = -3;                       // m/s²: a lead decelerating harder brakes hard (meta.hardBrakeProb)
    private const float GreenPathStd = 0.5f, RedPathStd = 1.5f;   // m, path std at ConfidenceDistance bounding the colours
    private const float ConfidenceDistance = 20;             // m: where the confidence judges the path (about 1 s ahead)

    private const int N = ModelGrid.Points;
    private readonly float[] _pathStd = new float[N];        // m, path std on the distance grid
    private readonly float[] _y = new float[N], _vy = new float[N];   // plan, y LEFT, on the time grid

    /// <summary>Fills the model outputs of <paramref name="m"/> from <paramref name="raw"/>.</summary>
    /// <param name="vEgo">ego speed, m/s (carState)</param>
    /// <param name="cameraHeight">camera height above the road, m (lane lines lie that far below the camera)</param>
    public void Write(ModelV2.Builder m, ReadOnlySpan<float> raw, float vEgo, float cameraHeight)
    {
        var path = raw.Slice(O.PathMean, N);
        for (int i = 0; i < N; i++) _pathStd[i] = O.Std(raw[O.PathScale + i]);
        WritePlan(m, path, vEgo);

        var lines = m.InitLaneLines(O.Lines);
        var lineProbs = m.InitLaneLineProbs(O.Lines);
        var lineStds = m.InitLaneLineStds(O.Lines);
        for (int k = 0; k < O.Lines; k++)
        {
            WriteOnDistanceGrid(lines[k], raw, O.LaneMean + k * N, O.LaneScale + k * N, cameraHeight);
            lineProbs[k] = O.Sigmoid(raw[O.LaneProb + k]);
            lineStds[k] = O.Std(raw[O.LaneScale + k * N]);
        }
        var edges = m.InitRoadEdges(O.Edges);
        var edgeStds = m.InitRoadEdgeStds(O.Edges);
        for (int e = 0; e < O.Edges; e++)
        {
            WriteOnDistanceGrid(edges[e], raw, O.EdgeMean + e * N, O.EdgeScale + e * N, cameraHeight);
            edgeStds[e] = O.Std(raw[O.EdgeScale + e * N]);
        }
        float leadProb = WriteLeads(m, raw, vEgo);

        float pathStd = GridInterpolation.At(_pathStd, ConfidenceDistance);
        // From the raw outputs, not read back from the message: reading a builder maps a reader view (an allocation).
        float egoLines = Math.Min(O.Sigmoid(raw[O.LaneProb + 1]), O.Sigmoid(raw[O.LaneProb + 2]));
        m.SetConfidence(pathStd <= GreenPathStd && egoLines >= 0.5f ? ModelV2.Confidence.Green
            : pathStd <= RedPathStd ? ModelV2.Confidence.Yellow : ModelV2.Confidence.Red);
        // The network predicts no driver behaviour: of meta only the hard-brake probability follows from its outputs.
        m.InitMeta().SetHardBrakeProb(leadProb * LaplaceBelow(HardBrake, raw[O.LeadMean + 3] * O.LeadUnits[3],
            MathF.Exp(raw[O.LeadScale + 3]) * O.LeadUnits[3]));
    }

    /// <summary>position, velocity, acceleration on the time grid: x at constant speed, y the path there (y LEFT).</summary>
    private void WritePlan(ModelV2.Builder m, ReadOnlySpan<float> path, float vEgo)
    {
        var times = ModelGrid.Times;
        var position = m.InitPosition();
        var px = position.InitX(N); var py = position.InitY(N); var pz = position.InitZ(N); var pt = position.InitT(N); var pyStd = position.InitYStd(N);
        for (int i = 0; i < N; i++)
        {
            float x = vEgo * times[i];
            _y[i] = -GridInterpolation.At(path, x);
            px[i] = x; py[i] = _y[i]; pz[i] = 0; pt[i] = times[i];
            pyStd[i] = GridInterpolation.At(_pathStd, x);
        }
        Differentiate(_y, _vy);
        var velocity = m.InitVelocity();
        var vx = velocity.InitX(N); var vy = velocity.InitY(N); var vz = velocity.InitZ(N); var vt = velocity.InitT(N);
        for (int i = 0; i < N; i++) { vx[i] = vEgo; vy[i] = _vy[i]; vz[i] = 0; vt[i] = times[i]; }
        Differentiate(_vy, _y);   // _y now holds the lateral acceleration
        var acceleration = m.InitAcceleration();
        var ax = acceleration.InitX(N); var ay = acceleration.InitY(N); var az = acceleration.InitZ(N); var at = acceleration.InitT(N);
        for (int i = 0; i < N; i++) { ax[i] = 0; ay[i] = _y[i]; az[i] = 0; at[i] = times[i]; }
    }

    /// <summary>A line on the distance grid: x the grid, y LEFT, z the road below the camera, with the lateral std.</summary>
    private static void WriteOnDistanceGrid(XyztData.Builder line, ReadOnlySpan<float> raw, int mean, int scale, float cameraHeight)
    {
        var x = line.InitX(N); var y = line.InitY(N); var z = line.InitZ(N); var yStd = line.InitYStd(N);
        for (int i = 0; i < N; i++)
        {
            x[i] = ModelGrid.Distances[i];
            y[i] = -raw[mean + i];
            z[i] = -cameraHeight;
            yStd[i] = O.Std(raw[scale + i]);
        }
    }

    /// <summary>
    /// The one lead the network sees, extrapolated at constant acceleration (ego at constant speed). Returns its
    /// probability. An extrapolated point is as uncertain as what it was extrapolated with: its distance's deviation
    /// grows with s·vStd and s²/2·aStd, its speed's with s·aStd, so a reader that gates on them (radard matching
    /// leads[1], the lead 2 s ahead, to a radar track) sees that a network unsure of the lead's speed cannot say where
    /// the lead will be.
    /// </summary>
    private static float WriteLeads(ModelV2.Builder m, ReadOnlySpan<float> raw, float vEgo)
    {
        var u = O.LeadUnits;
        float prob = O.Sigmoid(raw[O.LeadProb]);
        float x0 = raw[O.LeadMean] * u[0], y0 = -raw[O.LeadMean + 1] * u[1], v0 = raw[O.LeadMean + 2] * u[2], a0 = raw[O.LeadMean + 3] * u[3];
        float xStd = O.Std(raw[O.LeadScale]) * u[0], yStd = O.Std(raw[O.LeadScale + 1]) * u[1];
        float vStd = O.Std(raw[O.LeadScale + 2]) * u[2], aStd = O.Std(raw[O.LeadScale + 3]) * u[3];
        var leads = m.InitLeads(LeadCount);
        int n = LeadTrajectory.Length;
        for (int j = 0; j < LeadCount; j++)
        {
            var lead = leads[j];
            lead.SetProb(prob);
            lead.SetProbTime(LeadTimes[j]);
            var t = lead.InitT(n); var x = lead.InitX(n); var xs = lead.InitXStd(n); var y = lead.InitY(n); var ys = lead.InitYStd(n);
            var v = lead.InitV(n); var vs = lead.InitVStd(n); var a = lead.InitA(n); var aS = lead.InitAStd(n);
            for (int k = 0; k < n; k++)
            {
                float s = LeadTimes[j] + LeadTrajectory[k];
                float stop = a0 < 0 ? Math.Min(s, -v0 / a0) : s;   // a braking lead stops and stays
                t[k] = LeadTrajectory[k];
                x[k] = Math.Max(0, x0 + v0 * stop + a0 * stop * stop / 2 - vEgo * s);
                v[k] = Math.Max(0, v0 + a0 * stop);
                a[k] = stop < s ? 0 : a0;
                y[k] = y0;
                xs[k] = Hypot(xStd, s * vStd, s * s / 2 * aStd); ys[k] = yStd; vs[k] = Hypot(vStd, s * aStd, 0); aS[k] = aStd;
            }
        }
        return prob;
    }

    private static float Hypot(float a, float b, float c) => MathF.Sqrt(a * a + b * b + c * c);

    /// <summary>d/dt on the time grid: central differences inside, one-sided at the ends.</summary>
    private static void Differentiate(ReadOnlySpan<float> values, Span<float> rates)
    {
        var t = ModelGrid.Times;
        rates[0] = (values[1] - values[0]) / (t[1] - t[0]);
        for (int i = 1; i < N - 1; i++) rates[i] = (values[i + 1] - values[i - 1]) / (t[i + 1] - t[i - 1]);
        rates[N - 1] = (values[N - 1] - values[N - 2]) / (t[N - 1] - t[N - 2]);
    }

    /// <summary>P(value &lt; <paramref name="threshold"/>) for a Laplace distribution of mean μ and scale b.</summary>
    private static float LaplaceBelow(float threshold, float mean, float scale) =>
        threshold < mean ? 0.5f * MathF.Exp((threshold - mean) / scale) : 1 - 0.5f * MathF.Exp(-(threshold - mean) / scale);
}
