using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pilot.Vision.Backends.Cpu;

/// <summary>
/// Vector loops shared by the fast CPU kernels, each with a Vector512, a Vector256 and a scalar path chosen by
/// <see cref="SimdLevel"/> (the scalar tail doubles as the reference arithmetic). Pointers because the callers
/// work on pinned pool memory from worker threads.
/// </summary>
public static unsafe class VectorOps
{
    /// <summary>y[i] += a * x[i].</summary>
    public static void Axpy(SimdLevel level, float a, float* x, float* y, int n)
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            var va = Vector512.Create(a);
            for (; i <= n - 16; i += 16) Vector512.FusedMultiplyAdd(va, Vector512.Load(x + i), Vector512.Load(y + i)).Store(y + i);
        }
        else if (level == SimdLevel.Vector256)
        {
            var va = Vector256.Create(a);
            for (; i <= n - 8; i += 8) Vector256.FusedMultiplyAdd(va, Vector256.Load(x + i), Vector256.Load(y + i)).Store(y + i);
        }
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>y[i] += a * x[2i]: the stride-2 taps of downsampling convolutions, even lanes picked by one permute.</summary>
    public static void AxpyStride2(SimdLevel level, float a, float* x, float* y, int n)
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            var va = Vector512.Create(a);
            var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            for (; i + 17 <= n; i += 16)  // reads x[2i .. 2i+31]; stays inside x[0 .. 2n-2]
            {
                var v = Avx512F.PermuteVar16x32x2(Vector512.Load(x + 2 * i), even, Vector512.Load(x + 2 * i + 16));
                Vector512.FusedMultiplyAdd(va, v, Vector512.Load(y + i)).Store(y + i);
            }
        }
        for (; i < n; i++) y[i] += a * x[2 * i];
    }

    /// <summary>y[i] = x[2i].</summary>
    public static void CopyStride2(SimdLevel level, float* x, float* y, int n)
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            for (; i + 17 <= n; i += 16)
                Avx512F.PermuteVar16x32x2(Vector512.Load(x + 2 * i), even, Vector512.Load(x + 2 * i + 16)).Store(y + i);
        }
        for (; i < n; i++) y[i] = x[2 * i];
    }

    /// <summary>Sum of x[i] * y[i], accumulated per lane.</summary>
    public static float Dot(SimdLevel level, float* x, float* y, int n)
    {
        int i = 0;
        float sum = 0;
        if (level == SimdLevel.Vector512)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16) acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(y + i), acc);
            sum = Vector512.Sum(acc);
        }
        else if (level == SimdLevel.Vector256)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), Vector256.Load(y + i), acc);
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>Sum of x[i].</summary>
    public static float Sum(SimdLevel level, float* x, int n)
    {
        int i = 0;
        float sum = 0;
        if (level == SimdLevel.Vector512)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16) acc += Vector512.Load(x + i);
            sum = Vector512.Sum(acc);
        }
        else if (level == SimdLevel.Vector256)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8) acc += Vector256.Load(x + i);
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++) sum += x[i];
        return sum;
    }

    /// <summary>y[i] = a[i] + b[i].</summary>
    public static void Add(SimdLevel level, float* a, float* b, float* y, int n)
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
            for (; i <= n - 16; i += 16) (Vector512.Load(a + i) + Vector512.Load(b + i)).Store(y + i);
        else if (level == SimdLevel.Vector256)
            for (; i <= n - 8; i += 8) (Vector256.Load(a + i) + Vector256.Load(b + i)).Store(y + i);
        for (; i < n; i++) y[i] = a[i] + b[i];
    }

    /// <summary>y[i] = a * x[i] + b.</summary>
    public static void Affine(SimdLevel level, float a, float b, float* x, float* y, int n)
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            var va = Vector512.Create(a); var vb = Vector512.Create(b);
            for (; i <= n - 16; i += 16) Vector512.FusedMultiplyAdd(va, Vector512.Load(x + i), vb).Store(y + i);
        }
        else if (level == SimdLevel.Vector256)
        {
            var va = Vector256.Create(a); var vb = Vector256.Create(b);
            for (; i <= n - 8; i += 8) Vector256.FusedMultiplyAdd(va, Vector256.Load(x + i), vb).Store(y + i);
        }
        for (; i < n; i++) y[i] = a * x[i] + b;
    }

    /// <summary>y[i] += c.</summary>
    public static void AddScalar(SimdLevel level, float c, float* y, int n)
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            var vc = Vector512.Create(c);
            for (; i <= n - 16; i += 16) (Vector512.Load(y + i) + vc).Store(y + i);
        }
        else if (level == SimdLevel.Vector256)
        {
            var vc = Vector256.Create(c);
            for (; i <= n - 8; i += 8) (Vector256.Load(y + i) + vc).Store(y + i);
        }
        for (; i < n; i++) y[i] += c;
    }

    /// <summary>ReLU and leaky ReLU forward: y = x &gt; 0 ? x : slope * x.</summary>
    public static void LeakyRelu(SimdLevel level, float slope, float* x, float* y, int n)
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            var s = Vector512.Create(slope);
            for (; i <= n - 16; i += 16)
            {
                var v = Vector512.Load(x + i);
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * s).Store(y + i);
            }
        }
        else if (level == SimdLevel.Vector256)
        {
            var s = Vector256.Create(slope);
            for (; i <= n - 8; i += 8)
            {
                var v = Vector256.Load(x + i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, v * s).Store(y + i);
            }
        }
        for (; i < n; i++) y[i] = x[i] > 0 ? x[i] : slope * x[i];
    }

    /// <summary>ReLU and leaky ReLU backward: dx = x &gt; 0 ? dy : slope * dy.</summary>
    public static void LeakyReluBackward(SimdLevel level, float slope, float* x, float* dy, float* dx, int n)
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            var s = Vector512.Create(slope);
            for (; i <= n - 16; i += 16)
            {
                var g = Vector512.Load(dy + i);
                Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Load(x + i), Vector512<float>.Zero), g, g * s).Store(dx + i);
            }
        }
        else if (level == SimdLevel.Vector256)
        {
            var s = Vector256.Create(slope);
            for (; i <= n - 8; i += 8)
            {
                var g = Vector256.Load(dy + i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Load(x + i), Vector256<float>.Zero), g, g * s).Store(dx + i);
            }
        }
        for (; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : slope * dy[i];
    }
}
