using System.Security.Cryptography;
using Hall.Contract;
using Hall.Store;

namespace Hall.DeviceRegistry;

/// <summary>
/// Web devices: the web kiosk, the rating tablet and the counter page, enrolled like MQTT devices (bound to a role and a
/// counter, revocable) but holding a browser cookie instead of a password. Enrollment gives a one-time setup code; the
/// device's browser opens <c>/setup/{code}</c> once and receives <c>{deviceId}.{token}</c> as its cookie. The box keeps
/// only hashes of the code and the token, and reads the row on every request, so a revoke or a replace refuses the
/// very next request.
/// </summary>
public sealed partial class DeviceRegistryService
{
    /// <summary>How long an unused setup link works: the technician opens it on the spot, the same day.</summary>
    public static readonly TimeSpan SetupLifetime = TimeSpan.FromHours(24);

    private const int SetupCodeBytes = 20;

    /// <summary>The roles a browser can take: the web kiosk, the counter page (a caller) and the rating tablet.</summary>
    public static bool MayBeWeb(DeviceRole role) => role is DeviceRole.Kiosk or DeviceRole.Caller or DeviceRole.Evaluator;

    /// <summary>Enrolls a web device (or, with <paramref name="replace"/>, gives it a new setup code: its old cookie stops working at once).</summary>
    public DeviceCredentials EnrollWeb(string deviceId, DeviceRole role, string? counter, bool replace = false, string? note = null, string? village = null)
    {
        Validate(deviceId, role, counter);
        if (!MayBeWeb(role))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, $"设备类型 {RoleName(role)} 不能登记为网页设备:--web 只用于 kiosk(网页取号机)、evaluator(评价平板)和 caller(窗口页面)");
        }

        village = string.IsNullOrWhiteSpace(village) ? null : village.Trim();
        var code = Base64Url(RandomNumberGenerator.GetBytes(SetupCodeBytes));

        // Until the setup link is opened no cookie matches: the token hash is of a random value nobody holds.
        var salt = RandomNumberGenerator.GetBytes(16);
        var unusable = Hash(salt, Base64Url(RandomNumberGenerator.GetBytes(SecretBytes)));
        var now = _time.GetUtcNow();
        var expires = now + SetupLifetime;

        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        var existing = CheckEnrollment(connection, tx, deviceId, village, replace);
        WebDeviceStore.Save(connection, tx, new WebDeviceRow(deviceId, RoleName(role), counter, salt, unusable, note, village), SetupHash(code), expires, now);
        Outbox.Append(tx, "DeviceEnrolled", HallJson.SerializeToString(new { ts = now, deviceId, role = RoleName(role), counter, village, replaced = existing is not null, web = true }), now);
        tx.Commit();
        return new DeviceCredentials(deviceId, RoleName(role), counter, deviceId, string.Empty)
        {
            Village = village,
            SetupPath = "/setup/" + code,
            SetupExpiresAt = expires,
        };
    }

    /// <summary>
    /// Uses a setup code once: the device's new cookie value and who it is. Refused (<c>setup-link-invalid</c>) when the
    /// code is unknown, already used, expired, or its device revoked.
    /// </summary>
    public WebDeviceCookie CompleteSetup(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 64)
        {
            throw SetupInvalid();
        }

        var setup = SetupHash(code);
        var token = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(16);
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        if (WebDeviceStore.FindBySetup(connection, tx, setup) is not { } found || found.Expires <= now
            || !WebDeviceStore.CompleteSetup(connection, tx, found.Device.DeviceId, setup, salt, Hash(salt, token)))
        {
            throw SetupInvalid();
        }

        Outbox.Append(tx, "WebDeviceSetUp", HallJson.SerializeToString(new { ts = now, deviceId = found.Device.DeviceId }), now);
        tx.Commit();
        return new WebDeviceCookie(found.Device, found.Device.DeviceId + "." + token);
    }

    /// <summary>Who the browser holding <paramref name="cookie"/> is; null for a missing, forged, replaced or revoked one.</summary>
    public DeviceIdentity? AuthenticateWeb(string? cookie)
    {
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (cookie is null || dot <= 0 || dot == cookie.Length - 1 || cookie.Length > 200)
        {
            return null;
        }

        var deviceId = cookie[..dot];
        using var connection = _database.Open();
        return WebDeviceStore.FindActive(connection, deviceId) is { } device
            && CryptographicOperations.FixedTimeEquals(device.Hash, Hash(device.Salt, cookie[(dot + 1)..]))
            ? device.Device
            : null;
    }

    // Setup codes are 160 random bits: an unsalted SHA-256 is enough, and lets the code be found by its hash.
    private static byte[] SetupHash(string code) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code));

    private static EnrollmentException SetupInvalid() =>
        new(ErrorCodes.SetupLinkInvalid, "设置链接无效:它已被使用过、已过期,或设备已被吊销。请技术员重新登记本设备,再在本设备上打开新的设置链接。");
}
