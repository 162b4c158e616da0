using System.Globalization;
using System.Security.Cryptography;

namespace Hall.Contract.Identity;

/// <summary>
/// PBKDF2-SHA256 with a random salt, stored as <c>pbkdf2-sha256$iterations$salt$hash</c> so the
/// iteration count can be raised later without invalidating existing PINs and passwords. One hasher for the box's
/// staff and the county hub's users.
/// </summary>
public static class SecretHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string secret, int iterations)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string secret, string? stored, int fallbackIterations)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var iterationText, var saltText, var hashText]
            || !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            // Spend the same time as a real check, so a missing account is not told apart by timing.
            Rfc2898DeriveBytes.Pbkdf2(secret, new byte[SaltBytes], fallbackIterations, HashAlgorithmName.SHA256, HashBytes);
            return false;
        }

        var expected = Convert.FromBase64String(hashText);
        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, Convert.FromBase64String(saltText), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
