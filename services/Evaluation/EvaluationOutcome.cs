namespace Hall.Evaluation;

/// <summary>What a command produced: its reply and the messages owed after the commit, in order.</summary>
internal sealed record EvaluationOutcome(object? Reply, IReadOnlyList<Publication> Publications)
{
    public static EvaluationOutcome Only(object? reply) => new(reply, []);
}
