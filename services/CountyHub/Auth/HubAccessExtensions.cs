namespace Hall.CountyHub.Auth;

/// <summary>How a hub route says who may use it: <c>.RequireHubRole(HubRole.CountyAdmin)</c> or <c>.AllowStrangers()</c>.</summary>
public static class HubAccessExtensions
{
    /// <summary>Only signed-in users with one of <paramref name="roles"/>; a stranger gets 401 (API) or the sign-in page.</summary>
    public static TBuilder RequireHubRole<TBuilder>(this TBuilder builder, params HubRole[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0)
        {
            throw new ArgumentException("Name at least one role; AllowStrangers() is for public routes.", nameof(roles));
        }

        var rule = new HubAccessRule(roles.ToArray());
        builder.Add(endpoint => endpoint.Metadata.Add(rule));
        return builder;
    }

    /// <summary>Anyone, signed in or not (the handler decides what a stranger sees).</summary>
    public static TBuilder AllowStrangers<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var rule = new HubAccessRule(null);
        builder.Add(endpoint => endpoint.Metadata.Add(rule));
        return builder;
    }
}
