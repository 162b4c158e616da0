using Hall.CountyHub.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CountyHub.Tests;

/// <summary>Wrong passwords: an account pauses briefly, the address that guesses pauses long.</summary>
public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));
    private readonly HubOptions _options = new();

    [Fact]
    public void A_stranger_guessing_the_admin_keeps_the_admin_out_only_for_the_short_account_pause()
    {
        var throttle = new SignInThrottle(Microsoft.Extensions.Options.Options.Create(_options), _time);
        for (var i = 0; i < _options.MaxAccountFailures; i++)
        {
            throttle.Failed("admin", "10.0.0.66");
        }

        Assert.Equal(_options.AccountLockout, throttle.WaitFor("admin", "10.0.0.8"));
        _time.Advance(_options.AccountLockout);
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("admin", "10.0.0.8"));
    }

    [Fact]
    public void An_address_that_keeps_guessing_is_paused_long_for_every_account()
    {
        var throttle = new SignInThrottle(Microsoft.Extensions.Options.Options.Create(_options), _time);
        for (var i = 0; i < _options.MaxAddressFailures; i++)
        {
            throttle.Failed("user" + i, "10.0.0.66");
        }

        Assert.Equal(_options.AddressLockout, throttle.WaitFor("someone-else", "10.0.0.66"));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("someone-else", "10.0.0.8"));
        _time.Advance(_options.AddressLockout);
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("someone-else", "10.0.0.66"));
    }

    [Fact]
    public void A_right_password_or_a_slip_long_ago_starts_the_count_again()
    {
        var throttle = new SignInThrottle(Microsoft.Extensions.Options.Options.Create(_options), _time);
        for (var i = 0; i < _options.MaxAccountFailures - 1; i++)
        {
            throttle.Failed("admin", "10.0.0.8");
        }

        throttle.Succeeded("admin", "10.0.0.8");
        throttle.Failed("admin", "10.0.0.8");
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("admin", "10.0.0.8"));

        for (var i = 0; i < _options.MaxAccountFailures - 2; i++)
        {
            throttle.Failed("admin", "10.0.0.8");
        }

        _time.Advance(TimeSpan.FromHours(1));
        throttle.Failed("admin", "10.0.0.8");
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("admin", "10.0.0.8"));
    }
}
