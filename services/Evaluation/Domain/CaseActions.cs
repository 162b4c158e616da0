namespace Hall.Evaluation.Domain;

/// <summary>The words for case steps, as recorded and reported upward.</summary>
public static class CaseActions
{
    public const string Open = "open";
    public const string CallBack = "call-back";
    public const string Rectify = "rectify";
    public const string Close = "close";
    public const string Appeal = "appeal";
    public const string AppealAccepted = "appeal-accepted";
    public const string AppealRejected = "appeal-rejected";
    public const string ReRated = "re-rated";
    public const string CallBackOverdue = "call-back-overdue";
    public const string RectifyOverdue = "rectify-overdue";

    /// <summary>Who the box itself is in a step (opening, overdue marks).</summary>
    public const string Box = "box";
}
