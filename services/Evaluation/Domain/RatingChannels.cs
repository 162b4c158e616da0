namespace Hall.Evaluation.Domain;

/// <summary>Where a rating came from. Stored and reported upward as these words.</summary>
public static class RatingChannels
{
    /// <summary>The counter's evaluator device (评价器), bound to its counter at enrollment.</summary>
    public const string Evaluator = "evaluator";

    /// <summary>The ticket's QR code, opened on the person's phone.</summary>
    public const string Qr = "qr";

    /// <summary>The counter's tablet page.</summary>
    public const string Tablet = "tablet";

    /// <summary>A staff member entering the rating on the person's behalf (marked as such).</summary>
    public const string StaffEntry = "staff-entry";

    /// <summary>The person's own re-rating after rectification, through a page of the box.</summary>
    public const string Web = "web";
}
