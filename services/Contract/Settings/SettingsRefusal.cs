using Microsoft.Extensions.Options;

namespace Hall.Contract.Settings;

/// <summary>
/// How a program of the hall (the box, the county hub) refuses to start on a bad setting: every bad key named, on
/// stderr, and exit code 2, instead of a stack trace.
/// </summary>
public static class SettingsRefusal
{
    public const int ExitCode = 2;

    /// <summary>Runs the program; a bad setting ends it with <see cref="ExitCode"/> and a message naming each key.</summary>
    public static async Task<int> RunAsync(string program, Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run();
        }
        catch (OptionsValidationException ex)
        {
            return await RefuseAsync(program, ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Bad settings in several sections: all of them, each with its key.
            return await RefuseAsync(program, ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        catch (StartRefusedException ex)
        {
            // Not a bad value but the machine around it: one line that says what to do.
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCode;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // A value of the wrong type ("abc" for a port, "soon" for a duration): the binder names the key.
            return await RefuseAsync(program, [ex.Message]);
        }
    }

    private static async Task<int> RefuseAsync(string program, IEnumerable<string> failures)
    {
        await Console.Error.WriteLineAsync($"The {program} did not start: a setting is wrong.");
        foreach (var failure in failures)
        {
            await Console.Error.WriteLineAsync("  " + failure);
        }

        return ExitCode;
    }
}
