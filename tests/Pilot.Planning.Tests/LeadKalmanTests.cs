using Pilot.Planning.Tracking;

namespace Pilot.Planning.Tests;

public class LeadKalmanTests
{
    [Theory]
    // openpilot radar_helpers.KalmanParams tabulates A·K (the predictor gain) for these periods.
    [InlineData(0.01, 0.12287673, 0.29666309)]
    [InlineData(0.05, 0.1988689, 0.28555364)]
    [InlineData(0.20, 0.36200124, 0.26278425)]
    public void Steady_state_gain_matches_openpilots_table(double dt, double predictorSpeedGain, double accelGain)
    {
        var (k0, k1) = LeadKalman.SteadyStateGain(dt);
        Assert.Equal(predictorSpeedGain, k0 + dt * k1, 1e-6);
        Assert.Equal(accelGain, k1, 1e-6);
    }

    [Fact]
    public void Converges_to_a_constant_speed_leads_speed()
    {
        var rng = new Random(7);
        var kf = new LeadKalman(0.05, speed: 20);   // seeded 5 m/s off
        for (int i = 0; i < 400; i++) kf.Update(25 + Gaussian(rng) * 0.3);
        Assert.Equal(25, kf.Speed, 0.3);
        Assert.Equal(0, kf.Accel, 0.5);
    }

    [Fact]
    public void Tracks_a_braking_leads_deceleration()
    {
        var kf = new LeadKalman(0.05, speed: 30);
        double v = 30;
        for (int i = 0; i < 60; i++) kf.Update(v -= 3 * 0.05);   // 3 s at −3 m/s²
        Assert.Equal(-3, kf.Accel, 0.3);
        Assert.Equal(v, kf.Speed, 0.3);
    }

    [Fact]
    public void Steady_state_filter_agrees_with_the_full_kalman_filter_once_settled()
    {
        var rng = new Random(3);
        var fast = new LeadKalman(0.05, 10);
        var reference = new LeadKalmanReference(0.05, 10);
        double maxLateDiff = 0;
        for (int i = 0; i < 600; i++)
        {
            double z = 15 + 0.5 * Math.Sin(i * 0.05) + Gaussian(rng) * 0.2;
            fast.Update(z);
            reference.Update(z);
            if (i >= 400) maxLateDiff = Math.Max(maxLateDiff, Math.Abs(fast.Speed - reference.Speed) + Math.Abs(fast.Accel - reference.Accel));
        }
        Assert.True(maxLateDiff < 1e-6, $"filters differ by {maxLateDiff} after settling");
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
