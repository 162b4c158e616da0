using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Hall.Staff;

/// <summary>
/// Decides, before any hashing, whether a sign-in may be tried now. Two counts:
/// <list type="bullet">
/// <item>Per source (a browser's address, or a keypad's device id): <see cref="StaffOptions.SignInFreeTries"/> tries at
/// once, then each further try waits twice as long as the last (<see cref="StaffOptions.SignInBackoff"/>, up to
/// <see cref="StaffOptions.SignInMaxBackoff"/>). A right secret clears it. This is what stops a guesser, and it slows
/// only the guesser's own address, never the account for everyone.</item>
/// <item>Per account, known or not: a budget of <see cref="StaffOptions.MaxFailures"/> wrong tries from all sources,
/// one given back every <see cref="StaffOptions.AccountRefill"/>. One source's backoff spends less than that refills,
/// so only many addresses guessing together can empty it; then the account is locked (the last line), which an
/// admin or <c>hallctl staff unlock</c> lifts.</item>
/// </list>
/// Tries are counted when they start (not when the hash says wrong), so parallel requests cannot slip past the count.
/// Kept in memory, bounded by <see cref="StaffOptions.SignInTracked"/>; a restart forgives sources, a stored account
/// lock stays. The lock here guards only two small dictionaries, never a hash.
/// </summary>
public sealed class SignInLimiter
{
    private readonly StaffOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public SignInLimiter(IOptions<StaffOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
    }

