using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Hall.Queue.Domain;

/// <summary>
/// ID card numbers for the one-waiting-ticket-per-card rule. The box keeps only a salted SHA-256 of the number:
/// enough to see the same card twice, useless to recover the number.
/// </summary>
public static partial class IdCards
{
    /// <summary>18 characters (17 digits and a digit or X), or the old 15-digit card.</summary>
    public static bool TryNormalize(string? text, out string normalized)
    {
        normalized = (text ?? "").Trim().ToUpperInvariant();
        return Pattern().IsMatch(normalized);
    }

    public static string Hash(string salt, string normalized)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + normalized));
        return Convert.ToHexStringLower(bytes);
    }

    [GeneratedRegex("^([0-9]{17}[0-9X]|[0-9]{15})$")]
    private static partial Regex Pattern();
}
