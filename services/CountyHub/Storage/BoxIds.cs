using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Hall.CountyHub.Storage;

/// <summary>A box id is checked before it is used anywhere (SQL, logs, metric labels): letters, digits and '-', 1–32.</summary>
public static partial class BoxIds
{
    public static bool IsValid([NotNullWhen(true)] string? boxId) => boxId is not null && Pattern().IsMatch(boxId);

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
