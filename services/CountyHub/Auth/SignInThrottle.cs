using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Auth;

/// <summary>
/// Counts wrong passwords, per account and per address, and says when sign-in must wait. An account pauses briefly
/// (<see cref="HubOptions.AccountLockout"/>) after <see cref="HubOptions.MaxAccountFailures"/> wrong tries in a row, so
/// a stranger typing the admin's name cannot keep the admin out for long; an address pauses long
/// (<see cref="HubOptions.AddressLockout"/>) after <see cref="HubOptions.MaxAddressFailures"/>, which is what stops one
/// machine guessing. Kept in memory: a restart forgives, a password is still needed. Nothing here hashes; the lock
/// only guards two small dictionaries.
/// </summary>
public sealed class SignInThrottle
{
    // Bounds the memory a flood of made-up names or addresses can take; the oldest pauses are dropped first.
    private const int MaxEntries = 10_000;

    private readonly HubOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entry> _addresses = new(StringComparer.Ordinal);

    public SignInThrottle(IOptions<HubOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
    }

    /// <summary>How long this sign-in must wait, or zero when it may be tried now.</summary>
    public TimeSpan WaitFor(string account, string address)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var wait = TimeSpan.Zero;
            if (_addresses.TryGetValue(address, out var a) && a.PausedUntil > now)
            {
                wait = a.PausedUntil - now;
            }

            if (_accounts.TryGetValue(account, out var u) && u.PausedUntil > now && u.PausedUntil - now > wait)
            {
                wait = u.PausedUntil - now;
            }

            return wait;
        }
    }

    public void Failed(string account, string address)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Count(_accounts, account, _options.MaxAccountFailures, _options.AccountLockout, now);
            Count(_addresses, address, _options.MaxAddressFailures, _options.AddressLockout, now);
        }
    }

    /// <summary>A right password clears the account's count and the address's.</summary>
    public void Succeeded(string account, string address)
    {
        lock (_gate)
        {
            _accounts.Remove(account);
            _addresses.Remove(address);
        }
    }

    private static void Count(Dictionary<string, Entry> entries, string key, int max, TimeSpan pause, DateTimeOffset now)
    {
        if (!entries.TryGetValue(key, out var entry) || (entry.PausedUntil != default && entry.PausedUntil <= now) || now - entry.LastAt > pause)
        {
            // A pause that has run out, or a slip long ago, starts the count again.
            entry = new Entry(0, default, now);
        }

        var failures = entry.Failures + 1;
        entry = failures >= max ? new Entry(0, now + pause, now) : new Entry(failures, entry.PausedUntil, now);
        if (entries.Count >= MaxEntries && !entries.ContainsKey(key))
        {
            Prune(entries, now);
        }

        entries[key] = entry;
    }

    private static void Prune(Dictionary<string, Entry> entries, DateTimeOffset now)
    {
        foreach (var stale in entries.Where(p => p.Value.PausedUntil <= now).Select(p => p.Key).ToList())
        {
            entries.Remove(stale);
        }

        while (entries.Count >= MaxEntries)
        {
            entries.Remove(entries.MinBy(p => p.Value.LastAt).Key);
        }
    }

    private readonly record struct Entry(int Failures, DateTimeOffset PausedUntil, DateTimeOffset LastAt);
}
