using Hall.Contract;

namespace Hall.DeviceRegistry;

/// <summary>
/// A device that proved its secret: who it is, and a mark of the credentials it used. The mark changes when the device
/// is given new credentials (replaced), so a session opened with the old ones can be found and cut.
/// </summary>
public sealed record DeviceLogin(DeviceIdentity Identity, string Credential);
