using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Visualization;

namespace Pilot.Vision.Zoo.Tests;

public class VisualizationTests
{
    [Fact]
    public void FiltersAndFeatureMapsBecomePngGrids()
    {
        var cpu = new CpuBackend();
        var spec = Catalog.Build("resnet18", TestSizes.Tiny("resnet18"));
        var model = spec.Build(1, cpu, seed: 3);
        string dir = Path.Combine(Path.GetTempPath(), "pilot-zoo-vis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Assert.Equal(4, FeatureMaps.SaveFilters(model, "conv1", Path.Combine(dir, "filters.png")));   // 64/16 RGB 7x7 filters
            var image = new float[3 * 32 * 32];
            for (int i = 0; i < image.Length; i++) image[i] = i % 32 / 32f;
            var shape = FeatureMaps.SaveActivations(spec, model, "layer1.0.relu", image, Path.Combine(dir, "maps.png"), cpu);
            Assert.Equal([4, 8, 8], shape);
            foreach (var png in new[] { "filters.png", "maps.png" })
            {
                var bytes = File.ReadAllBytes(Path.Combine(dir, png));
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            }
            var rgb = Data.Images.ImageFile.LoadRgb(Path.Combine(dir, "maps.png"));
            Assert.True(rgb.Width >= 8 && rgb.Height >= 8);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
