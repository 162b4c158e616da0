using Hall.Contract.Downlink;
using Hall.Contract.Identity;

namespace Hall.CountyHub.Downlink;

/// <summary>
/// The hub's own ES256 key that signs every configuration bundle (<c>hub-signing.pem</c> in the data directory, made at
/// first start, readable by the hub's user only). Boxes hold its public part as <c>Sync:HubSigningKey</c>, printed by
/// <c>hallctl hub enroll</c>. The key file is handled as the box's own key is (one key-file owner, <see cref="BoxKey"/>).
/// </summary>
public sealed class HubSigningKey : IDisposable
{
    public const string FileName = "hub-signing.pem";

    private readonly BoxKey _key;

    private HubSigningKey(BoxKey key)
    {
        _key = key;
    }

    /// <summary>SubjectPublicKeyInfo, base 64: the value of the boxes' <c>Sync:HubSigningKey</c>.</summary>
    public string PublicKey => _key.PublicKey;

    public string KeyId => _key.KeyId;

    public static HubSigningKey LoadOrCreate(string dataDirectory) => new(BoxKey.LoadOrCreate(Path.Combine(dataDirectory, FileName)));

    /// <summary>The signed offer of <paramref name="bundleJson"/> for <paramref name="boxId"/>.</summary>
    public ConfigOffer Offer(string boxId, long version, string bundleJson)
    {
        ArgumentNullException.ThrowIfNull(bundleJson);
        var signed = ConfigSignature.SigningBytes(boxId, version, System.Text.Encoding.UTF8.GetBytes(bundleJson));
        return new ConfigOffer(version, bundleJson, _key.Sign(signed), KeyId);
    }

    /// <summary>The text of a signed enrollment ticket (<see cref="EnrollmentTickets"/>), for a technician to carry to the box.</summary>
    public string Ticket(EnrollmentTicket ticket) => EnrollmentTickets.Encode(ticket, bytes => _key.Sign(bytes));

    public void Dispose() => _key.Dispose();
}