    /// <summary>Sources and accounts remembered now (for tests of the memory bound).</summary>
    internal int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _sources.Count + _accounts.Count;
            }
        }
    }

    /// <summary>
    /// The key of a browser's address: IPv4 as is, IPv6 by its /64 (one phone holds many addresses of its network),
    /// an IPv4-mapped IPv6 address as IPv4.
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:?";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "ip:" + address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "ip:" + new IPAddress(bytes) + "/64";
    }

    /// <summary>The key of an enrolled device (a caller keypad): its id.</summary>
    public static string DeviceKey(string deviceId) => "device:" + deviceId;

    /// <summary>
    /// Whether a try by <paramref name="source"/> at <paramref name="account"/> may go ahead now. When it may, it is
    /// counted at once; call <see cref="Succeeded"/> or <see cref="Failed"/> when the hash has answered.
    /// </summary>
    public SignInVerdict TryStart(string source, string account)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(account);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var s = CurrentSource(source, now);
            if (s.NextTry > now)
            {
                return SignInVerdict.Wait(SignInScope.Source, s.NextTry - now, startsWaiting: false);
            }

            var a = CurrentAccount(account, now);
            if (a.LockedUntil > now)
            {
                return SignInVerdict.Wait(SignInScope.Account, a.LockedUntil - now, startsWaiting: false);
            }

            if (a.Budget < 1)
            {
                // Spent by tries still being hashed: wait for the next one to come back.
                return SignInVerdict.Wait(SignInScope.Account, Refill * (1 - a.Budget), startsWaiting: false);
            }

            var tries = s.Tries + 1;
            var next = tries >= _options.SignInFreeTries ? now + Backoff(tries - _options.SignInFreeTries) : now;
            Put(_sources, source, new Source(tries, next, now), now);
            Put(_accounts, account, a with { Budget = a.Budget - 1, At = now }, now);
            return SignInVerdict.Go(startsWaiting: tries == _options.SignInFreeTries);
        }
    }

    /// <summary>The secret was right: the source starts afresh and the account gets its whole budget back.</summary>
    public void Succeeded(string source, string account)
    {
        lock (_gate)
        {
            _sources.Remove(source);
            _accounts.Remove(account);
        }
    }

    /// <summary>
    /// The try started but was not checked after all (the account's stored lock refused it, or the box was too busy to
    /// hash): it is given back, so waiting out a lock does not also build up a backoff for the real person.
    /// </summary>
    public void GiveBack(string source, string account)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_sources.TryGetValue(source, out var s) && s.Tries > 0)
            {
                var tries = s.Tries - 1;
                _sources[source] = s with
                {
                    Tries = tries,
                    NextTry = tries >= _options.SignInFreeTries ? s.At + Backoff(tries - _options.SignInFreeTries) : s.At,
                };
            }

            if (_accounts.TryGetValue(account, out var a) && a.LockedUntil <= now)
            {
                _accounts[account] = a with { Budget = Math.Min(_options.MaxFailures, a.Budget + 1) };
            }
        }
    }

    /// <summary>
    /// The secret was wrong (already counted). True when this emptied the account's budget: the caller locks the
    /// account (stored for a known one, <see cref="Lock"/> for a made-up one) until <see cref="LockUntil"/>.
    /// </summary>
    public bool Failed(string account)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var a = CurrentAccount(account, now);
            if (a.Budget >= 1 || a.LockedUntil > now)
            {
                return false;
            }

            // The lock takes over from the budget, which starts full when the lock ends or is lifted.
            _accounts.Remove(account);
            return true;
        }
    }

    /// <summary>When an account locked now is let in again.</summary>
    public DateTimeOffset LockUntil => _time.GetUtcNow() + _options.Lockout;

    /// <summary>Locks an account with no stored row (a made-up id), so it answers as a real one would.</summary>
    public void Lock(string account, DateTimeOffset until)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Put(_accounts, account, new Account(_options.MaxFailures, until, now), now);
        }
    }

    /// <summary>An admin or technician vouches for the person: the account's lock and count go.</summary>
    public void Unlock(string account)
    {
        lock (_gate)
        {
            _accounts.Remove(account);
        }
    }

    private TimeSpan Refill => _options.AccountRefill;

    private TimeSpan Backoff(int step)
    {
        // 2 s, 4 s, 8 s … ; the shift is capped so it cannot overflow before the cap applies.
        var factor = Math.Pow(2, Math.Min(step, 40));
        var ticks = _options.SignInBackoff.Ticks * factor;
        return ticks >= _options.SignInMaxBackoff.Ticks ? _options.SignInMaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    private Source CurrentSource(string key, DateTimeOffset now)
    {
        // A source quiet for four times the longest wait starts afresh: long enough that waiting it out gains nothing.
        return _sources.TryGetValue(key, out var s) && now - s.At < _options.SignInMaxBackoff * 4
            ? s
            : new Source(0, now, now);
    }

    private Account CurrentAccount(string key, DateTimeOffset now)
    {
        if (!_accounts.TryGetValue(key, out var a))
        {
            return new Account(_options.MaxFailures, default, now);
        }

        if (a.LockedUntil != default && a.LockedUntil <= now)
        {
            return new Account(_options.MaxFailures, default, now);
        }

        var back = (now - a.At) / Refill;
        return a with { Budget = Math.Min(_options.MaxFailures, a.Budget + back), At = now };
    }

    private void Put<T>(Dictionary<string, T> entries, string key, T entry, DateTimeOffset now)
        where T : IEntry
    {
        if (entries.Count >= _options.SignInTracked / 2 && !entries.ContainsKey(key))
        {
            Prune(entries, now);
        }

        entries[key] = entry;
    }

    private void Prune<T>(Dictionary<string, T> entries, DateTimeOffset now)
        where T : IEntry
    {
        // First what no longer matters (waits over, budgets refilled); then the least recently used half, so a flood of
        // made-up names costs one sort per half-table rather than one per try.
        foreach (var done in entries.Where(p => p.Value.IsSpent(now, _options)).Select(p => p.Key).ToList())
        {
            entries.Remove(done);
        }

        var limit = _options.SignInTracked / 2;
        if (entries.Count >= limit)
        {
            foreach (var old in entries.OrderBy(p => p.Value.At).Take(entries.Count - (limit / 2)).Select(p => p.Key).ToList())
            {
                entries.Remove(old);
            }
        }
    }

    private interface IEntry
    {
        DateTimeOffset At { get; }

        bool IsSpent(DateTimeOffset now, StaffOptions options);
    }

    private readonly record struct Source(int Tries, DateTimeOffset NextTry, DateTimeOffset At) : IEntry
    {
        public bool IsSpent(DateTimeOffset now, StaffOptions options) => now - At >= options.SignInMaxBackoff * 4;
    }

    private readonly record struct Account(double Budget, DateTimeOffset LockedUntil, DateTimeOffset At) : IEntry
    {
        public bool IsSpent(DateTimeOffset now, StaffOptions options) =>
            LockedUntil <= now && Budget + ((now - At) / options.AccountRefill) >= options.MaxFailures;
    }
}
