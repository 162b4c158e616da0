using System.Reflection;

namespace Hall.CountyHub.Auth;

/// <summary>
/// The signed-in county staff member of a request. An endpoint behind <see cref="HubAccessExtensions.RequireHubRole"/>
/// takes it as a parameter (<c>(HubUser user, …) =&gt; …</c>); it is never null there.
/// </summary>
/// <param name="BoxId">The one hall a township user sees; null for the county roles.</param>
public sealed record HubUser(string UserId, string Name, HubRole Role, string? BoxId)
{
    internal const string ItemKey = "hall.hub.user";

    /// <summary>True when the user reads every hall (county admin, supervisor).</summary>
    public bool SeesCounty => Role != HubRole.Township;

    /// <summary>Whether this user may read the rows of hall <paramref name="boxId"/>.</summary>
    public bool CanSee(string? boxId) => SeesCounty || (boxId is not null && string.Equals(boxId, BoxId, StringComparison.Ordinal));

    /// <summary>The hall a query must keep to: null for the whole county, else the township user's one hall.</summary>
    public string? OnlyBox => SeesCounty ? null : BoxId ?? string.Empty;

    /// <summary>The user of the request, or null when nobody is signed in.</summary>
    public static HubUser? From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var value) ? value as HubUser : null;
    }

    /// <summary>Minimal API binding. The access middleware ran before and refused a stranger, so this finds the user.</summary>
    public static ValueTask<HubUser?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<HubUser?>(From(context) ?? throw new InvalidOperationException("An endpoint takes a HubUser without RequireHubRole(...)."));
}
