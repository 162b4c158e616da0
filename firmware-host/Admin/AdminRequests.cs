namespace Hall.FirmwareHost.Admin;

/// <summary>POST /admin/api/login.</summary>
internal sealed record LoginRequest(string? StaffId, string? Password);

/// <summary>POST /admin/api/staff/{id}/pin.</summary>
internal sealed record PinRequest(string? Pin);

/// <summary>POST /admin/api/staff/{id}/password; null or empty clears it.</summary>
internal sealed record PasswordRequest(string? Password);

/// <summary>POST /admin/api/devices; <c>Web</c>: a browser device (web kiosk, rating tablet, counter page) that gets a setup link.</summary>
internal sealed record EnrollRequest(string? DeviceId, string? Role, string? Counter, bool Replace, string? Note, string? Village = null, bool Web = false);

/// <summary>POST /admin/api/cases/{id}/callback, /rectify and /close: what was done.</summary>
internal sealed record CaseNoteRequest(string? Note);

/// <summary>POST /admin/api/cases/{id}/appeal: mistaken (误评) or malicious (恶意差评), and why.</summary>
internal sealed record CaseAppealRequest(string? Kind, string? Note);

/// <summary>POST /admin/api/ratings/staff-entry: a rating the duty manager enters on the person's behalf.</summary>
internal sealed record StaffEntryRequest(string? Counter, string? TicketNo, int? Level, IReadOnlyList<string>? Reasons, string? Comment, string? RequestId);
