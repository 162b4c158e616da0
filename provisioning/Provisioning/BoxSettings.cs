using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hall.Contract;
using Hall.Contract.Settings;
using Hall.CounterMonitor;
using Hall.FirmwareHost.Box;
using Hall.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hall.Provisioning;

/// <summary>
/// The box's settings file as hallctl writes and reads it (appsettings-style JSON, the box's
/// <see cref="BoxSettingsFile"/>). What is written is first checked by the validators the box itself runs at start, so
/// a file hallctl wrote never stops the box.
/// </summary>
public static class BoxSettings
{
    /// <summary>Reads the file (a missing one or bad JSON is an empty object: box init starts from nothing).</summary>
    public static JsonObject Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new CliException(ErrorCodes.SettingsInvalid, $"设置文件 {path} 不是一个 JSON 对象;请改正或删除后重新运行 hallctl box init");
        }
        catch (JsonException ex)
        {
            throw new CliException(ErrorCodes.SettingsInvalid, $"设置文件 {path} 不是有效的 JSON:{ex.Message};请改正或删除后重新运行 hallctl box init");
        }
    }

    /// <summary>Sets <c>Section:Key</c> in <paramref name="settings"/>; a null or blank value leaves what is there.</summary>
    public static void Set(JsonObject settings, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var parts = key.Split(':');
        var node = settings;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }

            node = child;
        }

        node[parts[^1]] = value.Trim();
    }

    /// <summary>
    /// Every failure the box would stop on for the sections box init writes (Box, Sync, CounterMonitor), each naming its
    /// key, exactly as the box's start-up names them; empty when the box would start.
    /// </summary>
    public static IReadOnlyList<string> Validate(JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = Configuration(settings);
        var failures = new List<string>();
        try
        {
            BoxHostingExtensions.ReadBoxOptions(configuration);
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }

        failures.AddRange(Check(configuration, SyncOptions.Section, new SectionValidator<SyncOptions>(SyncOptions.Section, new SyncOptionsValidator(), new SyncOptionsSemanticValidator())));
        failures.AddRange(Check(configuration, CounterMonitorOptions.Section, new SectionValidator<CounterMonitorOptions>(CounterMonitorOptions.Section, new CounterMonitorOptionsValidator(), new CounterMonitorOptionsSemanticValidator())));
        return failures;
    }

    /// <summary>Writes the file whole or not at all (a temporary file moved over it). It holds no secret (addresses, public keys), so all may read it.</summary>
    public static void Save(string path, JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temp = full + ".tmp";
            File.WriteAllText(temp, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = HallJson.Options.Encoder }) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ErrorCodes.SettingsInvalid, $"设置文件 {full} 写不进去:{ex.Message}(在盒子上请用 root 运行,或用 --settings-file 指定别的位置)");
        }
    }

    /// <summary>What redeeming a ticket needs from the box's settings: the hall id and the county's public key.</summary>
    public static (string HallId, string? HubSigningKey) ForTickets(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ErrorCodes.TicketNoCountyKey, $"找不到本盒子的设置文件 {path}:请先运行 hallctl box init,或用 --settings-file 指明");
        }

        var configuration = Configuration(Load(path));
        BoxOptions box;
        try
        {
            box = BoxHostingExtensions.ReadBoxOptions(configuration);
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException(ErrorCodes.SettingsInvalid, $"设置文件 {path} 有误:{string.Join(";", ex.Failures)}");
        }

        return (box.HallId, configuration[SyncOptions.Section + ":" + nameof(SyncOptions.HubSigningKey)]);
    }

    private static IConfiguration Configuration(JsonObject settings) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings.ToJsonString()))).Build();

    private static IEnumerable<string> Check<T>(IConfiguration configuration, string section, IValidateOptions<T> validator)
        where T : class, new()
    {
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            return [ex.Message];
        }

        var result = validator.Validate(null, options);
        return result.Failed ? result.Failures : [];
    }
}
