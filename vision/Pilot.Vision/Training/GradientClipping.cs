using Pilot.Vision.Models;

namespace Pilot.Vision.Training;

/// <summary>Gradient clipping over the trainable parameters (Pascanu et al. 2013).</summary>
public static class GradientClipping
{
    /// <summary>Scales all gradients so their global L2 norm is at most <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static float ByNorm(IEnumerable<Parameter> parameters, float maxNorm)
    {
        var trainable = parameters.Where(p => p.Trainable).ToArray();
        double sq = 0;
        foreach (var p in trainable)
            foreach (float g in p.Grad.Span) sq += (double)g * g;
        float norm = (float)Math.Sqrt(sq);
        if (norm > maxNorm)
        {
            float scale = maxNorm / norm;
            foreach (var p in trainable)
            {
                var g = p.Grad.Span;
                for (int i = 0; i < g.Length; i++) g[i] *= scale;
            }
        }
        return norm;
    }

    /// <summary>Clamps every gradient element to [-limit, limit].</summary>
    public static void ByValue(IEnumerable<Parameter> parameters, float limit)
    {
        foreach (var p in parameters.Where(p => p.Trainable))
        {
            var g = p.Grad.Span;
            for (int i = 0; i < g.Length; i++) g[i] = Math.Clamp(g[i], -limit, limit);
        }
    }
}
