using Hall.Contract;

namespace Hall.FirmwareHost.Access;

/// <summary>How a route of the box says who may use it (the county hub's routes do the same with RequireHubRole / AllowStrangers).</summary>
public static class BoxAccessExtensions
{
    /// <summary>Anyone on the hall LAN. Only for pages and data a stranger may see, and changes open to everyone (signing in).</summary>
    public static TBuilder AllowStrangers<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.Declare(new BoxAccessRule(BoxAudience.Public));

    /// <summary>Whoever holds the ticket's link key; the handler checks it.</summary>
    public static TBuilder ForTicketHolder<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.Declare(new BoxAccessRule(BoxAudience.TicketHolder));

    /// <summary>Whoever holds the 云踏勘 application's link key; the handler (or its group's filter) checks it.</summary>
    public static TBuilder ForApplicant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.Declare(new BoxAccessRule(BoxAudience.Applicant));

    /// <summary>
    /// Only a browser set up as an enrolled web device of <paramref name="role"/>; on a route with <c>{counter}</c>, only
    /// that counter's device. <see cref="BoxAccessMiddleware"/> checks the device cookie before the handler runs.
    /// </summary>
    public static TBuilder RequireDevice<TBuilder>(this TBuilder builder, DeviceRole role)
        where TBuilder : IEndpointConventionBuilder => builder.Declare(new BoxAccessRule(BoxAudience.Device, role));

    /// <summary>Signed-in staff of the admin console: declares the audience and applies <paramref name="policy"/>.</summary>
    public static TBuilder RequireStaff<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        return builder.Declare(new BoxAccessRule(BoxAudience.Staff)).RequireAuthorization(policy);
    }

    private static TBuilder Declare<TBuilder>(this TBuilder builder, BoxAccessRule rule)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(rule));
        return builder;
    }
}
