using System.Globalization;
using Hall.Contract;
using Hall.DeviceRegistry;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Core.Tests;

/// <summary>A unit replaced in the field: the new one takes over the old one's place, the old one stops working, each keeps its own history.</summary>
public sealed class DeviceReplaceTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly DeviceRegistryService _registry;

    public DeviceReplaceTests() => _registry = new DeviceRegistryService(_db.Database, new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T02:00:00Z", CultureInfo.InvariantCulture)));

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_new_device_takes_the_old_ones_role_and_counter_and_the_old_one_is_revoked()
    {
        var old = _registry.Enroll("evaluator-2", DeviceRole.Evaluator, "2");

        var replacement = _registry.Replace("evaluator-2", "evaluator-2b");

        Assert.Equal(new DeviceIdentity("evaluator-2b", DeviceRole.Evaluator, "2"), _registry.Authenticate(replacement.Username, replacement.Password));
        Assert.Null(_registry.Authenticate(old.Username, old.Password));
        var list = _registry.List();
        Assert.Equal("evaluator-2b", list.Single(d => d.DeviceId == "evaluator-2").ReplacedBy);
        Assert.NotNull(list.Single(d => d.DeviceId == "evaluator-2").RevokedAt);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM outbox WHERE type = 'DeviceReplaced'"));
    }

    [Fact]
    public void Replacing_an_unknown_device_or_onto_a_used_id_changes_nothing()
    {
        var a = _registry.Enroll("caller-1", DeviceRole.Caller, "1");
        var b = _registry.Enroll("caller-2", DeviceRole.Caller, "2");

        Assert.Equal(ErrorCodes.UnknownDevice, Assert.Throws<EnrollmentException>(() => _registry.Replace("caller-9", "caller-9b")).Code);
        Assert.Equal(ErrorCodes.DeviceExists, Assert.Throws<EnrollmentException>(() => _registry.Replace("caller-1", "caller-2")).Code);
        Assert.Equal(ErrorCodes.InvalidField, Assert.Throws<EnrollmentException>(() => _registry.Replace("caller-1", "caller-1")).Code);

        Assert.NotNull(_registry.Authenticate(a.Username, a.Password));
        Assert.NotNull(_registry.Authenticate(b.Username, b.Password));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM device_replacements"));
    }
}
