namespace Hall.Vision;

/// <summary>
/// One face found in a frame. Box and keypoints are normalized to the model input (0..1 of its width and height,
/// origin top left), so on a letterboxed frame they include the padding; values may fall slightly outside 0..1
/// for a face cut by the frame edge.
/// </summary>
/// <param name="Score">Confidence 0..1.</param>
/// <param name="Keypoints">Six points, indexed by <see cref="FaceKeypoint"/>.</param>
public sealed record FaceDetection(
    float Score,
    float XMin,
    float YMin,
    float Width,
    float Height,
    IReadOnlyList<FacePoint> Keypoints)
{
    public float XMax => XMin + Width;

    public float YMax => YMin + Height;

    public float CenterX => XMin + (Width / 2);

    public float CenterY => YMin + (Height / 2);

    public FacePoint this[FaceKeypoint keypoint] => Keypoints[(int)keypoint];

    /// <summary>Equal when every value is, keypoints compared point by point.</summary>
    public bool Equals(FaceDetection? other) =>
        other is not null
        && Score == other.Score
        && XMin == other.XMin
        && YMin == other.YMin
        && Width == other.Width
        && Height == other.Height
        && Keypoints.SequenceEqual(other.Keypoints);

    public override int GetHashCode() => HashCode.Combine(Score, XMin, YMin, Width, Height, Keypoints.Count);

    /// <summary>Whether the point lies in the box, edges included.</summary>
    public bool Contains(FacePoint point) =>
        point.X >= XMin && point.X <= XMax && point.Y >= YMin && point.Y <= YMax;
}
