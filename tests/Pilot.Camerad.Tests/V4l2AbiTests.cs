using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pilot.Camerad.V4l2;
using Pilot.Testing;
using Xunit;

namespace Pilot.Camerad.Tests;

/// <summary>The C# mirror of the V4L2 ABI against the kernel's own header, compiled here with gcc.</summary>
public sealed class V4l2AbiTests
{
    private static readonly Lazy<Dictionary<string, ulong>> Kernel = new(CompileKernelFacts);

    [SkippableFact]
    public void StructSizesMatchTheKernelHeader()
    {
        var k = Facts();
        Assert.Equal(k["size v4l2_capability"], (ulong)Unsafe.SizeOf<V4l2Abi.Capability>());
        Assert.Equal(k["size v4l2_format"], (ulong)Unsafe.SizeOf<V4l2Abi.Format>());
        Assert.Equal(k["size v4l2_pix_format"], (ulong)Unsafe.SizeOf<V4l2Abi.PixFormat>());
        Assert.Equal(k["size v4l2_requestbuffers"], (ulong)Unsafe.SizeOf<V4l2Abi.RequestBuffers>());
        Assert.Equal(k["size v4l2_buffer"], (ulong)Unsafe.SizeOf<V4l2Abi.Buffer>());
    }

    [SkippableTheory]
    [InlineData(typeof(V4l2Abi.Capability), "Capabilities", "v4l2_capability.capabilities")]
    [InlineData(typeof(V4l2Abi.Capability), "DeviceCaps", "v4l2_capability.device_caps")]
    [InlineData(typeof(V4l2Abi.Format), "Pix", "v4l2_format.fmt")]
    [InlineData(typeof(V4l2Abi.PixFormat), "PixelFormat", "v4l2_pix_format.pixelformat")]
    [InlineData(typeof(V4l2Abi.PixFormat), "BytesPerLine", "v4l2_pix_format.bytesperline")]
    [InlineData(typeof(V4l2Abi.PixFormat), "SizeImage", "v4l2_pix_format.sizeimage")]
    [InlineData(typeof(V4l2Abi.RequestBuffers), "Memory", "v4l2_requestbuffers.memory")]
    [InlineData(typeof(V4l2Abi.RequestBuffers), "Capabilities", "v4l2_requestbuffers.capabilities")]
    [InlineData(typeof(V4l2Abi.Buffer), "BytesUsed", "v4l2_buffer.bytesused")]
    [InlineData(typeof(V4l2Abi.Buffer), "Flags", "v4l2_buffer.flags")]
    [InlineData(typeof(V4l2Abi.Buffer), "Timestamp", "v4l2_buffer.timestamp")]
    [InlineData(typeof(V4l2Abi.Buffer), "Sequence", "v4l2_buffer.sequence")]
    [InlineData(typeof(V4l2Abi.Buffer), "Memory", "v4l2_buffer.memory")]
    [InlineData(typeof(V4l2Abi.Buffer), "Offset", "v4l2_buffer.m")]
    [InlineData(typeof(V4l2Abi.Buffer), "Length", "v4l2_buffer.length")]
    [InlineData(typeof(V4l2Abi.Buffer), "RequestFd", "v4l2_buffer.request_fd")]
    public void FieldOffsetsMatchTheKernelHeader(Type type, string field, string kernelField)
    {
        Assert.Equal(Facts()["offset " + kernelField], (ulong)Marshal.OffsetOf(type, field));
    }

    [SkippableFact]
    public void RequestNumbersAndConstantsMatchTheKernelHeader()
    {
        var k = Facts();
        Matches(k, "VIDIOC_QUERYCAP", V4l2Abi.QueryCap);
        Matches(k, "VIDIOC_G_FMT", V4l2Abi.GetFormat);
        Matches(k, "VIDIOC_S_FMT", V4l2Abi.SetFormat);
        Matches(k, "VIDIOC_REQBUFS", V4l2Abi.RequestBuffersRequest);
        Matches(k, "VIDIOC_QUERYBUF", V4l2Abi.QueryBuffer);
        Matches(k, "VIDIOC_QBUF", V4l2Abi.QueueBuffer);
        Matches(k, "VIDIOC_DQBUF", V4l2Abi.DequeueBuffer);
        Matches(k, "VIDIOC_STREAMON", V4l2Abi.StreamOn);
        Matches(k, "VIDIOC_STREAMOFF", V4l2Abi.StreamOff);
        Matches(k, "V4L2_PIX_FMT_YUYV", V4l2Abi.PixFmtYuyv);
        Matches(k, "V4L2_PIX_FMT_NV12", V4l2Abi.PixFmtNv12);
        Matches(k, "V4L2_PIX_FMT_MJPEG", V4l2Abi.PixFmtMjpeg);
        Matches(k, "V4L2_BUF_TYPE_VIDEO_CAPTURE", V4l2Abi.BufTypeVideoCapture);
        Matches(k, "V4L2_MEMORY_MMAP", V4l2Abi.MemoryMmap);
        Matches(k, "V4L2_FIELD_NONE", V4l2Abi.FieldNone);
        Matches(k, "V4L2_CAP_VIDEO_CAPTURE", V4l2Abi.CapVideoCapture);
        Matches(k, "V4L2_CAP_STREAMING", V4l2Abi.CapStreaming);
        Matches(k, "V4L2_CAP_DEVICE_CAPS", V4l2Abi.CapDeviceCaps);
        Matches(k, "V4L2_BUF_FLAG_TIMESTAMP_MASK", V4l2Abi.BufFlagTimestampMask);
        Matches(k, "V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC", V4l2Abi.BufFlagTimestampMonotonic);
        Matches(k, "V4L2_BUF_FLAG_TSTAMP_SRC_MASK", V4l2Abi.BufFlagTstampSrcMask);
        Matches(k, "V4L2_BUF_FLAG_TSTAMP_SRC_SOE", V4l2Abi.BufFlagTstampSrcSoe);
        Assert.Equal("YUYV", V4l2Abi.FourCc(V4l2Abi.PixFmtYuyv));
    }

