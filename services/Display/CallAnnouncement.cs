using System.Globalization;
using System.Text;

namespace Hall.Display;

/// <summary>
/// What the hall shows and says for a call. <see cref="Text"/> is the written form
/// (请A012号到3号窗口办理); <see cref="Spoken"/> spaces the ticket's letters and digits so that
/// espeak-ng says them one by one (A 零 一 二) instead of as a number or a word.
/// </summary>
public sealed record CallAnnouncement(string Text, string Spoken)
{
    private const string WindowWord = "窗口";

    public static CallAnnouncement For(string ticketNo, string counter, string? counterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketNo);
        ArgumentException.ThrowIfNullOrWhiteSpace(counter);
        ticketNo = ticketNo.Trim();
        counter = counter.Trim();

        string shownCounter;
        string spokenCounter;
        if (IsNumber(counter))
        {
            // Counter "03" is still 3号窗口; espeak-ng says a plain number the Chinese way (十二).
            var number = counter.TrimStart('0');
            number = number.Length == 0 ? "0" : number;
            shownCounter = $"{number}号{WindowWord}";
            spokenCounter = $"{number} 号{WindowWord}";
        }
        else
        {
            var name = string.IsNullOrWhiteSpace(counterName) ? counter : counterName.Trim();
            shownCounter = name.EndsWith(WindowWord, StringComparison.Ordinal) ? name : name + WindowWord;
            spokenCounter = shownCounter;
        }

        return new CallAnnouncement(
            $"请{ticketNo}号到{shownCounter}办理",
            $"请 {SpellOut(ticketNo)} 号到 {spokenCounter}办理");
    }

    private static bool IsNumber(string value) => value.All(char.IsAsciiDigit);

    private static string SpellOut(string ticketNo)
    {
        var spoken = new StringBuilder(ticketNo.Length * 2);
        foreach (var c in ticketNo)
        {
            if (spoken.Length > 0)
            {
                spoken.Append(' ');
            }

            spoken.Append(char.ToUpper(c, CultureInfo.InvariantCulture));
        }

        return spoken.ToString();
    }
}
