using System.Globalization;
using System.Text;

namespace Hall.Staff;

/// <summary>
/// Sign-ins refused since the box started, by kind, for /metrics: a closed set of labels, counted without a lock, so
/// a guessing flood shows up as numbers (and one log line per source or lockout), never as a line per try.
/// </summary>
public sealed class SignInRefusals
{
    private readonly long[] _counts = new long[Enum.GetValues<SignInRefusal>().Length];

    public void Count(SignInRefusal kind) => Interlocked.Increment(ref _counts[(int)kind]);

    public long this[SignInRefusal kind] => Interlocked.Read(ref _counts[(int)kind]);

    public void Render(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append("# HELP hall_signin_refused_total Staff sign-ins (counter PIN, admin password) refused, by kind\n# TYPE hall_signin_refused_total counter\n");
        foreach (var kind in Enum.GetValues<SignInRefusal>())
        {
            text.Append(CultureInfo.InvariantCulture, $"hall_signin_refused_total{{kind=\"{Label(kind)}\"}} {this[kind]}\n");
        }
    }

    public static string Label(SignInRefusal kind) => kind switch
    {
        SignInRefusal.Wrong => "wrong",
        SignInRefusal.Throttled => "throttled",
        SignInRefusal.Locked => "locked",
        SignInRefusal.Busy => "busy",
        _ => "other",
    };
}

/// <summary>Why a sign-in was refused.</summary>
public enum SignInRefusal
{
    /// <summary>Unknown id, wrong secret, inactive or not allowed there: hashed and refused.</summary>
    Wrong,

    /// <summary>The source's backoff: refused before any hashing.</summary>
    Throttled,

    /// <summary>The account is locked (the last line).</summary>
    Locked,

    /// <summary>The hashing line was full: refused at once, the try given back.</summary>
    Busy,
}
