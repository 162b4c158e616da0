using System.Reflection;
using Hall.Contract;

namespace Hall.FirmwareHost.Access;

/// <summary>
/// The enrolled web device making the request, as <see cref="BoxAccessMiddleware"/> found it from the device cookie. A
/// handler of a <see cref="BoxAudience.Device"/> route takes it as a parameter; its role and counter are the ones fixed
/// at enrollment, never the request's.
/// </summary>
public sealed class WebDevice
{
    internal const string ItemKey = "hall.web-device";

    internal WebDevice(DeviceIdentity identity)
    {
        Identity = identity;
    }

    public DeviceIdentity Identity { get; }

    /// <summary>Minimal API binding: only a route behind <c>RequireDevice</c> may take a WebDevice.</summary>
    public static ValueTask<WebDevice?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<WebDevice?>(context.Items[ItemKey] as WebDevice
            ?? throw new InvalidOperationException($"{context.GetEndpoint()?.DisplayName} takes a WebDevice without RequireDevice(...)."));
    }
}
