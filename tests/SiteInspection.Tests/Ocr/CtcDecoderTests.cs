using System.Text;
using Hall.SiteInspection.Ocr;

namespace Hall.SiteInspection.Tests.Ocr;

public sealed class CtcDecoderTests
{
    // blank, 1, 2, 号, space: the layout of ppocr_keys_v1 with use_space_char, in miniature.
    private static readonly string[] Characters = ["blank", "1", "2", "号", " "];
    private const int Blank = 0, One = 1, Two = 2, Hao = 3, Space = 4;

    [Fact]
    public void Repeats_merge_and_blanks_split_them()
    {
        var (text, confidence) = Decode(Steps((One, 0.9f), (One, 0.8f), (Blank, 1f), (One, 0.7f), (Two, 0.6f), (Hao, 1f)));

        Assert.Equal("112号", text);
        Assert.Equal((0.9f + 0.7f + 0.6f + 1f) / 4, confidence, 5);
    }

    [Fact]
    public void Nothing_read_is_empty_with_zero_confidence()
    {
        var (text, confidence) = Decode(Steps((Blank, 1f), (Blank, 1f)));

        Assert.Equal("", text);
        Assert.Equal(0f, confidence);
    }

    [Fact]
    public void A_space_that_wins_is_read()
    {
        Assert.Equal("1 2", Decode(Steps((One, 1f), (Space, 0.6f), (Two, 1f))).Text);
    }

    [Fact]
    public void A_likely_space_in_a_gap_is_read_though_the_blank_wins()
    {
        var probabilities = Steps((One, 1f), (Blank, 0.7f), (Blank, 1f), (Two, 1f));
        probabilities[(1 * Characters.Length) + Space] = 0.3f;

        Assert.Equal("1 2", Decode(probabilities).Text);
        Assert.Equal("12", Decode(probabilities, minSpaceProbability: 1f).Text);
    }

    [Fact]
    public void A_faint_space_in_a_gap_is_not_read_nor_one_before_the_first_character()
    {
        var probabilities = Steps((Blank, 0.7f), (One, 1f), (Blank, 0.99f), (Two, 1f));
        probabilities[Space] = 0.3f;
        probabilities[(2 * Characters.Length) + Space] = 0.01f;

        Assert.Equal("12", Decode(probabilities).Text);
    }

    private static (string Text, float Confidence) Decode(float[] probabilities, float minSpaceProbability = 0.03f)
    {
        var text = new StringBuilder();
        var confidence = CtcDecoder.Decode(probabilities, Characters.Length, Characters, minSpaceProbability, text);
        return (text.ToString(), confidence);
    }

    /// <summary>One row per step: the given class at the given probability, the rest shared by the other classes.</summary>
    private static float[] Steps(params (int Class, float Probability)[] steps)
    {
        var probabilities = new float[steps.Length * Characters.Length];
        for (var t = 0; t < steps.Length; t++)
        {
            var row = probabilities.AsSpan(t * Characters.Length, Characters.Length);
            row.Fill((1 - steps[t].Probability) / (Characters.Length - 1) / 10);
            row[steps[t].Class] = steps[t].Probability;
        }

        return probabilities;
    }
}
