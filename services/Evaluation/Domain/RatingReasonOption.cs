namespace Hall.Evaluation;

/// <summary>One reason a person may give for a level 1–2 rating: a short code (sent by devices) and the words shown.</summary>
public sealed class RatingReasonOption
{
    public string Code { get; set; } = "";

    public string Text { get; set; } = "";
}
