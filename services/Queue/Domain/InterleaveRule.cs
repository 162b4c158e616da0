using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hall.Queue.Domain;

/// <summary>
/// A counter's rule for mixing priority tickets with ordinary ones, written "O:P":
/// when both kinds wait, call O ordinary tickets, then P priority tickets, and repeat.
/// "2:1" gives O O P O O P…; "0:1" is strict priority; "1:0" never prefers priority
/// (priority tickets are then called only when no ordinary ticket waits).
/// Whatever the rule, a waiting kind is never left idle: with only one kind waiting, that kind is called.
/// </summary>
public sealed record InterleaveRule(int Ordinary, int Priority)
{
    public static InterleaveRule Default { get; } = new(2, 1);

    /// <summary>True when the counter's next call should be a priority ticket (if one waits).</summary>
    public bool PriorityTurn(int ordinaryStreak, int priorityStreak) =>
        Priority > 0 && ordinaryStreak >= Ordinary && priorityStreak < Priority;

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out InterleaveRule? rule)
    {
        rule = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinary)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
            || ordinary > 99 || priority > 99 || ordinary + priority == 0)
        {
            return false;
        }

        rule = new InterleaveRule(ordinary, priority);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ordinary}:{Priority}");
}
