using System.Text.RegularExpressions;

namespace Hall.Evaluation.Domain;

/// <summary>
/// Masks a person's name and phone for every view and for the county hub; the clear values stay on the box,
/// only where the hall runs real-name rating.
/// </summary>
public static partial class PersonalData
{
    /// <summary>张三丰 → 张**; a one-character name → *.</summary>
    public static string? MaskName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = new StringInfoText(name.Trim());
        return text.Length <= 1 ? "*" : text.First + new string('*', text.Length - 1);
    }

    /// <summary>13812345678 → 138****5678; anything shorter keeps only its last 2 digits.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 11)
        {
            return string.Concat(digits.AsSpan(0, 3), "****", digits.AsSpan(digits.Length - 4));
        }

        return digits.Length <= 2 ? new string('*', digits.Length) : new string('*', digits.Length - 2) + digits[^2..];
    }

    /// <summary>Free text with every run of 7 or more digits (a phone or ID number typed into a comment) masked.</summary>
    public static string? MaskDigitRuns(string? text) =>
        text is null ? null : DigitRun().Replace(text, m => new string('*', m.Length));

    [GeneratedRegex("[0-9]{7,}[Xx]?")]
    private static partial Regex DigitRun();

    // Counts text elements, so a surrogate pair (a rare character in a name) is one character.
    private readonly struct StringInfoText
    {
        public StringInfoText(string text)
        {
            var info = new System.Globalization.StringInfo(text);
            Length = info.LengthInTextElements;
            First = info.LengthInTextElements == 0 ? "" : info.SubstringByTextElements(0, 1);
        }

        public int Length { get; }

        public string First { get; }
    }
}
