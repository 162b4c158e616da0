using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Hall.Staff.Tests;

/// <summary>The sign-in limiter's policy on a fake clock: who waits, for how long, and what it remembers.</summary>
public sealed class SignInLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 1, 30, 0, TimeSpan.Zero));

    [Fact]
    public void Five_tries_go_at_once_then_each_further_try_waits_twice_as_long_up_to_the_cap()
    {
        var limiter = Limiter();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(Wrong(limiter, "ip:10.0.0.1", "admin"));
        }

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 12; i++)
        {
            var refused = limiter.TryStart("ip:10.0.0.1", "admin");
            Assert.False(refused.Allowed);
            Assert.Equal(SignInScope.Source, refused.Scope);
            waits.Add(refused.RetryAfter);
            _time.Advance(refused.RetryAfter);
            Assert.True(Wrong(limiter, "ip:10.0.0.1", "admin"));
        }

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public void The_fifth_try_is_the_one_that_starts_the_waiting_so_it_is_logged_once_per_burst()
    {
        var limiter = Limiter();
        var starts = Enumerable.Range(0, 5).Select(_ => limiter.TryStart("ip:10.0.0.1", "admin").StartsWaiting).ToList();

        Assert.Equal([false, false, false, false, true], starts);
    }

    [Fact]
    public void A_right_secret_lets_that_address_start_afresh()
    {
        var limiter = Limiter();
        for (var i = 0; i < 4; i++)
        {
            Wrong(limiter, "ip:10.0.0.1", "admin");
        }

        Assert.True(limiter.TryStart("ip:10.0.0.1", "admin").Allowed);
        limiter.Succeeded("ip:10.0.0.1", "admin");

        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.TryStart("ip:10.0.0.1", "admin").Allowed);
        }
    }

    [Fact]
    public void One_address_guessing_for_a_day_never_empties_the_account_so_the_real_admin_is_never_held_up()
    {
        var limiter = Limiter();
        var end = _time.GetUtcNow() + TimeSpan.FromDays(1);
        var guesses = 0;
        while (_time.GetUtcNow() < end)
        {
            var verdict = limiter.TryStart("ip:10.0.0.66", "admin");
            if (verdict.Allowed)
            {
                guesses++;
                Assert.False(limiter.Failed("admin"), $"guess {guesses} locked the account");
            }
            else
            {
                _time.Advance(verdict.RetryAfter);
            }

            // The real admin could go ahead at any moment (given back, so the check does not help the budget).
            var real = limiter.TryStart("ip:10.0.0.5", "admin");
            Assert.True(real.Allowed, $"the real admin was refused after {guesses} guesses");
            limiter.GiveBack("ip:10.0.0.5", "admin");
        }

        Assert.InRange(guesses, 90, 120);
    }

    [Fact]
    public void Many_addresses_together_empty_the_account_budget_and_an_unlock_refills_it()
    {
        var limiter = Limiter(new StaffOptions { MaxFailures = 30 });
        var locked = false;
        for (var i = 0; i < 30 && !locked; i++)
        {
            Assert.True(limiter.TryStart($"ip:10.0.1.{i}", "admin").Allowed);
            locked = limiter.Failed("admin");
        }

        Assert.True(locked);

        // The caller stores the lock of a real account; a made-up one is locked here, and answers the same.
        limiter.Lock("S999", limiter.LockUntil);
        var refused = limiter.TryStart("ip:10.0.2.1", "S999");
        Assert.Equal(SignInScope.Account, refused.Scope);
        Assert.Equal(TimeSpan.FromMinutes(15), refused.RetryAfter);

        limiter.Unlock("S999");
        Assert.True(limiter.TryStart("ip:10.0.2.1", "S999").Allowed);
    }

    [Fact]
    public void The_account_budget_comes_back_one_try_per_refill_period()
    {
        var limiter = Limiter(new StaffOptions { MaxFailures = 3 });
        Assert.True(Wrong(limiter, "ip:10.0.0.1", "S001"));
        Assert.True(Wrong(limiter, "ip:10.0.0.2", "S001"));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(Wrong(limiter, "ip:10.0.0.3", "S001"));
        Assert.True(limiter.TryStart("ip:10.0.0.4", "S001").Allowed);
        Assert.True(limiter.Failed("S001"));
    }

    [Fact]
    public void A_try_given_back_adds_no_wait()
    {
        var limiter = Limiter();
        for (var i = 0; i < 4; i++)
        {
            Wrong(limiter, "ip:10.0.0.1", "admin");
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryStart("ip:10.0.0.1", "admin").Allowed);
            limiter.GiveBack("ip:10.0.0.1", "admin");
        }

        Assert.True(limiter.TryStart("ip:10.0.0.1", "admin").Allowed);
    }

    [Fact]
    public void An_address_quiet_for_an_hour_starts_afresh()
    {
        var limiter = Limiter();
        for (var i = 0; i < 5; i++)
        {
            Wrong(limiter, "ip:10.0.0.1", "admin");
        }

        _time.Advance(TimeSpan.FromMinutes(59));
        Wrong(limiter, "ip:10.0.0.1", "admin");
        Assert.False(limiter.TryStart("ip:10.0.0.1", "admin").Allowed);

        _time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.TryStart("ip:10.0.0.1", "admin").Allowed);
        }
    }

    [Fact]
    public void A_flood_of_made_up_names_and_addresses_keeps_memory_bounded_and_still_slows_a_recent_guesser()
    {
        var limiter = Limiter(new StaffOptions { SignInTracked = 1_000 });
        for (var i = 0; i < 50_000; i++)
        {
            var verdict = limiter.TryStart($"ip:10.{i / 65536}.{i / 256 % 256}.{i % 256}", "X" + i);
            Assert.True(verdict.Allowed);
            limiter.Failed("X" + i);
            Assert.True(limiter.Tracked <= 1_000, $"{limiter.Tracked} remembered after {i}");
        }

        for (var i = 0; i < 5; i++)
        {
            Wrong(limiter, "ip:192.168.1.7", "admin");
        }

        Assert.False(limiter.TryStart("ip:192.168.1.7", "admin").Allowed);
    }

    [Theory]
    [InlineData("192.168.1.7", "ip:192.168.1.7")]
    [InlineData("::ffff:192.168.1.7", "ip:192.168.1.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "ip:2001:db8:1:2::/64")]
    public void An_address_is_counted_as_itself_or_for_ipv6_by_its_network(string address, string key)
    {
        Assert.Equal(key, SignInLimiter.AddressKey(IPAddress.Parse(address)));
    }

    private SignInLimiter Limiter(StaffOptions? options = null) => new(Options.Create(options ?? new StaffOptions()), _time);

    /// <summary>A try that goes ahead and is wrong; false when the limiter refused it.</summary>
    private static bool Wrong(SignInLimiter limiter, string source, string account)
    {
        if (!limiter.TryStart(source, account).Allowed)
        {
            return false;
        }

        limiter.Failed(account);
        return true;
    }
}
