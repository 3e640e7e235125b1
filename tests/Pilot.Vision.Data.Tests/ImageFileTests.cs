using System.Diagnostics;
using Pilot.Testing;
using Pilot.Vision.Data.Images;

namespace Pilot.Vision.Data.Tests;

public class ImageFileTests
{
    private const string Road = "images/udacity-p1/solidWhiteCurve.jpg";
    private const string Chessboard = "images/camera-cal/calibration1.jpg";

    /// <summary>Decodes with ffmpeg, an independent JPEG decoder, to RGB24.</summary>
    private static byte[] FfmpegRgb(string ffmpeg, string path)
    {
        var start = new ProcessStartInfo(ffmpeg, ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }

    [SkippableFact]
    public void JpegPixelsAgreeWithFfmpegsDecoder()
    {
        string path = TestData.Require(Road);
        string ffmpeg = TestData.RequireTool("ffmpeg");
        var image = ImageFile.LoadRgb(path);
        Assert.Equal((960, 540), (image.Width, image.Height));

        byte[] reference = FfmpegRgb(ffmpeg, path);
        Assert.Equal(reference.Length, image.Pixels.Length);
        // Two JPEG decoders differ by IDCT rounding and chroma upsampling: a level or two, never whole regions.
        double meanError = reference.Zip(image.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 2.0, $"mean absolute difference to ffmpeg {meanError:F2} levels");
    }

    [SkippableFact]
    public void ChwViewIsThePlanarCopyOfTheRgbView()
    {
        var image = ImageFile.LoadRgb(TestData.Require(Road));
        float[] chw = image.ToChw();
        int plane = image.Width * image.Height;
        foreach (int pixel in new[] { 0, 12345, plane - 1 })
            for (int c = 0; c < 3; c++)
                Assert.Equal(image.Pixels[3 * pixel + c] / 255f, chw[c * plane + pixel]);

        float[] grey = image.ToChw(channels: 1);
        Assert.Equal(plane, grey.Length);
        Assert.Equal(0.299f * chw[777] + 0.587f * chw[plane + 777] + 0.114f * chw[2 * plane + 777], grey[777], 1e-6f);
    }

    [SkippableFact]
    public void ResizingKeepsTheImagesAverageColour()
    {
        string path = TestData.Require(Road);
        float[] full = ImageFile.LoadRgb(path).ToChw();
        float[] small = ImageFile.LoadChw(path, 3, 54, 96);
        Assert.Equal(3 * 54 * 96, small.Length);
        for (int c = 0; c < 3; c++)
        {
            double a = full.AsSpan(c * 960 * 540, 960 * 540).ToArray().Average();
            double b = small.AsSpan(c * 54 * 96, 54 * 96).ToArray().Average();
            Assert.True(Math.Abs(a - b) < 0.01, $"channel {c}: full {a:F4}, resized {b:F4}");
        }
    }

    [Fact]
    public void PngRoundTripsExactly()
    {
        using var dir = new TempDir();
        const int h = 5, w = 7;
        var chw = new float[3 * h * w];
        for (int i = 0; i < chw.Length; i++) chw[i] = (i * 37 % 256) / 255f;
        ImageFile.SavePng(dir.File("x.png"), chw, 3, h, w);
        Assert.Equal(chw, ImageFile.LoadChw(dir.File("x.png"), 3, h, w));

        var grey = new float[h * w];
        for (int i = 0; i < grey.Length; i++) grey[i] = i / 34f;
        ImageFile.SavePng(dir.File("g.png"), grey, 1, h, w);
        var back = ImageFile.LoadRgb(dir.File("g.png"));
        for (int i = 0; i < grey.Length; i++)
        {
            byte expected = (byte)Math.Round(grey[i] * 255);
            Assert.Equal([expected, expected, expected], back.Pixels.AsSpan(3 * i, 3).ToArray());
        }
    }

    [Fact]
    public void GridPlacesEachImageAtItsCellAndNormalisesFeatureMaps()
    {
        // Five 2×3 one-channel maps with values n·10 + (0..5), three columns, padding 1: a 3-row-by-2 grid.
        const int h = 2, w = 3;
        var maps = new float[5 * h * w];
        for (int n = 0; n < 5; n++)
            for (int i = 0; i < h * w; i++) maps[n * h * w + i] = n * 10 + i;
        var grid = ImageGrid.Compose(maps, 5, 1, h, w, columns: 3, padding: 1, normalize: true);
        Assert.Equal((3 * 3 + 2, 2 * 2 + 1), (grid.Width, grid.Height));
        byte At(int x, int y) => grid.Pixels[(y * grid.Width + x) * 3];
        // Each map is stretched to its own 0..255: its first pixel black, its last white.
        Assert.Equal(0, At(4, 0));            // map 1, (0, 0)
        Assert.Equal(255, At(6, 1));          // map 1, (1, 2)
        Assert.Equal(51, At(1, 3));           // map 3, row 0, column 1: value 1 of 0..5
        Assert.Equal(0, At(3, 0));            // padding column
        Assert.Equal(0, At(10, 4));           // empty sixth cell
    }

    [Fact]
    public void ACorruptOrMissingImageIsAClearError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("fake.png"), "not an image at all");
        var e = Assert.Throws<DataFormatException>(() => ImageFile.LoadRgb(dir.File("fake.png")));
        Assert.Contains("fake.png", e.Message);
        Assert.Contains("not a decodable", e.Message);
        Assert.Throws<FileNotFoundException>(() => ImageFile.LoadRgb(dir.File("none.jpg")));
    }

    [SkippableFact]
    public void ATruncatedJpegIsReportedAsTruncated()
    {
        byte[] jpeg = File.ReadAllBytes(TestData.Require(Chessboard));
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("cut.jpg"), jpeg[..(jpeg.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => ImageFile.LoadRgb(dir.File("cut.jpg")));
        Assert.Contains("truncated", e.Message);
    }

    [SkippableFact]
    public void ImageFolderLabelsBySubfolderAndResizes()
    {
        string road = TestData.Require("images/udacity-p1");
        string chess = TestData.Require("images/camera-cal");
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("road"));
        Directory.CreateDirectory(dir.File("chessboard"));
        foreach (string f in Directory.GetFiles(road, "*.jpg")) File.Copy(f, Path.Combine(dir.File("road"), Path.GetFileName(f)));
        foreach (string f in Directory.GetFiles(chess, "*.jpg").Order().Take(4)) File.Copy(f, Path.Combine(dir.File("chessboard"), Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir.File("road"), "notes.txt"), "ignored");

        var set = ImageFolder.Load(dir.Path, 32, 48);
        Assert.Equal(["chessboard", "road"], set.ClassNames);
        Assert.Equal(10, set.Count);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 1, 1], set.Labels);
        Assert.Equal((3, 32, 48), (set.Channels, set.Height, set.Width));
        float[] expected = ImageFile.LoadChw(Path.Combine(dir.File("road"), "solidWhiteCurve.jpg"), 3, 32, 48);
        Assert.Equal(expected, set.Image(4).ToArray());
    }
}
