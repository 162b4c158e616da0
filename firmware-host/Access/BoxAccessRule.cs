using Hall.Contract;

namespace Hall.FirmwareHost.Access;

/// <summary>
/// Endpoint metadata: who may use a route of the box. A route without one is refused (fail closed) and logged, and a
/// test walks the box's endpoint list so that a route added later without a rule fails the build's tests.
/// </summary>
/// <param name="Audience">Who the route is for.</param>
/// <param name="DeviceRole">For <see cref="BoxAudience.Device"/>: the role the browser's device must have.</param>
public sealed record BoxAccessRule(BoxAudience Audience, DeviceRole? DeviceRole = null);
