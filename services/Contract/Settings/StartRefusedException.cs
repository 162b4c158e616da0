namespace Hall.Contract.Settings;

/// <summary>
/// A program of the hall cannot start for a reason outside it (a port another program holds, a missing model, a data
/// directory it may not write): the message, one line in Chinese, names the setting and what to do.
/// <see cref="SettingsRefusal"/> prints it instead of a stack trace.
/// </summary>
public sealed class StartRefusedException : Exception
{
    public StartRefusedException(string message)
        : base(message)
    {
    }

    public StartRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StartRefusedException()
    {
    }
}
