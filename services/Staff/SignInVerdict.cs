namespace Hall.Staff;

/// <summary>The limiter's answer before a sign-in is hashed: go ahead, or wait <see cref="RetryAfter"/>.</summary>
public readonly record struct SignInVerdict(bool Allowed, SignInScope Scope, TimeSpan RetryAfter)
{
    /// <summary>True on the try that used the source's last free try: the moment to log, once per burst.</summary>
    public bool StartsWaiting { get; init; }

    public static SignInVerdict Go(bool startsWaiting) => new(true, SignInScope.None, TimeSpan.Zero) { StartsWaiting = startsWaiting };

    public static SignInVerdict Wait(SignInScope scope, TimeSpan retryAfter, bool startsWaiting) =>
        new(false, scope, retryAfter) { StartsWaiting = startsWaiting };
}
