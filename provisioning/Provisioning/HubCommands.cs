using System.CommandLine;
using System.Security.Cryptography;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Tls;
using Hall.DeviceRegistry;

namespace Hall.Provisioning;

/// <summary>
/// <c>hallctl hub enroll|revoke|boxes|ticket</c>: at the county hub, on the hub's store and with its certificate and
/// signing key (made here as the hub would at its first start, when it has not run yet).
/// </summary>
public static class HubCommands
{
    public const string DefaultHubDataDirectory = "/var/lib/hall-hub";

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("hub", "在县级中心:登记、吊销、列出盒子,开设备登记票(--data-dir 是 Hub:DataDirectory,默认 /var/lib/hall-hub;用 PostgreSQL 时加 --postgres)")
        {
            Enroll(context),
            Revoke(context),
            Boxes(context),
            Ticket(context),
        };
    }

    private static Command Enroll(CliContext context)
    {
        var box = CliOptions.Text("--box", "盒子编号(即大厅编号 Box:HallId)", required: true, helpName: "ID");
        var publicKey = CliOptions.Text("--public-key", "盒子的公钥(在盒子上用 hallctl box key 或 box init 打印)", required: true, helpName: "BASE64");
        var hubUrl = CliOptions.Text("--hub-url", "盒子访问县级中心的地址 https://…(默认 https://本机名:8443)", helpName: "URL");
        var replace = CliOptions.Flag("--replace", "给已登记的盒子换新公钥");
        var (dataDir, postgres) = (CliOptions.DataDir(DefaultHubDataDirectory), Postgres());
        var command = new Command("enroll", "登记一个盒子,打印盒子需要的设置(JSON {boxId,keyId,settings});存成文件带给 hallctl box init --hub-settings")
        {
            box, publicKey, hubUrl, replace, dataDir, postgres,
        };
        command.SetAction(result =>
        {
            var url = result.GetValue(hubUrl) ?? $"https://{Environment.MachineName}:8443";
            if (!Uri.TryCreate(url, UriKind.Absolute, out var hub) || hub.Scheme != Uri.UriSchemeHttps)
            {
                throw new CliException(ErrorCodes.InvalidField, $"--hub-url '{url}' 必须是 https:// 地址");
            }

            var directory = result.Dir(dataDir, DefaultHubDataDirectory);
            using var database = Open(context, directory, result.GetValue(postgres));
            var record = new BoxDirectory(database, context.Time).EnrollAsync(result.GetValue(box)!, result.GetValue(publicKey)!, result.GetValue(replace)).GetAwaiter().GetResult();

            // The certificate the hub serves, and the key it signs configuration versions and enrollment tickets with.
            using var certificate = HubCertificate.LoadOrCreate(directory, [hub.Host], context.Time);
            using var signing = HubSigningKey.LoadOrCreate(directory);
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Sync:HubUrl"] = url,
                ["Sync:HubCertificateSha256"] = HubCertificate.Fingerprint(certificate),
                ["Sync:HubSigningKey"] = signing.PublicKey,
            };
            return context.Json(new { boxId = record.BoxId, keyId = record.KeyId, settings });
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var box = CliOptions.Text("--box", "盒子编号", required: true, helpName: "ID");
        var (dataDir, postgres) = (CliOptions.DataDir(DefaultHubDataDirectory), Postgres());
        var command = new Command("revoke", "吊销一个盒子:从此它上传的数据被拒收(403 sync-box-revoked)") { box, dataDir, postgres };
        command.SetAction(result =>
        {
            var boxId = result.GetValue(box)!;
            using var database = Open(context, result.Dir(dataDir, DefaultHubDataDirectory), result.GetValue(postgres));
            return new BoxDirectory(database, context.Time).RevokeAsync(boxId).GetAwaiter().GetResult()
                ? context.Json(new { boxId, revoked = true })
                : context.Fail(ErrorCodes.InvalidField, $"本县级中心没有登记过盒子 {boxId}(见 hallctl hub boxes)");
        });
        return command;
    }

    private static Command Boxes(CliContext context)
    {
        var (dataDir, postgres) = (CliOptions.DataDir(DefaultHubDataDirectory), Postgres());
        var command = new Command("boxes", "列出登记过的盒子") { dataDir, postgres };
        command.SetAction(result =>
        {
            using var database = Open(context, result.Dir(dataDir, DefaultHubDataDirectory), result.GetValue(postgres));
            return context.Json(new BoxDirectory(database, context.Time).ListAsync().GetAwaiter().GetResult());
        });
        return command;
    }

    private static Command Ticket(CliContext context)
    {
        var box = CliOptions.Text("--box", "盒子编号(票只在这个盒子上有效)", required: true, helpName: "ID");
        var role = CliOptions.Text("--role", "设备角色:kiosk、caller、display、evaluator", required: true, helpName: "kiosk|caller|display|evaluator");
        var id = CliOptions.Text("--id", "设备编号,如 caller-3", required: true, helpName: "ID");
        var counter = CliOptions.Text("--counter", "窗口号(叫号器、评价器必填)", helpName: "C");
        var village = CliOptions.Text("--village", "设备所在的村级代办点编号", helpName: "V");
        var replace = CliOptions.Flag("--replace", "允许给盒子上已登记的同一编号换新密钥(现场换同编号的设备)");
        var expires = CliOptions.Duration("--expires", "多久后作废(默认 72h)", TimeSpan.FromMinutes(10), TimeSpan.FromDays(30));
        var output = CliOptions.Text("--out", "把票另存为文本文件(拷到 U 盘)", helpName: "FILE");
        var qr = CliOptions.Qr();
        var qrPng = CliOptions.QrPng();
        var (dataDir, postgres) = (CliOptions.DataDir(DefaultHubDataDirectory), Postgres());
        var command = new Command("ticket", "开一张设备登记票:县级中心签名、只能用一次、到期作废,不含任何密钥;打印成二维码或存到 U 盘,盒子离线也能核对")
        {
            box, role, id, counter, village, replace, expires, output, qr, qrPng, dataDir, postgres,
        };
        command.SetAction(result =>
        {
            var boxId = result.GetValue(box)!;
            if (!DeviceRegistryService.TryParseRole(result.GetValue(role), out var deviceRole))
            {
                throw new CliException(ErrorCodes.InvalidField, $"角色 '{result.GetValue(role)}' 不对,只能是 kiosk, caller, display, evaluator 之一");
            }

            // The box would refuse what the registry refuses: say so now, at the county, not in the field.
            DeviceRegistryService.Validate(result.GetValue(id)!, deviceRole, result.GetValue(counter));
            var directory = result.Dir(dataDir, DefaultHubDataDirectory);
            using (var database = Open(context, directory, result.GetValue(postgres)))
            {
                if (new BoxDirectory(database, context.Time).FindAsync(boxId).GetAwaiter().GetResult() is not { RevokedAt: null })
                {
                    throw new CliException(ErrorCodes.InvalidField, $"本县级中心没有登记过盒子 {boxId}(或已吊销),不能给它开票(见 hallctl hub boxes)");
                }
            }

            // Whole seconds: the ticket's times need no more, and a shorter ticket makes a QR code easier to scan.
            var now = context.Time.GetUtcNow();
            now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
            var ticket = new EnrollmentTicket
            {
                TicketId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
                BoxId = boxId,
                Role = DeviceRegistryService.RoleName(deviceRole),
                DeviceId = result.GetValue(id)!,
                Counter = result.GetValue(counter),
                Village = result.GetValue(village),
                Replace = result.GetValue(replace),
                IssuedAt = now,
                ExpiresAt = now + (result.GetValue(expires) ?? TimeSpan.FromHours(72)),
            };
            using var signing = HubSigningKey.LoadOrCreate(directory);
            var text = signing.Ticket(ticket);
            if (result.GetValue(output) is { Length: > 0 } file)
            {
                WriteTicket(file, text);
            }

            if (result.GetValue(qrPng) is { Length: > 0 } png)
            {
                QrOutput.Png(text, png);
            }

            context.Json(new { ticket.TicketId, ticket.BoxId, ticket.DeviceId, ticket.Role, ticket.Counter, ticket.Village, ticket.ExpiresAt, ticket = text });
            if (result.GetValue(qr))
            {
                context.Out.Write(QrOutput.Terminal(text));
            }

            return 0;
        });
        return command;
    }

    private static Option<string> Postgres() => CliOptions.Text("--postgres", "县级中心用 PostgreSQL 时的连接串(证书和签名密钥仍在 --data-dir)", helpName: "CONNSTRING");

    private static void WriteTicket(string path, string text)
    {
        try
        {
            // A USB stick's folder may not be there yet.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, text + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ErrorCodes.InvalidField, $"登记票文件 {path} 写不进去:{ex.Message}");
        }
    }

    private static HubDatabase Open(CliContext context, string dataDirectory, string? postgres)
    {
        var database = string.IsNullOrEmpty(postgres)
            ? HubDatabase.Sqlite(Path.Combine(dataDirectory, "hub.db"))
            : HubDatabase.Postgres(postgres);

        // The CLI may run before the hub ever has: bring the schema up to date (migrations are idempotent).
        HubMigrator.ApplyAsync(database, context.Time.GetUtcNow()).GetAwaiter().GetResult();
        return database;
    }
}
