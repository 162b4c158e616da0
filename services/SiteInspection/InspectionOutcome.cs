namespace Hall.SiteInspection;

/// <summary>Done with a value, or refused with an error code and a message a person can act on (nothing changed).</summary>
public sealed record InspectionOutcome<T>(T? Value, string? Code, string? Message)
{
    public bool Ok => Code is null;
}

/// <summary>Makes <see cref="InspectionOutcome{T}"/>s.</summary>
public static class InspectionOutcome
{
    public static InspectionOutcome<T> Done<T>(T value) => new(value, null, null);

    public static InspectionOutcome<T> Refused<T>(string code, string message) => new(default, code, message);
}
