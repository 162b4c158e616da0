namespace Hall.SiteInspection.Ocr;

/// <summary>
/// Tuning of <see cref="PaddleOcr"/>. The defaults are PaddleOCR's own for PP-OCRv4 (tools/infer/utility.py):
/// det_limit_side_len 960 'max', det_db_thresh 0.3, det_db_box_thresh 0.6, drop_score 0.5; the unclip ratio and the
/// space rule differ, for the reasons given on each.
/// </summary>
public sealed record PaddleOcrOptions
{
    /// <summary>The detector sees the picture shrunk so its longer side is at most this (a multiple of 32).</summary>
    public int MaxSideLength { get; init; } = 960;

    /// <summary>Probability above which a detector pixel counts as text.</summary>
    public float BinaryThreshold { get; init; } = 0.3f;

    /// <summary>Mean probability over a detected region below which it is dropped.</summary>
    public float BoxThreshold { get; init; } = 0.6f;

    /// <summary>
    /// How far a text kernel is grown back to the whole line (DB shrinks text regions when it trains). 2.0 as PaddleX's
    /// OCR pipeline for PP-OCRv4 rather than tools/infer's 1.5: the roomier crop keeps the recogniser from losing spaces.
    /// </summary>
    public float UnclipRatio { get; init; } = 2.0f;

    /// <summary>
    /// Between two characters a space is read when the recogniser gives it at least this probability, though "nothing"
    /// scores higher: PP-OCRv4, trained mostly on Chinese, seldom lets a space win (true spaces peaked at 0.05–0.5 on
    /// watermark frames, gaps without one at 0.01 or less). 1 reads spaces only where they win, as PaddleOCR does.
    /// </summary>
    public float MinSpaceProbability { get; init; } = 0.03f;

    /// <summary>Lines read with a lower confidence are left out (PaddleOCR's drop_score).</summary>
    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>The widest line crop the recogniser gets, in pixels at height 48; wider lines are squeezed.</summary>
    public int MaxRecognitionWidth { get; init; } = 1600;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSideLength, 32, nameof(MaxSideLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecognitionWidth, 48, nameof(MaxRecognitionWidth));
        if (!(BinaryThreshold is > 0 and < 1) || !(BoxThreshold is > 0 and < 1) || !(UnclipRatio >= 0)
            || !(MinConfidence is >= 0 and <= 1) || !(MinSpaceProbability > 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(PaddleOcrOptions), this, "Thresholds must lie in (0,1), MinConfidence in [0,1], UnclipRatio ≥ 0, MinSpaceProbability > 0.");
        }
    }
}
