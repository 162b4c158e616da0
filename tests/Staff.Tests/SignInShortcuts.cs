namespace Hall.Staff.Tests;

/// <summary>Sign-ins from one keypad ("device:test"), for tests about accounts rather than about who is trying.</summary>
internal static class SignInShortcuts
{
    public const string Keypad = "device:test";

    public static async ValueTask<string?> VerifyPinAsync(this StaffDirectory directory, string staffId, string pin, CancellationToken cancellationToken) =>
        (await directory.CheckPinAsync(staffId, pin, Keypad, cancellationToken)).Name;

    public static ValueTask<SignInResult> SignInWithPinAsync(this StaffDirectory directory, string? staffId, string? pin, CancellationToken cancellationToken) =>
        directory.SignInWithPinAsync(staffId, pin, Keypad, cancellationToken);

    public static ValueTask<SignInResult> SignInWithPasswordAsync(this StaffDirectory directory, string? staffId, string? password, CancellationToken cancellationToken) =>
        directory.SignInWithPasswordAsync(staffId, password, Keypad, cancellationToken);
}
