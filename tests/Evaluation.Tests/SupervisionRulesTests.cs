using System.Text.Json;
using Hall.Contract;
using Hall.Evaluation.CountySupervision;

namespace Hall.Evaluation.Tests;

/// <summary>督办 on the box, plain: what a message must carry, and an answer given once, with text.</summary>
public sealed class SupervisionRulesTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 5, 17, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_message_with_its_id_case_text_and_deadline_is_read()
    {
        var data = JsonDocument.Parse("""{"supervisionId":"s-1","caseId":"C-1","text":"请回访","deadline":"2026-12-05T09:00:00Z","sentBy":"赵督办"}""").RootElement;
        Assert.Equal(("s-1", "C-1", "请回访", Deadline, (string?)"赵督办"), SupervisionRules.Read(data));
    }

    [Theory]
    [InlineData("""{"caseId":"C-1","text":"请回访","deadline":"2026-12-05T09:00:00Z"}""")]
    [InlineData("""{"supervisionId":"s-1","caseId":"C-1","text":" ","deadline":"2026-12-05T09:00:00Z"}""")]
    [InlineData("""{"supervisionId":"s-1","caseId":"C-1","text":"请回访","deadline":"周五"}""")]
    [InlineData("""[]""")]
    public void A_message_missing_what_the_hall_needs_is_not_read(string json)
    {
        Assert.Null(SupervisionRules.Read(JsonDocument.Parse(json).RootElement));
    }

    [Fact]
    public void An_answer_needs_text_within_the_limit()
    {
        var open = Supervision(answered: false);
        Assert.Null(SupervisionRules.CheckAnswer(open, "已回访"));
        Assert.Equal(ErrorCodes.MissingField, SupervisionRules.CheckAnswer(open, "  ")!.Code);
        Assert.Equal(ErrorCodes.InvalidField, SupervisionRules.CheckAnswer(open, new string('字', SupervisionRules.MaxAnswerLength + 1))!.Code);
    }

    [Fact]
    public void A_supervision_is_answered_once_and_an_unknown_one_not_at_all()
    {
        var refused = SupervisionRules.CheckAnswer(Supervision(answered: true), "再答一次")!;
        Assert.Equal(ErrorCodes.SupervisionAnswered, refused.Code);
        Assert.Contains("王值班", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.UnknownSupervision, SupervisionRules.CheckAnswer(null, "已回访")!.Code);
    }

    private static Supervision Supervision(bool answered) => new(
        "s-1", "C-1", "请回访", Deadline, "赵督办", null, Deadline.AddDays(-2),
        answered ? "duty-1" : null, answered ? "王值班" : null, answered ? "已回访" : null, answered ? Deadline.AddDays(-1) : null);
}
