namespace Hall.Vision;

/// <summary>
/// Index of a keypoint in <see cref="FaceDetection.Keypoints"/>, in MediaPipe's order. Right and left are the
/// person's own: in an unmirrored camera image the right eye is on the image's left.
/// </summary>
public enum FaceKeypoint
{
    RightEye = 0,
    LeftEye = 1,
    NoseTip = 2,
    MouthCenter = 3,
    RightEarTragion = 4,
    LeftEarTragion = 5,
}
