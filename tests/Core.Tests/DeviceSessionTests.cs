using Hall.Contract;
using Hall.DeviceRegistry;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Core.Tests;

/// <summary>What the broker relies on to keep sessions honest: client id ownership, credential marks, the change mark.</summary>
public sealed class DeviceSessionTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly DeviceRegistryService _registry;

    public DeviceSessionTests() => _registry = new DeviceRegistryService(_db.Database, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("caller-1", "caller-1", true)]
    [InlineData("caller-1", "caller-1-sub", true)]
    [InlineData("caller-1", "caller-1-", false)]
    [InlineData("caller-1", "caller-2", false)]
    [InlineData("caller-1", "caller-10", false)]
    [InlineData("caller-1", "Caller-1", false)]
    [InlineData("caller-1", "kiosk-1", false)]
    [InlineData("caller-1", "", false)]
    public void A_client_id_has_the_shape_of_a_device_only_when_it_is_the_id_or_the_id_and_a_suffix(string deviceId, string clientId, bool owned) =>
        Assert.Equal(owned, ClientIdRule.HasShapeOf(deviceId, clientId));

    [Fact]
    public void When_enrolled_ids_nest_a_client_id_belongs_to_the_longest_one()
    {
        string[] enrolled = ["caller", "caller-1", "kiosk-1"];

        Assert.Equal("caller-1", ClientIdRule.Owner("caller-1-x", enrolled));
        Assert.False(ClientIdRule.MayUse("caller", "caller-1", enrolled));
        Assert.False(ClientIdRule.MayUse("caller", "caller-1-x", enrolled));
        Assert.True(ClientIdRule.MayUse("caller", "caller-2", enrolled));
        Assert.True(ClientIdRule.MayUse("caller-1", "caller-1-x", enrolled));
        Assert.False(ClientIdRule.MayUse("kiosk-1", new string('k', 200), enrolled));
    }

    [Fact]
    public void The_registry_refuses_another_enrolled_devices_id_even_a_revoked_ones()
    {
        _registry.Enroll("caller", DeviceRole.Caller, "1");
        _registry.Enroll("caller-1", DeviceRole.Caller, "1");
        _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null);
        _registry.Revoke("kiosk-1");

        Assert.True(_registry.MayUseClientId("caller", "caller-abc"));
        Assert.False(_registry.MayUseClientId("caller", "caller-1"));
        Assert.False(_registry.MayUseClientId("caller", "caller-1-abc"));
        Assert.False(_registry.MayUseClientId("caller", "kiosk-1"));
        Assert.False(_registry.MayUseClientId("caller", "CALLER-1"));
        Assert.True(_registry.MayUseClientId("caller-1", "caller-1"));
    }

    [Fact]
    public void Every_write_to_the_devices_table_moves_the_change_mark_whoever_writes_it()
    {
        var before = _registry.ChangeMark();
        _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null);
        var enrolled = _registry.ChangeMark();

        // Another process (hallctl) or a hand-edit of the store: a bare UPDATE, no registry code at all.
        using (var connection = _db.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE devices SET revoked_at = '2026-11-23T01:00:00Z' WHERE device_id = 'kiosk-1'";
            command.ExecuteNonQuery();
        }

        var revoked = _registry.ChangeMark();
        var unchanged = _registry.ChangeMark();

        Assert.True(enrolled > before);
        Assert.True(revoked > enrolled);
        Assert.Equal(revoked, unchanged);
        Assert.Empty(_registry.ActiveCredentials());
    }

    [Fact]
    public void A_replaced_device_has_a_new_credential_mark_and_its_old_session_is_cut()
    {
        var first = _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null);
        var caller = _registry.Enroll("caller-1", DeviceRole.Caller, "1");
        var oldLogin = _registry.Login(first.Username, first.Password)!;
        var callerLogin = _registry.Login(caller.Username, caller.Password)!;
        var changes = 0;
        _registry.Changed += (_, _) => changes++;

        var second = _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null, replace: true);
        var newLogin = _registry.Login(second.Username, second.Password)!;

        Assert.Equal(1, changes);
        Assert.NotEqual(oldLogin.Credential, newLogin.Credential);
        var cut = SessionSweep.ToCut(
            [new("kiosk-1-old", "kiosk-1", oldLogin.Credential), new("kiosk-1-new", "kiosk-1", newLogin.Credential), new("caller-1", "caller-1", callerLogin.Credential)],
            _registry.ActiveCredentials());
        Assert.Equal(["kiosk-1-old"], cut);
    }

    [Fact]
    public void A_revoked_device_loses_every_session_and_the_registry_says_so_in_process()
    {
        var kiosk = _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null);
        var login = _registry.Login(kiosk.Username, kiosk.Password)!;
        var changes = 0;
        _registry.Changed += (_, _) => changes++;

        _registry.Revoke("kiosk-1");
        _registry.Revoke("kiosk-1");

        Assert.Equal(1, changes);
        Assert.Null(_registry.Login(kiosk.Username, kiosk.Password));
        Assert.Equal(["a", "b"], SessionSweep.ToCut([new("a", "kiosk-1", login.Credential), new("b", "kiosk-1", login.Credential)], _registry.ActiveCredentials()));
    }
}
