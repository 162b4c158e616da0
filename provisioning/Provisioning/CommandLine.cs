namespace Hall.Provisioning;

/// <summary>Parsed arguments: a verb path ("device enroll") and --name value options.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options;

    private CommandLine(IReadOnlyList<string> verbs, Dictionary<string, string?> options)
    {
        Verbs = verbs;
        _options = options;
    }

    public IReadOnlyList<string> Verbs { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verbs = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    options[arg[2..eq]] = arg[(eq + 1)..];
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    options[arg[2..]] = args[++i];
                }
                else
                {
                    options[arg[2..]] = null;
                }
            }
            else
            {
                verbs.Add(arg);
            }
        }

        return new CommandLine(verbs, options);
    }

    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => _options.ContainsKey(name);

    public IEnumerable<string> OptionNames => _options.Keys;
}
