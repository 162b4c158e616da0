using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Hall.Provisioning;

/// <summary>Options several commands share. Each command gets its own instance (a symbol belongs to one command).</summary>
public static class CliOptions
{
    /// <summary>The box's Box:DataDirectory, where hall.db and the box's key live.</summary>
    public const string BoxDataDirectory = "/var/lib/hall";

    /// <summary>Where <c>hallctl box init</c> writes the box's settings, and the box reads them (Box:SettingsFile).</summary>
    public const string BoxSettingsFile = "/etc/hall/box.json";

    public static Option<string> DataDir(string defaultValue = BoxDataDirectory) => new("--data-dir")
    {
        Description = $"数据目录(默认 {defaultValue})",
        HelpName = "DIR",
    };

    /// <summary>The directory given, or the default (not a parser default: the help text would show it in English).</summary>
    public static string Dir(this ParseResult result, Option<string> option, string defaultValue = BoxDataDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GetValue(option) is { Length: > 0 } value ? value : defaultValue;
    }

    public static Option<string> Text(string name, string description, bool required = false, string helpName = "TEXT") => new(name)
    {
        Description = description,
        Required = required,
        HelpName = helpName,
    };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>Print the QR code in the terminal (half blocks) after the JSON line.</summary>
    public static Option<bool> Qr() => Flag("--qr", "在 JSON 之后把二维码画在终端里");

    /// <summary>Write the QR code as a PNG file (to print on paper).</summary>
    public static Option<string> QrPng() => Text("--qr-png", "把二维码另存为 PNG 文件(可打印)", helpName: "FILE");

    /// <summary>A duration as a technician types it: 72h, 3d, 90m, or TimeSpan text (3.00:00:00).</summary>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan min, TimeSpan max) => new(name)
    {
        Description = description,
        HelpName = "72h|3d|90m",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (TryParseDuration(text, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} '{text}' 不对:请写成 72h、3d 或 90m 这样的时长,在 {Show(min)} 到 {Show(max)} 之间");
            return null;
        },
    };

    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        if (unit is 'h' or 'd' or 'm' && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            value = unit switch { 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => TimeSpan.FromMinutes(n) };
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
    }

    private static string Show(TimeSpan span) => span.TotalHours >= 24 && span.TotalDays == Math.Floor(span.TotalDays)
        ? $"{span.TotalDays:0} 天"
        : span.TotalMinutes >= 60 ? $"{span.TotalHours:0.#} 小时" : $"{span.TotalMinutes:0} 分钟";

    /// <summary>The value of an option, with the option's own name in the message when it was required and missing.</summary>
    public static string Required(this ParseResult result, Option<string> option, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        var value = result.GetValue(option);
        return string.IsNullOrWhiteSpace(value)
            ? throw new CliException(Hall.Contract.ErrorCodes.MissingField, $"缺少 {option.Name}({what})")
            : value;
    }
}
