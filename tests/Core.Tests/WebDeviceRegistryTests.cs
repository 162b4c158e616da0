using Hall.Contract;
using Hall.DeviceRegistry;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Core.Tests;

/// <summary>Web devices in the registry: a one-time setup code that expires, a cookie the box keeps only hashed.</summary>
public sealed class WebDeviceRegistryTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly DeviceRegistryService _registry;

    public WebDeviceRegistryTests() => _registry = new DeviceRegistryService(_db.Database, _time);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_setup_code_works_once_and_gives_a_cookie_bound_to_the_role_and_counter()
    {
        var enrolled = _registry.EnrollWeb("tablet-3", DeviceRole.Evaluator, "3");
        var code = enrolled.SetupPath!["/setup/".Length..];

        var cookie = _registry.CompleteSetup(code);

        Assert.Equal(new DeviceIdentity("tablet-3", DeviceRole.Evaluator, "3"), _registry.AuthenticateWeb(cookie.Value));
        Assert.Equal(ErrorCodes.SetupLinkInvalid, Assert.Throws<EnrollmentException>(() => _registry.CompleteSetup(code)).Code);
        Assert.Null(_registry.AuthenticateWeb(cookie.Value + "x"));
        Assert.Null(_registry.AuthenticateWeb("tablet-3"));
        Assert.Null(_registry.AuthenticateWeb(null));

        // A web device's cookie is no MQTT password, and neither code nor token is stored.
        Assert.Null(_registry.Authenticate("tablet-3", cookie.Value[(cookie.Value.IndexOf('.', StringComparison.Ordinal) + 1)..]));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var text = System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(_db.Database.Path));
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(cookie.Value.Split('.')[1], text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_code_or_a_revoked_device_sets_nothing_up_and_a_revoke_or_replace_ends_the_cookie()
    {
        var late = _registry.EnrollWeb("kiosk-web", DeviceRole.Kiosk, null);
        _time.Advance(DeviceRegistryService.SetupLifetime);
        Assert.Equal(ErrorCodes.SetupLinkInvalid, Assert.Throws<EnrollmentException>(() => _registry.CompleteSetup(late.SetupPath!["/setup/".Length..])).Code);

        var revoked = _registry.EnrollWeb("kiosk-web", DeviceRole.Kiosk, null, replace: true);
        Assert.True(_registry.Revoke("kiosk-web"));
        Assert.Throws<EnrollmentException>(() => _registry.CompleteSetup(revoked.SetupPath!["/setup/".Length..]));

        var fresh = _registry.EnrollWeb("kiosk-web", DeviceRole.Kiosk, null, replace: true);
        var cookie = _registry.CompleteSetup(fresh.SetupPath!["/setup/".Length..]);
        Assert.NotNull(_registry.AuthenticateWeb(cookie.Value));
        _registry.EnrollWeb("kiosk-web", DeviceRole.Kiosk, null, replace: true);
        Assert.Null(_registry.AuthenticateWeb(cookie.Value));
    }

    [Fact]
    public void Only_a_kiosk_tablet_or_counter_page_can_be_a_web_device()
    {
        var refused = Assert.Throws<EnrollmentException>(() => _registry.EnrollWeb("display-web", DeviceRole.Display, null));
        Assert.Equal(ErrorCodes.InvalidField, refused.Code);
        Assert.Equal(ErrorCodes.MissingField, Assert.Throws<EnrollmentException>(() => _registry.EnrollWeb("tablet-x", DeviceRole.Evaluator, null)).Code);
        Assert.Empty(_registry.List());
    }
}
