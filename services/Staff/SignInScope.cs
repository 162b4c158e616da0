namespace Hall.Staff;

/// <summary>What a refused sign-in waits for: its own source's backoff, or the account's last-line lock.</summary>
public enum SignInScope
{
    None,
    Source,
    Account,
}
