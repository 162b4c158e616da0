using System.Globalization;
using System.Text;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.Contract.Identity;
using Hall.CountyHub.Downlink;
using Hall.DeviceRegistry;
using Microsoft.Extensions.Time.Testing;

namespace Hall.Core.Tests;

/// <summary>
/// A county's enrollment ticket checked by an offline box: only a ticket that this box's county signed for this box,
/// unexpired and never used, enrolls a device; every other one is refused with its code and changes nothing.
/// </summary>
public sealed class EnrollmentTicketTests : IDisposable
{
    private static readonly DateTimeOffset Issued = DateTimeOffset.Parse("2026-12-01T02:00:00Z", CultureInfo.InvariantCulture);
    private readonly string _hubDirectory = Path.Combine(Path.GetTempPath(), "hall-hubkey-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly HubSigningKey _county;
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Issued.AddHours(1));
    private readonly DeviceRegistryService _registry;

    public EnrollmentTicketTests()
    {
        _county = HubSigningKey.LoadOrCreate(_hubDirectory);
        _registry = new DeviceRegistryService(_db.Database, _time);
    }

    public void Dispose()
    {
        _county.Dispose();
        _db.Dispose();
        Directory.Delete(_hubDirectory, recursive: true);
    }

    [Fact]
    public void A_good_ticket_enrolls_the_device_it_names_which_then_authenticates()
    {
        var check = Check(Issue());

        Assert.True(check.Ok, check.Message);
        var credentials = _registry.EnrollWithTicket(check.Ticket!);

        Assert.Equal(new DeviceIdentity("caller-3", DeviceRole.Caller, "3"), _registry.Authenticate(credentials.Username, credentials.Password));
    }

    [Fact]
    public void The_ticket_carries_no_secret()
    {
        var text = Issue();
        var credentials = _registry.EnrollWithTicket(Check(text).Ticket!);

        Assert.DoesNotContain(credentials.Password, Encoding.UTF8.GetString(Payload(text)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_ticket_is_refused_and_enrolls_nothing()
    {
        var text = Issue();

        // Another counter written into the signed payload: the signature no longer holds.
        var payload = Encoding.UTF8.GetString(Payload(text)).Replace("\"counter\":\"3\"", "\"counter\":\"9\"", StringComparison.Ordinal);
        var parts = text.Split('.');
        var tampered = $"{parts[0]}.{Base64Url(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        var check = Check(tampered);

        Assert.Equal(ErrorCodes.TicketBadSignature, check.Code);
        Assert.Contains("签名", check.Message, StringComparison.Ordinal);
        Assert.Empty(_registry.List());
    }

    [Fact]
    public void A_ticket_signed_by_another_county_is_refused()
    {
        var otherDirectory = _hubDirectory + "-other";
        using (var other = HubSigningKey.LoadOrCreate(otherDirectory))
        {
            var check = Check(other.Ticket(Ticket()));
            Assert.Equal(ErrorCodes.TicketBadSignature, check.Code);
        }

        Directory.Delete(otherDirectory, recursive: true);
    }

    [Fact]
    public void An_expired_ticket_is_refused()
    {
        var text = Issue();
        _time.Advance(TimeSpan.FromHours(72));

        var check = Check(text);

        Assert.Equal(ErrorCodes.TicketExpired, check.Code);
        Assert.Contains("过期", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_for_another_box_is_refused()
    {
        var check = EnrollmentTickets.Verify(Issue(), "t2", _county.PublicKey, _time.GetUtcNow());

        Assert.Equal(ErrorCodes.TicketWrongBox, check.Code);
        Assert.Contains("t1", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_box_without_its_countys_key_refuses_every_ticket()
    {
        var check = EnrollmentTickets.Verify(Issue(), "t1", hubPublicKey: null, _time.GetUtcNow());

        Assert.Equal(ErrorCodes.TicketNoCountyKey, check.Code);
        Assert.Contains("Sync:HubSigningKey", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("caller-3")]
    [InlineData("HT1.")]
    [InlineData("HT1.!!!.???")]
    [InlineData("HT2.eyJ9.AAAA")]
    public void What_is_not_a_ticket_is_refused_as_malformed(string text)
    {
        Assert.Equal(ErrorCodes.TicketMalformed, Check(text).Code);
    }

    [Fact]
    public void A_configuration_signature_does_not_pass_for_a_ticket()
    {
        // The county signs configuration bundles with the same key; what it signs is prefixed differently.
        var offer = _county.Offer("t1", 1, HallJson.SerializeToString(Ticket()));
        var forged = $"{EnrollmentTickets.Prefix}{Base64Url(Encoding.UTF8.GetBytes(offer.Bundle))}.{Base64Url(Convert.FromBase64String(offer.Signature))}";

        Assert.Equal(ErrorCodes.TicketBadSignature, Check(forged).Code);
        Assert.True(ConfigSignature.Verify(offer, "t1", _county.PublicKey));
    }

    [Fact]
    public void A_second_use_is_refused_and_the_first_devices_credentials_keep_working()
    {
        var ticket = Check(Issue()).Ticket!;
        var first = _registry.EnrollWithTicket(ticket);

        var error = Assert.Throws<EnrollmentException>(() => _registry.EnrollWithTicket(ticket));

        Assert.Equal(ErrorCodes.TicketUsed, error.Code);
        Assert.NotNull(_registry.Authenticate(first.Username, first.Password));
        Assert.Single(_registry.List());
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM enrollment_tickets"));
    }

    [Fact]
    public void A_ticket_for_an_id_already_enrolled_is_refused_unless_it_allows_replacing_and_stays_unused()
    {
        var existing = _registry.Enroll("caller-3", DeviceRole.Caller, "3");
        var ticket = Check(Issue()).Ticket!;

        var error = Assert.Throws<EnrollmentException>(() => _registry.EnrollWithTicket(ticket));

        Assert.Equal(ErrorCodes.DeviceExists, error.Code);
        Assert.NotNull(_registry.Authenticate(existing.Username, existing.Password));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM enrollment_tickets"));

        var replacing = Check(_county.Ticket(Ticket() with { TicketId = "t-replace", Replace = true })).Ticket!;
        var replaced = _registry.EnrollWithTicket(replacing);
        Assert.Null(_registry.Authenticate(existing.Username, existing.Password));
        Assert.NotNull(_registry.Authenticate(replaced.Username, replaced.Password));
    }

    private string Issue() => _county.Ticket(Ticket());

    private TicketCheck Check(string text) => EnrollmentTickets.Verify(text, "t1", _county.PublicKey, _time.GetUtcNow());

    private static EnrollmentTicket Ticket() => new()
    {
        TicketId = "ticket-1",
        BoxId = "t1",
        Role = "caller",
        DeviceId = "caller-3",
        Counter = "3",
        IssuedAt = Issued,
        ExpiresAt = Issued.AddHours(72),
    };

    private static byte[] Payload(string text)
    {
        var part = text.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
