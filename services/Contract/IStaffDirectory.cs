namespace Hall.Contract;

/// <summary>Checks a staff member's PIN for counter sign-in.</summary>
public interface IStaffDirectory
{
    /// <summary>The staff member's display name when the PIN is right and the account active; otherwise null.</summary>
    ValueTask<string?> VerifyPinAsync(string staffId, string pin, CancellationToken cancellationToken);
}
