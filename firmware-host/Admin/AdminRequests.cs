namespace Hall.FirmwareHost.Admin;

/// <summary>POST /admin/api/login.</summary>
internal sealed record LoginRequest(string? StaffId, string? Password);

/// <summary>POST /admin/api/staff/{id}/pin.</summary>
internal sealed record PinRequest(string? Pin);

/// <summary>POST /admin/api/staff/{id}/password; null or empty clears it.</summary>
internal sealed record PasswordRequest(string? Password);

/// <summary>POST /admin/api/devices.</summary>
internal sealed record EnrollRequest(string? DeviceId, string? Role, string? Counter, bool Replace, string? Note);
