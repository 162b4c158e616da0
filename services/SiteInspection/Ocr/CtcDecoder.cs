using System.Text;

namespace Hall.SiteInspection.Ocr;

/// <summary>
/// Greedy CTC decoding as PaddleOCR's CTCLabelDecode: the likeliest class at each step, repeats merged, blanks (class 0)
/// dropped; the confidence is the mean of the kept steps' probabilities (0 when nothing was read).
/// One addition: between two characters, a space is read when the space class reaches <c>minSpaceProbability</c> at a
/// blank step, though the blank wins there. PP-OCRv4's recogniser, trained mostly on Chinese, seldom lets the space win:
/// on watermark frames true spaces peaked at 0.05–0.5 while 4,500 gaps without one stayed at or below 0.01.
/// </summary>
internal static class CtcDecoder
{
    /// <param name="probabilities">[steps, classes] softmax output, row by row.</param>
    /// <param name="characters">The character of each class: index 0 is the blank (never looked up), the last a space.</param>
    /// <param name="minSpaceProbability">1 or more reads a space only where it wins, as PaddleOCR does.</param>
    public static float Decode(
        ReadOnlySpan<float> probabilities, int classes, IReadOnlyList<string> characters, float minSpaceProbability, StringBuilder text)
    {
        var space = classes - 1;
        var steps = probabilities.Length / classes;
        var previous = -1;
        var gapSpace = 0f;
        double sum = 0;
        var kept = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            var bestValue = row[0];
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > bestValue)
                {
                    best = c;
                    bestValue = row[c];
                }
            }

            if (best == 0)
            {
                gapSpace = Math.Max(gapSpace, row[space]);
            }
            else if (best != previous)
            {
                if (gapSpace >= minSpaceProbability && best != space && text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }

                text.Append(characters[best]);
                sum += bestValue;
                kept++;
                gapSpace = 0;
            }

            previous = best;
        }

        return kept == 0 ? 0 : (float)(sum / kept);
    }
}
