using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.Store;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Core.Tests;

public sealed class DeviceRegistryTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly DeviceRegistryService _registry;

    public DeviceRegistryTests() => _registry = new DeviceRegistryService(_db.Database, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    public void Dispose() => _db.Dispose();

    [Fact]
    public void An_enrolled_device_authenticates_with_its_secret_and_gets_its_role_and_counter()
    {
        var credentials = _registry.Enroll("caller-3", DeviceRole.Caller, "3");

        var who = _registry.Authenticate(credentials.Username, credentials.Password);

        Assert.Equal(new DeviceIdentity("caller-3", DeviceRole.Caller, "3"), who);
        Assert.Null(_registry.Authenticate(credentials.Username, credentials.Password + "x"));
        Assert.Null(_registry.Authenticate("nobody", credentials.Password));
        Assert.Null(_registry.Authenticate(null, null));
    }

    [Fact]
    public void The_secret_is_not_stored()
    {
        var credentials = _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(_db.Database.Path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain(credentials.Password, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Enrolling_twice_is_refused_unless_replacing_and_a_replaced_secret_stops_working()
    {
        var first = _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null);

        var refused = Assert.Throws<EnrollmentException>(() => _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null));
        Assert.Equal(ErrorCodes.DeviceExists, refused.Code);

        var second = _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null, replace: true);
        Assert.Null(_registry.Authenticate(first.Username, first.Password));
        Assert.NotNull(_registry.Authenticate(second.Username, second.Password));
    }

    [Fact]
    public void A_revoked_device_can_no_longer_connect()
    {
        var credentials = _registry.Enroll("display-1", DeviceRole.Display, null);

        Assert.True(_registry.Revoke("display-1"));

        Assert.Null(_registry.Authenticate(credentials.Username, credentials.Password));
        Assert.False(_registry.Revoke("display-1"));
        Assert.NotNull(_registry.List().Single().RevokedAt);
    }

    [Theory]
    [InlineData("Kiosk 1", DeviceRole.Kiosk, null, ErrorCodes.InvalidField)]
    [InlineData("caller-1", DeviceRole.Caller, null, ErrorCodes.MissingField)]
    [InlineData("evaluator-1", DeviceRole.Evaluator, "", ErrorCodes.MissingField)]
    [InlineData("kiosk-1", DeviceRole.Kiosk, "3", ErrorCodes.InvalidField)]
    [InlineData("caller-1", DeviceRole.Caller, "3/4", ErrorCodes.InvalidField)]
    public void Bad_enrollments_are_refused_with_a_code_and_change_nothing(string id, DeviceRole role, string? counter, string code)
    {
        var refused = Assert.Throws<EnrollmentException>(() => _registry.Enroll(id, role, counter));

        Assert.Equal(code, refused.Code);
        Assert.Empty(_registry.List());
    }

    [Fact]
    public void Enrollment_and_revocation_go_to_the_outbox_for_the_county()
    {
        _registry.Enroll("kiosk-1", DeviceRole.Kiosk, null);
        _registry.Revoke("kiosk-1");

        using var connection = _db.Database.Open();
        Assert.Equal(2, Outbox.Count(connection));
    }

    [Fact]
    public void A_device_enrolled_under_a_known_village_point_carries_it_and_an_unknown_one_is_refused_with_the_known_ones_named()
    {
        _registry.SaveVillage("v-dz", "东庄村便民服务代办点", ["A-SB-001", " ", "A-SB-001"]);

        var kiosk = _registry.Enroll("kiosk-dz", DeviceRole.Kiosk, null, village: "v-dz");
        var refused = Assert.Throws<EnrollmentException>(() => _registry.Enroll("kiosk-x", DeviceRole.Kiosk, null, village: "v-nowhere"));

        Assert.Equal("v-dz", kiosk.Village);
        Assert.Equal("v-dz", _registry.Authenticate(kiosk.Username, kiosk.Password)!.Village);
        Assert.Equal(ErrorCodes.UnknownVillage, refused.Code);
        Assert.Contains("v-dz(东庄村便民服务代办点)", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_registry.List(), d => d.DeviceId == "kiosk-x");
        Assert.Equal(["A-SB-001"], _registry.Villages().Single().Items);
    }

    [Fact]
    public void The_countys_list_replaces_the_local_one_and_a_device_of_a_removed_point_keeps_its_village()
    {
        _registry.SaveVillage("v-old", "旧村代办点", []);
        var kiosk = _registry.Enroll("kiosk-old", DeviceRole.Kiosk, null, village: "v-old");

        using (var connection = _db.Database.Open())
        using (var write = _db.Database.BeginWrite(connection))
        {
            VillagePointStore.ReplaceWithCountyList(connection, write.Transaction, [new("v-dz", "东庄村便民服务代办点", ["A-SB-001"])], DateTimeOffset.UnixEpoch);
            write.Transaction.Commit();
        }

        Assert.Equal(["v-dz"], _registry.Villages().Select(v => v.Id));
        Assert.Equal("v-old", _registry.Authenticate(kiosk.Username, kiosk.Password)!.Village);
        Assert.Equal(ErrorCodes.UnknownVillage, Assert.Throws<EnrollmentException>(() => _registry.Enroll("kiosk-2", DeviceRole.Kiosk, null, village: "v-old")).Code);
    }
}