    [Fact]
    public void OpeningAMissingDeviceSaysWhichAndWhy()
    {
        var e = Assert.Throws<IOException>(() => new V4l2Camera("/dev/video-none", 640, 480, CaptureFormat.Yuyv));
        Assert.Contains("/dev/video-none", e.Message);
        Assert.Contains("errno 2", e.Message);
    }

    /// <summary>Our value of a kernel constant equals the header's (the header is the expected side).</summary>
    private static void Matches(Dictionary<string, ulong> kernel, string name, ulong ours) => Assert.Equal(kernel[name], ours);

    private static Dictionary<string, ulong> Facts()
    {
        TestData.RequireTool("gcc");
        Skip.IfNot(File.Exists("/usr/include/linux/videodev2.h"), "linux/videodev2.h is not installed (linux-libc-dev)");
        return Kernel.Value;
    }

    /// <summary>Builds and runs a C program that prints the header's sizes, offsets and constants as "name value" lines.</summary>
    private static Dictionary<string, ulong> CompileKernelFacts()
    {
        string dir = Directory.CreateTempSubdirectory("v4l2abi").FullName;
        string[] sizes = ["v4l2_capability", "v4l2_format", "v4l2_pix_format", "v4l2_requestbuffers", "v4l2_buffer"];
        string[] offsets = ["v4l2_capability.capabilities", "v4l2_capability.device_caps", "v4l2_format.fmt", "v4l2_pix_format.pixelformat",
            "v4l2_pix_format.bytesperline", "v4l2_pix_format.sizeimage", "v4l2_requestbuffers.memory", "v4l2_requestbuffers.capabilities",
            "v4l2_buffer.bytesused", "v4l2_buffer.flags", "v4l2_buffer.timestamp", "v4l2_buffer.sequence", "v4l2_buffer.memory",
            "v4l2_buffer.m", "v4l2_buffer.length", "v4l2_buffer.request_fd"];
        string[] constants = ["VIDIOC_QUERYCAP", "VIDIOC_G_FMT", "VIDIOC_S_FMT", "VIDIOC_REQBUFS", "VIDIOC_QUERYBUF", "VIDIOC_QBUF",
            "VIDIOC_DQBUF", "VIDIOC_STREAMON", "VIDIOC_STREAMOFF", "V4L2_PIX_FMT_YUYV", "V4L2_PIX_FMT_NV12", "V4L2_PIX_FMT_MJPEG",
            "V4L2_BUF_TYPE_VIDEO_CAPTURE", "V4L2_MEMORY_MMAP", "V4L2_FIELD_NONE", "V4L2_CAP_VIDEO_CAPTURE", "V4L2_CAP_STREAMING",
            "V4L2_CAP_DEVICE_CAPS", "V4L2_BUF_FLAG_TIMESTAMP_MASK", "V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC", "V4L2_BUF_FLAG_TSTAMP_SRC_MASK",
            "V4L2_BUF_FLAG_TSTAMP_SRC_SOE"];
        var lines = new List<string> { "#include <stdio.h>", "#include <stddef.h>", "#include <linux/videodev2.h>", "int main(void) {" };
        lines.AddRange(sizes.Select(s => $"printf(\"size {s} %lu\\n\", (unsigned long)sizeof(struct {s}));"));
        lines.AddRange(offsets.Select(o => o.Split('.')).Select(p => $"printf(\"offset {p[0]}.{p[1]} %lu\\n\", (unsigned long)offsetof(struct {p[0]}, {p[1]}));"));
        lines.AddRange(constants.Select(c => $"printf(\"{c} %lu\\n\", (unsigned long)({c}));"));
        lines.Add("return 0; }");
        File.WriteAllLines(Path.Combine(dir, "facts.c"), lines);
        Run("gcc", dir, "-o", "facts", "facts.c");
        var facts = new Dictionary<string, ulong>();
        foreach (var line in Run(Path.Combine(dir, "facts"), dir).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.LastIndexOf(' ');
            facts[line[..space]] = ulong.Parse(line[(space + 1)..]);
        }
        Directory.Delete(dir, recursive: true);
        return facts;
    }

    private static string Run(string tool, string dir, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd(), errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {errors}");
        return output;
    }
}
