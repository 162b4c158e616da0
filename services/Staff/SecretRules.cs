namespace Hall.Staff;

/// <summary>What makes a PIN or an admin password acceptable. Returns a message a person can act on, or null.</summary>
public static class SecretRules
{
    public const int MinPinLength = 4;
    public const int MaxPinLength = 8;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    private static readonly HashSet<string> CommonPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "12345678", "123456789", "1234567890", "87654321", "password", "password1", "passw0rd", "admin123", "admin1234",
        "administrator", "abcd1234", "abc12345", "a1234567", "qwertyui", "qwerty123", "1qaz2wsx", "iloveyou", "woaini520",
        "woaini1314", "88888888", "66666666", "11111111", "00000000", "12341234", "11223344", "123123123", "asdfghjk",
    };

    public static string? PinProblem(string? pin)
    {
        if (string.IsNullOrEmpty(pin) || pin.Length is < MinPinLength or > MaxPinLength || !pin.All(char.IsAsciiDigit))
        {
            return $"PIN 须为 {MinPinLength}–{MaxPinLength} 位数字 (the PIN must be {MinPinLength}–{MaxPinLength} digits).";
        }

        if (pin.All(c => c == pin[0]))
        {
            return "PIN 不能全是同一个数字 (the PIN must not repeat one digit).";
        }

        if (IsRun(pin, 1) || IsRun(pin, -1))
        {
            return "PIN 不能是连续数字,如 1234 或 4321 (the PIN must not be a run like 1234).";
        }

        return null;
    }

    public static string? PasswordProblem(string? password, string? staffId)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            return $"密码至少 {MinPasswordLength} 个字符 (the password needs at least {MinPasswordLength} characters).";
        }

        if (password.Length > MaxPasswordLength)
        {
            return $"密码最多 {MaxPasswordLength} 个字符 (at most {MaxPasswordLength} characters).";
        }

        if (string.IsNullOrWhiteSpace(password) || password.All(c => c == password[0]))
        {
            return "密码不能全是同一个字符 (the password must not repeat one character).";
        }

        if (CommonPasswords.Contains(password) || (staffId is not null && password.Contains(staffId, StringComparison.OrdinalIgnoreCase) && password.Length < staffId.Length + 4))
        {
            return "密码太常见或与工号相近,请换一个 (the password is too common or too close to the staff id).";
        }

        return null;
    }

    private static bool IsRun(string digits, int step)
    {
        for (var i = 1; i < digits.Length; i++)
        {
            if (digits[i] - digits[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }
}
