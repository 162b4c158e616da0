using System.Security.Cryptography.X509Certificates;
using Hall.Contract.Tls;

namespace Hall.Devices.Tests;

/// <summary>The box's own certificate: made once, its key private, kept across restarts, naming the hall's addresses.</summary>
public sealed class BoxCertificateTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-cert-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_first_start_makes_a_private_key_and_later_starts_keep_the_same_certificate()
    {
        using var first = BoxCertificate.LoadOrCreate(_directory, ["192.168.10.2", "hall-box.local"], TimeProvider.System);
        using var again = BoxCertificate.LoadOrCreate(_directory, [], TimeProvider.System);

        Assert.True(first.HasPrivateKey);
        Assert.Equal(BoxCertificate.Fingerprint(first), BoxCertificate.Fingerprint(again));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, BoxCertificate.KeyFile)));
        }

        var names = first.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("hall-box.local", names.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Parse("192.168.10.2"), names.EnumerateIPAddresses());
        Assert.Contains(System.Net.IPAddress.Loopback, names.EnumerateIPAddresses());
    }

    [Fact]
    public void A_fingerprint_matches_its_certificate_however_it_is_written_and_no_other()
    {
        using var box = BoxCertificate.LoadOrCreate(Path.Combine(_directory, "box"), [], TimeProvider.System);
        using var other = BoxCertificate.LoadOrCreate(Path.Combine(_directory, "other"), [], TimeProvider.System);
        var hex = BoxCertificate.Fingerprint(box);
        var colons = string.Join(':', Enumerable.Range(0, 32).Select(i => hex.Substring(i * 2, 2))).ToUpperInvariant();

        Assert.Matches("^[0-9a-f]{64}$", hex);
        Assert.True(SelfSignedCertificate.Matches(box, hex));
        Assert.True(SelfSignedCertificate.Matches(box, colons));
        Assert.False(SelfSignedCertificate.Matches(other, hex));
        Assert.False(SelfSignedCertificate.Matches(box, null));
        Assert.False(SelfSignedCertificate.Matches(null, hex));
    }
}
