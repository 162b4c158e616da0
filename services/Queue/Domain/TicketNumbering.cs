using System.Globalization;

namespace Hall.Queue.Domain;

/// <summary>
/// WHERE A TICKET IS NUMBERED. One counter per category prefix per hall-local day: A001, A002…
/// A number is never handed out twice in a day: the counters are rebuilt from the day's tickets
/// when the box starts, and they restart only when the hall's day changes.
/// </summary>
public sealed class TicketNumbering
{
    /// <summary>Three digits on the ticket.</summary>
    public const int MaxNumber = 999;

    private readonly Dictionary<string, int> _last = new(StringComparer.Ordinal);

    public TicketNumbering(DateOnly day)
    {
        Day = day;
    }

    public DateOnly Day { get; private set; }

    public static string Format(string prefix, int number) => prefix + number.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The last number issued today for the prefix (0 when none).</summary>
    public int Last(string prefix) => _last.GetValueOrDefault(prefix);

    /// <summary>Takes the next number for the prefix. The caller has checked the daily limit.</summary>
    public int Take(string prefix)
    {
        var next = Last(prefix) + 1;
        _last[prefix] = next;
        return next;
    }

    /// <summary>At load: a ticket of the current day already exists with this number.</summary>
    public void Seen(string prefix, int number)
    {
        if (number > Last(prefix))
        {
            _last[prefix] = number;
        }
    }

    /// <summary>A new hall day: every category starts at 001 again.</summary>
    public void StartDay(DateOnly day)
    {
        Day = day;
        _last.Clear();
    }
}
