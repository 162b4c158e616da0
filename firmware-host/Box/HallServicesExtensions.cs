namespace Hall.FirmwareHost.Box;

/// <summary>The hall's domain services, wired to the router and the pages.</summary>
public static class HallServicesExtensions
{
    public static void AddHallServices(this WebApplicationBuilder builder, BoxOptions box)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(box);
    }
}
