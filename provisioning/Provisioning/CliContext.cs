using Hall.Contract;

namespace Hall.Provisioning;

/// <summary>What every command writes to and reads the time from: JSON on stdout, errors on stderr, the clock.</summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, TimeProvider time)
    {
        Out = output;
        Error = error;
        Time = time;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public TimeProvider Time { get; }

    /// <summary>Prints <paramref name="value"/> as one line of JSON (what scripts and the field app read) and succeeds.</summary>
    public int Json<T>(T value)
    {
        Out.WriteLine(HallJson.SerializeToString(value));
        return 0;
    }

    /// <summary>Prints the refusal as <c>{"error":{"code","message"}}</c> on stderr; exit code 2.</summary>
    public int Fail(string code, string message)
    {
        Error.WriteLine(HallJson.SerializeToString(new { error = new ErrorBody(code, message) }));
        return 2;
    }
}
