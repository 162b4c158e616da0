using Hall.Contract;

namespace Hall.DeviceRegistry;

/// <summary>A web device just set up: who it is and the cookie value its browser keeps (shown this once, stored only hashed).</summary>
public sealed record WebDeviceCookie(DeviceIdentity Device, string Value);
