using System.Text;
using System.Text.Json;

namespace Hall.Contract.Identity;

/// <summary>
/// The text form of an enrollment ticket and its check, plain code with no I/O. The text is
/// <c>HT1.{payload}.{signature}</c>: the payload is the ticket's JSON (UTF-8, base64url), the signature ES256 by the
/// county hub's signing key (<c>hub-signing.pem</c>, base64url, IEEE P1363) over <c>hall-enroll-v1\n</c> followed by the
/// payload's exact bytes. The prefix in what is signed keeps a ticket signature from passing for a configuration
/// signature (which signs <c>hall-config-v1\n…</c>) and back. Short enough for a QR code on paper.
/// </summary>
public static class EnrollmentTickets
{
    public const string Prefix = "HT1.";

    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("hall-enroll-v1\n");

    /// <summary>The ticket's text, signed by <paramref name="signBase64"/> (e.g. the hub's key: ES256, base 64).</summary>
    public static string Encode(EnrollmentTicket ticket, Func<byte[], string> signBase64)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(signBase64);
        var payload = HallJson.Serialize(ticket);
        var signature = Convert.FromBase64String(signBase64(SigningBytes(payload)));
        return Prefix + Base64Url(payload) + "." + Base64Url(signature);
    }

    /// <summary>
    /// Checks a ticket for this box at <paramref name="now"/>: its form, the county's signature
    /// (<paramref name="hubPublicKey"/>, the box's <c>Sync:HubSigningKey</c>), the box and the expiry. Single use is the
    /// store's part (the redeemed ids are kept with the device's enrollment, in one transaction).
    /// </summary>
    public static TicketCheck Verify(string? text, string boxId, string? hubPublicKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(boxId);
        var parts = (text ?? string.Empty).Trim().Split('.');
        if (parts.Length != 3 || parts[0] + "." != Prefix
            || FromBase64Url(parts[1]) is not { Length: > 0 } payload || FromBase64Url(parts[2]) is not { Length: > 0 } signature)
        {
            return TicketCheck.Refused(ErrorCodes.TicketMalformed, "这不是一张设备登记票(应以 HT1. 开头,由县级中心 hallctl hub ticket 打印);请重新扫描或拷贝整张票");
        }

        if (string.IsNullOrWhiteSpace(hubPublicKey))
        {
            return TicketCheck.Refused(ErrorCodes.TicketNoCountyKey, "本盒子没有设置县级中心的签名公钥(Sync:HubSigningKey),无法确认登记票来自县级中心;请先用 hallctl box init 写入 hallctl hub enroll 打印的值");
        }

        if (!BoxKey.Verify(SigningBytes(payload), Convert.ToBase64String(signature), hubPublicKey))
        {
            return TicketCheck.Refused(ErrorCodes.TicketBadSignature, "登记票的签名与本县县级中心的签名公钥不符(票被改动过,或不是本县开的票),未登记任何设备;请向县级中心重新申请");
        }

        EnrollmentTicket? ticket;
        try
        {
            ticket = HallJson.Deserialize<EnrollmentTicket>(payload);
        }
        catch (JsonException)
        {
            ticket = null;
        }

        if (ticket is null || string.IsNullOrWhiteSpace(ticket.TicketId))
        {
            return TicketCheck.Refused(ErrorCodes.TicketMalformed, "登记票的内容无法读取(县级中心的程序版本不符?);请向县级中心重新申请");
        }

        if (!string.Equals(ticket.BoxId, boxId, StringComparison.Ordinal))
        {
            return TicketCheck.Refused(ErrorCodes.TicketWrongBox, $"这张登记票是开给 {ticket.BoxId} 的,本盒子是 {boxId};请拿到对应的大厅使用,或向县级中心申请本大厅的票");
        }

        if (now >= ticket.ExpiresAt)
        {
            return TicketCheck.Refused(ErrorCodes.TicketExpired, $"登记票已于 {ticket.ExpiresAt:yyyy-MM-dd HH:mm} 过期(UTC{ticket.ExpiresAt:zzz});请向县级中心重新申请");
        }

        return new TicketCheck(ticket, null, null);
    }

    private static byte[] SigningBytes(byte[] payload) => [.. Domain, .. payload];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
