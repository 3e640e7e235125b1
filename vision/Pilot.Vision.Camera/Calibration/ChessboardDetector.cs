namespace Pilot.Vision.Camera.Calibration;

/// <summary>Finds a chessboard's inner corners in an image, to sub-pixel precision.</summary>
public static class ChessboardDetector
{
    /// <summary>The [rows, columns] inner corners in grid order, or null when the whole board is not found (for
    /// example when part of it is outside the image).</summary>
    public static (double X, double Y)[,]? Find(GrayImage image, int columns, int rows)
    {
        var candidates = SaddleDetector.Detect(image);
        var grid = ChessboardGrid.Assemble(candidates, columns, rows);
        if (grid is null) return null;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                grid[r, c] = SubPixel.Refine(image, grid[r, c].X, grid[r, c].Y);
        return grid;
    }
}
