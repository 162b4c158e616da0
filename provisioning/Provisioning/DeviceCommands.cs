using System.CommandLine;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.DeviceRegistry;

namespace Hall.Provisioning;

/// <summary>
/// <c>hallctl device enroll|list|revoke|replace</c>: on the box. Enrolling prints the credentials once (the box keeps
/// only a hash), optionally as a QR code for the device's setup screen; <c>--ticket</c> redeems a county's enrollment
/// ticket instead of naming the device here.
/// </summary>
public static class DeviceCommands
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("device", "设备:登记、列出、吊销、更换")
        {
            Enroll(context),
            List(context),
            Revoke(context),
            Replace(context),
        };
    }

    private static Command Enroll(CliContext context)
    {
        var role = RoleOption();
        var id = CliOptions.Text("--id", "设备编号,如 kiosk-1、caller-3", helpName: "ID");
        var counter = CliOptions.Text("--counter", "窗口号(叫号器、评价器必填)", helpName: "C");
        var village = CliOptions.Text("--village", "设备所在的村级代办点编号,它做的一切算在该代办点", helpName: "V");
        var replace = CliOptions.Flag("--replace", "给已登记的同一台设备换新密钥(旧密钥立即失效)");
        var note = CliOptions.Text("--note", "备注");
        var ticket = CliOptions.Text("--ticket", "兑现县级中心开的登记票:票文件的路径,或票的文本(HT1.…)", helpName: "FILE|TEXT");
        var settings = CliOptions.Text("--settings-file", $"兑现登记票时读本盒子的设置(Box:HallId、Sync:HubSigningKey),默认 {CliOptions.BoxSettingsFile}", helpName: "FILE");
        var box = CliOptions.Text("--box-address", "设备连接盒子用的地址(写进二维码),如 192.168.1.10", helpName: "HOST");
        var web = CliOptions.Flag("--web", "网页设备(kiosk:网页取号机,evaluator:评价平板,caller:窗口工作页):打印一次性设置链接,24 小时内在该设备的浏览器里打开一次");
        var boxUrl = CliOptions.Text("--box-url", "网页设备用:盒子的网址,如 http://192.168.1.10:8080(拼成设置链接 setupUrl,写进二维码)", helpName: "URL");
        var qr = CliOptions.Qr();
        var qrPng = CliOptions.QrPng();
        var dataDir = CliOptions.DataDir();
        var command = new Command("enroll", "登记一台设备,只此一次打印它的凭据(JSON,可加二维码)")
        {
            role, id, counter, village, replace, note, ticket, settings, box, web, boxUrl, qr, qrPng, dataDir,
        };
        command.SetAction(result =>
        {
            var registry = BoxStore.Registry(result.Dir(dataDir), context.Time);
            DeviceCredentials credentials;
            if (result.GetValue(ticket) is { Length: > 0 } ticketArgument)
            {
                credentials = Redeem(context, registry, ticketArgument, result.GetValue(settings));
            }
            else
            {
                if (result.GetValue(role) is not { } deviceRole || string.IsNullOrEmpty(result.GetValue(id)))
                {
                    throw new CliException(ErrorCodes.MissingField, "device enroll 需要 --id 和 --role(或用 --ticket 兑现县级中心开的登记票)");
                }

                if (result.GetValue(web))
                {
                    var device = registry.EnrollWeb(result.GetValue(id)!, deviceRole, result.GetValue(counter), replace: result.GetValue(replace), note: result.GetValue(note), village: result.GetValue(village));
                    return PrintWeb(context, device, result.GetValue(boxUrl), result.GetValue(qr), result.GetValue(qrPng));
                }

                credentials = registry.Enroll(result.GetValue(id)!, deviceRole, result.GetValue(counter), replace: result.GetValue(replace), note: result.GetValue(note), village: result.GetValue(village));
            }

            return Print(context, Pinned(credentials, result.Dir(dataDir)), result.GetValue(box), result.GetValue(qr), result.GetValue(qrPng));
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var command = new Command("list", "列出登记过的设备(不含密钥;被更换的设备带 replacedBy)") { dataDir };
        command.SetAction(result => context.Json(BoxStore.Registry(result.Dir(dataDir), context.Time).List()));
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = CliOptions.Text("--id", "设备编号", required: true, helpName: "ID");
        var dataDir = CliOptions.DataDir();
        var command = new Command("revoke", "吊销一台设备:它再也连不上盒子") { id, dataDir };
        command.SetAction(result =>
        {
            var deviceId = result.GetValue(id)!;
            return BoxStore.Registry(result.Dir(dataDir), context.Time).Revoke(deviceId)
                ? context.Json(new { deviceId, revoked = true })
                : context.Fail(ErrorCodes.UnknownDevice, $"没有已登记且未吊销的设备 {deviceId}(见 hallctl device list)");
        });
        return command;
    }

    private static Command Replace(CliContext context)
    {
        var id = CliOptions.Text("--id", "要换下的旧设备编号", required: true, helpName: "OLD");
        var newId = CliOptions.Text("--new-id", "换上的新设备编号", required: true, helpName: "NEW");
        var box = CliOptions.Text("--box-address", "设备连接盒子用的地址(写进二维码)", helpName: "HOST");
        var qr = CliOptions.Qr();
        var qrPng = CliOptions.QrPng();
        var dataDir = CliOptions.DataDir();
        var command = new Command("replace", "用新设备替换旧设备:新设备接过旧设备的角色、窗口和代办点,旧设备被吊销,旧记录仍记在旧编号下")
        {
            id, newId, box, qr, qrPng, dataDir,
        };
        command.SetAction(result =>
        {
            var credentials = BoxStore.Registry(result.Dir(dataDir), context.Time).Replace(result.GetValue(id)!, result.GetValue(newId)!);
            return Print(context, Pinned(credentials, result.Dir(dataDir)), result.GetValue(box), result.GetValue(qr), result.GetValue(qrPng), replaces: result.GetValue(id));
        });
        return command;
    }

    /// <summary>The role option: one of the contract's device roles, refused by the parser otherwise.</summary>
    private static Option<DeviceRole?> RoleOption() => new("--role")
    {
        Description = "设备角色:kiosk 取号机、caller 叫号器、display 显示屏、evaluator 评价器",
        HelpName = "kiosk|caller|display|evaluator",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (DeviceRegistryService.TryParseRole(text, out var role))
            {
                return role;
            }

            result.AddError($"角色 '{text}' 不对,只能是 kiosk, caller, display, evaluator 之一");
            return null;
        },
    };

    private static DeviceCredentials Redeem(CliContext context, DeviceRegistryService registry, string ticketArgument, string? settingsFile)
    {
        // A path to a file (a USB stick) or the ticket's text itself (typed, or from a scanner).
        var text = ticketArgument.StartsWith(EnrollmentTickets.Prefix, StringComparison.Ordinal) ? ticketArgument : ReadTicketFile(ticketArgument);
        var (hallId, hubSigningKey) = BoxSettings.ForTickets(settingsFile ?? CliOptions.BoxSettingsFile);
        var check = EnrollmentTickets.Verify(text, hallId, hubSigningKey, context.Time.GetUtcNow());
        return check.Ticket is { } ticket ? registry.EnrollWithTicket(ticket) : throw new CliException(check.Code!, check.Message!);
    }

    private static string ReadTicketFile(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ErrorCodes.TicketMalformed, $"读不到登记票文件 {path}:{ex.Message}(或直接给出票的文本 HT1.…)");
        }
    }

    /// <summary>The credentials as JSON (everything they carry), and as a QR code for the device's setup screen when asked.</summary>
    private static int Print(CliContext context, DeviceCredentials credentials, string? boxAddress, bool qr, string? qrPng, string? replaces = null)
    {
        var setup = DeviceSetupCode.Text(credentials, boxAddress);
        if (!string.IsNullOrEmpty(qrPng))
        {
            QrOutput.Png(setup, qrPng);
        }

        var printout = DeviceSetupCode.Fields(credentials, boxAddress);
        if (replaces is not null)
        {
            printout["replaces"] = replaces;
        }

        if (!string.IsNullOrEmpty(qrPng))
        {
            printout["qrPng"] = Path.GetFullPath(qrPng);
        }

        context.Json(printout);
        if (qr)
        {
            context.Out.Write(QrOutput.Terminal(setup));
        }

        return 0;
    }

    /// <summary>A web device has no password: what the technician needs is its one-time setup link, as JSON and QR code.</summary>
    private static int PrintWeb(CliContext context, DeviceCredentials device, string? boxUrl, bool qr, string? qrPng)
    {
        var setupUrl = string.IsNullOrWhiteSpace(boxUrl) ? null : boxUrl.Trim().TrimEnd('/') + device.SetupPath;
        var printout = new System.Text.Json.Nodes.JsonObject
        {
            ["deviceId"] = device.DeviceId,
            ["role"] = device.Role,
            ["counter"] = device.Counter,
            ["village"] = device.Village,
            ["setupPath"] = device.SetupPath,
            ["setupExpiresAt"] = device.SetupExpiresAt,
            ["setupUrl"] = setupUrl,
        };
        var code = setupUrl ?? device.SetupPath!;
        if (!string.IsNullOrEmpty(qrPng))
        {
            QrOutput.Png(code, qrPng);
            printout["qrPng"] = Path.GetFullPath(qrPng);
        }

        context.Json(printout);
        if (qr)
        {
            context.Out.Write(QrOutput.Terminal(code));
        }

        return 0;
    }

    /// <summary>
    /// The box's certificate fingerprint in the credentials, so the device (and its QR code) pins this box. The box makes
    /// its certificate at first start; enrolled before that, a device gets none and must be enrolled again to pin.
    /// </summary>
    private static DeviceCredentials Pinned(DeviceCredentials credentials, string dataDirectory)
    {
        using var certificate = Hall.Contract.Tls.BoxCertificate.ReadPublic(dataDirectory);
        return certificate is null ? credentials : credentials with { BoxCertificateSha256 = Hall.Contract.Tls.BoxCertificate.Fingerprint(certificate) };
    }
}
