namespace Hall.Contract;

/// <summary>Checks a staff member's PIN for counter sign-in.</summary>
public interface IStaffDirectory
{
    /// <summary>
    /// The staff member's display name when the PIN is right and the account active; otherwise why not (bad-pin,
    /// sign-in-throttled, staff-locked). <paramref name="source"/> is who is trying (a browser's address or a keypad's
    /// device id): too many tries from one source slow that source down, not the account for everyone.
    /// </summary>
    ValueTask<PinCheck> CheckPinAsync(string staffId, string pin, string source, CancellationToken cancellationToken);
}
