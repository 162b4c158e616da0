using System.CommandLine;
using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Identity;

namespace Hall.Provisioning;

/// <summary>
/// <c>hallctl box key|init</c>: on the box. <c>init</c> writes the box's settings file (hall, county hub, time zone,
/// opening hours), checked by the box's own validators, makes the box's key and prints what the county hub needs.
/// </summary>
public static class BoxCommands
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("box", "盒子本身:初始化、打印公钥")
        {
            Init(context),
            Key(context),
        };
    }

    private static Command Key(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var command = new Command("key", "打印盒子的公钥和密钥编号(JSON {publicKey,keyId}),带到县级中心登记") { dataDir };
        command.SetAction(result =>
        {
            using var key = BoxKey.LoadOrCreate(Path.Combine(result.Dir(dataDir), BoxKey.FileName));
            return context.Json(new { publicKey = key.PublicKey, keyId = key.KeyId });
        });
        return command;
    }

    private static Command Init(CliContext context)
    {
        var hallId = CliOptions.Text("--hall-id", "大厅编号(Box:HallId,也是它在县级中心的盒子编号)", required: true, helpName: "ID");
        var hallName = CliOptions.Text("--hall-name", "大厅名称,印在号票和页面上", required: true, helpName: "NAME");
        var timeZone = CliOptions.Text("--time-zone", "大厅所在时区(IANA,默认 Asia/Shanghai)", helpName: "ZONE");
        var hours = CliOptions.Text("--opening-hours", "办公时间,如 08:30-12:00,14:00-17:30", helpName: "HH:MM-HH:MM,…");
        var hubSettings = CliOptions.Text("--hub-settings", "县级中心 hallctl hub enroll 打印的 JSON(存成文件带来)", helpName: "FILE");
        var hubUrl = CliOptions.Text("--hub-url", "县级中心地址 https://…(Sync:HubUrl)", helpName: "URL");
        var hubCertificate = CliOptions.Text("--hub-certificate-sha256", "县级中心证书的 SHA-256(Sync:HubCertificateSha256)", helpName: "HEX");
        var hubSigningKey = CliOptions.Text("--hub-signing-key", "县级中心的签名公钥(Sync:HubSigningKey),用来核对配置和登记票", helpName: "BASE64");
        var settingsFile = CliOptions.Text("--settings-file", $"盒子的设置文件(默认 {CliOptions.BoxSettingsFile})", helpName: "FILE");
        var dataDir = CliOptions.DataDir();
        var command = new Command("init", "初始化盒子:写设置文件(先用盒子自己的校验检查)、生成盒子密钥,并打印县级中心登记要用的内容")
        {
            hallId, hallName, timeZone, hours, hubSettings, hubUrl, hubCertificate, hubSigningKey, settingsFile, dataDir,
        };
        command.SetAction(result =>
        {
            var path = Path.GetFullPath(result.GetValue(settingsFile) ?? CliOptions.BoxSettingsFile);
            var id = result.GetValue(hallId)!.Trim();
            var dataDirectory = Path.GetFullPath(result.Dir(dataDir));
            var settings = BoxSettings.Load(path);
            BoxSettings.Set(settings, "Box:HallId", id);
            BoxSettings.Set(settings, "Box:HallName", result.GetValue(hallName));
            BoxSettings.Set(settings, "Box:DataDirectory", dataDirectory);
            BoxSettings.Set(settings, "Box:TimeZone", result.GetValue(timeZone) ?? "Asia/Shanghai");
            BoxSettings.Set(settings, "CounterMonitor:OpeningHours", result.GetValue(hours));
            foreach (var (name, value) in HubSettings(result.GetValue(hubSettings), id))
            {
                BoxSettings.Set(settings, name, value);
            }

            BoxSettings.Set(settings, "Sync:HubUrl", result.GetValue(hubUrl));
            BoxSettings.Set(settings, "Sync:HubCertificateSha256", result.GetValue(hubCertificate));
            BoxSettings.Set(settings, "Sync:HubSigningKey", result.GetValue(hubSigningKey));

            var failures = BoxSettings.Validate(settings);
            if (failures.Count > 0)
            {
                throw new CliException(ErrorCodes.SettingsInvalid, $"这些设置会让盒子启动失败,设置文件没有写入:{string.Join(";", failures)}");
            }

            BoxSettings.Save(path, settings);
            using var key = BoxKey.LoadOrCreate(Path.Combine(dataDirectory, BoxKey.FileName));
            var hubKnown = settings["Sync"]?["HubUrl"] is not null;
            return context.Json(new
            {
                settingsFile = path,
                hallId = id,
                publicKey = key.PublicKey,
                keyId = key.KeyId,
                hubConfigured = hubKnown,
                settings,
                atCounty = hubKnown
                    ? null
                    : $"在县级中心运行 hallctl hub enroll --box {id} --public-key {key.PublicKey},把打印的 JSON 存成文件带回,再运行 hallctl box init --hub-settings 该文件",
            });
        });
        return command;
    }

    /// <summary>The Sync settings printed by <c>hallctl hub enroll</c>, from the file the technician brought back.</summary>
    private static IEnumerable<(string Key, string? Value)> HubSettings(string? path, string hallId)
    {
        if (string.IsNullOrEmpty(path))
        {
            return [];
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException(ErrorCodes.SettingsInvalid, $"读不了县级中心的登记结果 {path}:{ex.Message}(应是 hallctl hub enroll 打印的 JSON)");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("settings", out var settings) || settings.ValueKind != JsonValueKind.Object)
        {
            throw new CliException(ErrorCodes.SettingsInvalid, $"{path} 不是 hallctl hub enroll 打印的 JSON(没有 settings)");
        }

        if (root.TryGetProperty("boxId", out var box) && box.GetString() is { } boxId && !string.Equals(boxId, hallId, StringComparison.Ordinal))
        {
            throw new CliException(ErrorCodes.SettingsInvalid, $"{path} 是县级中心给盒子 {boxId} 的登记结果,这里初始化的是 {hallId};请带回本盒子的那一份");
        }

        return [.. settings.EnumerateObject().Where(p => p.Name.StartsWith("Sync:", StringComparison.Ordinal)).Select(p => (p.Name, p.Value.GetString()))];
    }
}
