namespace Pilot.Vision.Scenes;

/// <summary>Hash-based value noise: texture fixed to road coordinates, so it moves with the road between frames.</summary>
internal static class Texture
{
    /// <summary>A pseudo-random value in [0, 1) for integer lattice point (x, y) and a seed.</summary>
    public static float Hash(int x, int y, int seed)
    {
        uint h = (uint)x * 0x8DA6B343u ^ (uint)y * 0xD8163841u ^ (uint)seed * 0xCB1AB31Fu;
        h ^= h >> 15; h *= 0x2C1B3C6Du; h ^= h >> 12; h *= 0x297A2D39u; h ^= h >> 15;
        return (h >> 8) * (1f / (1 << 24));
    }

    /// <summary>Smooth value noise in [0, 1) at (x, y) in lattice units.</summary>
    public static float Noise(double x, double y, int seed)
    {
        double fx = Math.Floor(x), fy = Math.Floor(y);
        int ix = (int)fx, iy = (int)fy;
        float tx = (float)(x - fx), ty = (float)(y - fy);
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        float a = Hash(ix, iy, seed), b = Hash(ix + 1, iy, seed), c = Hash(ix, iy + 1, seed), d = Hash(ix + 1, iy + 1, seed);
        float top = a + tx * (b - a), bottom = c + tx * (d - c);
        return top + ty * (bottom - top);
    }
}
