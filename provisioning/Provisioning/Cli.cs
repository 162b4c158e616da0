using System.CommandLine;
using System.Globalization;
using Hall.Contract;
using Hall.CountyHub.Storage;
using Hall.DeviceRegistry;
using Hall.Staff;

namespace Hall.Provisioning;

/// <summary>
/// The technician CLI (System.CommandLine): verb groups in their own files (<see cref="DeviceCommands"/>,
/// <see cref="VillageCommands"/>, <see cref="StaffCommands"/>, <see cref="BoxCommands"/>, <see cref="HubCommands"/>).
/// Output is one line of JSON on stdout so a script or the field app can read it; a refusal goes to stderr as
/// <c>{"error":{"code","message"}}</c> with exit code 2, the message in Chinese. Help is generated, in Chinese.
/// </summary>
public sealed class Cli
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private readonly CliContext _context;

    public Cli(TextWriter output, TextWriter error, TimeProvider time)
    {
        _context = new CliContext(output, error, time);
    }

    /// <summary>The command tree (a new one each time: symbols are not shared between parses).</summary>
    public RootCommand Root()
    {
        var root = new RootCommand("hallctl:便民服务中心边缘盒的技术员工具(盒子初始化、设备登记与更换、工作人员、县级中心的盒子与登记票)")
        {
            DeviceCommands.Build(_context),
            VillageCommands.Build(_context),
            StaffCommands.Build(_context),
            BoxCommands.Build(_context),
            HubCommands.Build(_context),
        };

        // The library has no Chinese for these two.
        foreach (var option in root.Options)
        {
            option.Description = option switch
            {
                System.CommandLine.Help.HelpOption => "显示帮助和用法",
                VersionOption => "显示版本",
                _ => option.Description,
            };
        }

        // "hallctl" alone and "hallctl help" list every command, as before.
        root.SetAction(_ => Overview(root, _context.Out, 0));
        var help = new Command("help", "列出全部命令") { Hidden = true };
        help.SetAction(_ => Overview(root, _context.Out, 0));
        root.Add(help);
        return root;
    }

    public int Run(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // The library's own texts (help headings, parse errors) come in the technician's language; put back after.
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Chinese;
        try
        {
            return Invoke(args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private int Invoke(IReadOnlyList<string> args)
    {
        var root = Root();
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            return ParseFailure(root, result);
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { Output = _context.Out, Error = _context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            return _context.Fail(ex.Code, ex.Message);
        }
        catch (EnrollmentException ex)
        {
            return _context.Fail(ex.Code, ex.Message);
        }
        catch (StaffException ex)
        {
            return _context.Fail(ex.Code, ex.Message);
        }
        catch (BoxEnrollmentException ex)
        {
            return _context.Fail(ErrorCodes.InvalidField, ex.Message);
        }
    }

    /// <summary>A command line that does not parse: which code, the library's reason, and the commands there are.</summary>
    private int ParseFailure(RootCommand root, ParseResult result)
    {
        var command = result.CommandResult.Command;
        var given = result.Tokens.Where(t => t.Type == System.CommandLine.Parsing.TokenType.Option).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        var missing = command.Options.Where(o => o.Required && !given.Contains(o.Name) && !o.Aliases.Any(given.Contains)).ToList();
        string code;
        string message;
        if (missing.Count > 0)
        {
            code = ErrorCodes.MissingField;
            message = "缺少 " + string.Join("、", missing.Select(o => $"{o.Name}({o.Description})"));
        }
        else if (result.UnmatchedTokens.Count > 0 && command.Subcommands.Count > 0 || command.Action is null)
        {
            code = ErrorCodes.UnknownRequest;
            message = $"没有这个命令:hallctl {string.Join(' ', result.Tokens.Select(t => t.Value))}";
        }
        else
        {
            code = ErrorCodes.InvalidField;
            message = string.Join(";", result.Errors.Select(e => e.Message));
        }

        _context.Fail(code, message);
        var group = command.Subcommands.Count > 0 ? command : command.Parents.OfType<Command>().FirstOrDefault() ?? root;
        return Overview(group, _context.Error, 2);
    }

    /// <summary>Every command under <paramref name="from"/>, one a line with its required options: what a technician can type.</summary>
    private static int Overview(Command from, TextWriter writer, int code)
    {
        writer.WriteLine("用法(每个命令加 --help 看全部选项):");
        foreach (var (path, command) in Leaves(from, from is RootCommand ? "hallctl" : "hallctl " + PathOf(from)))
        {
            var required = string.Join(' ', command.Options.Where(o => o.Required).Select(o => $"{o.Name} {o.HelpName ?? "…"}"));
            writer.WriteLine($"  {path} {required}".TrimEnd());
            writer.WriteLine($"      {command.Description}");
        }

        return code;
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            if (sub.Subcommands.Count == 0)
            {
                yield return ($"{path} {sub.Name}", sub);
            }

            foreach (var leaf in Leaves(sub, $"{path} {sub.Name}"))
            {
                yield return leaf;
            }
        }
    }

    private static string PathOf(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', names);
    }
}
