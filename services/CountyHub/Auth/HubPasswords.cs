namespace Hall.CountyHub.Auth;

/// <summary>What makes a county staff password acceptable: a message a person can act on, or null.</summary>
public static class HubPasswords
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "12345678", "123456789", "1234567890", "87654321", "password", "password1", "passw0rd", "admin123", "admin1234",
        "administrator", "abcd1234", "abc12345", "a1234567", "qwertyui", "qwerty123", "1qaz2wsx", "iloveyou", "woaini520",
        "woaini1314", "88888888", "66666666", "11111111", "00000000", "12341234", "11223344", "123123123", "asdfghjk",
    };

    public static string? Problem(string? password, string? userId)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            return $"密码至少 {MinLength} 个字符。";
        }

        if (password.Length > MaxLength)
        {
            return $"密码最多 {MaxLength} 个字符。";
        }

        if (string.IsNullOrWhiteSpace(password) || password.All(c => c == password[0]))
        {
            return "密码不能全是同一个字符,请换一个。";
        }

        if (Common.Contains(password) || (!string.IsNullOrEmpty(userId) && password.Contains(userId, StringComparison.OrdinalIgnoreCase) && password.Length < userId.Length + 4))
        {
            return "密码太常见或与账号相近,请换一个。";
        }

        return null;
    }
}
