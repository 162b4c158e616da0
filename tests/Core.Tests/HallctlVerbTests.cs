using System.Text.Json;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.Provisioning;
using Hall.Store;

namespace Hall.Core.Tests;

/// <summary>
/// Every hallctl verb as a technician types it: one line of JSON on stdout, or on stderr an error code and a Chinese
/// message with exit code 2 and nothing changed. The box's store, the hub's store and the settings file are real files.
/// </summary>
public sealed class HallctlVerbTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hallctl-verbs-" + Guid.NewGuid().ToString("N")[..12]);

    private string Box => Path.Combine(_dir, "box");

    private string Hub => Path.Combine(_dir, "hub");

    private string SettingsFile => Path.Combine(_dir, "etc", "box.json");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Help_and_the_command_list_are_in_Chinese()
    {
        var (code, output, _) = Run("--help");
        var (listCode, list, _) = Run();

        Assert.Equal(0, code);
        Assert.Contains("用法", output, StringComparison.Ordinal);
        Assert.Contains("显示帮助", output, StringComparison.Ordinal);
        Assert.Equal(0, listCode);
        foreach (var verb in new[] { "device enroll", "device list", "device revoke", "device replace", "village add", "village list", "village remove", "staff add", "staff password", "staff list", "box init", "box key", "hub enroll", "hub revoke", "hub boxes", "hub ticket" })
        {
            Assert.Contains("hallctl " + verb, list, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_required_option_is_named_in_Chinese_with_missing_field()
    {
        var (code, output, error) = Run("device", "replace", "--id", "caller-1", "--data-dir", Box);

        Assert.Equal(2, code);
        Assert.Empty(output);
        var (errorCode, message) = Error(error);
        Assert.Equal(ErrorCodes.MissingField, errorCode);
        Assert.Contains("缺少 --new-id", message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Box, "hall.db")));
    }

    [Fact]
    public void A_bad_value_is_refused_by_the_parser_with_invalid_field()
    {
        var (code, _, error) = Run("hub", "ticket", "--box", "t1", "--role", "kiosk", "--id", "kiosk-1", "--expires", "5y", "--data-dir", Hub);

        Assert.Equal(2, code);
        var (errorCode, message) = Error(error);
        Assert.Equal(ErrorCodes.InvalidField, errorCode);
        Assert.Contains("72h", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Hub));
    }

    [Fact]
    public void An_unknown_command_is_unknown_request_and_lists_the_groups_commands()
    {
        var (code, _, error) = Run("staff", "fire", "--id", "s1");

        Assert.Equal(2, code);
        Assert.Equal(ErrorCodes.UnknownRequest, Error(error).Code);
        Assert.Contains("hallctl staff add", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_enroll_prints_a_qr_code_after_the_json_and_a_png_when_asked()
    {
        var png = Path.Combine(_dir, "qr", "caller-2.png");

        var (code, output, _) = Run("device", "enroll", "--role", "caller", "--id", "caller-2", "--counter", "2", "--box-address", "192.168.1.10", "--qr", "--qr-png", png, "--data-dir", Box);

        Assert.Equal(0, code);
        var lines = output.Split('\n');
        using var json = JsonDocument.Parse(lines[0]);
        Assert.Equal("192.168.1.10", json.RootElement.GetProperty("box").GetString());
        Assert.Equal(Path.GetFullPath(png), json.RootElement.GetProperty("qrPng").GetString());
        Assert.Contains(lines.Skip(1), l => l.Contains('█', StringComparison.Ordinal));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
    }

    [Fact]
    public void Device_enroll_puts_the_boxs_certificate_fingerprint_in_what_the_device_pins()
    {
        Directory.CreateDirectory(Box);
        using var certificate = Hall.Contract.Tls.BoxCertificate.LoadOrCreate(Box, ["192.168.1.10"], TimeProvider.System);

        var (code, output, _) = Run("device", "enroll", "--role", "kiosk", "--id", "kiosk-9", "--data-dir", Box);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(Hall.Contract.Tls.BoxCertificate.Fingerprint(certificate), json.RootElement.GetProperty("boxCertificateSha256").GetString());
    }

    [Fact]
    public void Device_replace_hands_the_counter_to_the_new_unit_and_list_shows_the_chain()
    {
        Run("device", "enroll", "--role", "evaluator", "--id", "evaluator-4", "--counter", "4", "--data-dir", Box);

        var (code, output, _) = Run("device", "replace", "--id", "evaluator-4", "--new-id", "evaluator-4b", "--data-dir", Box);
        var (_, list, _) = Run("device", "list", "--data-dir", Box);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("4", json.RootElement.GetProperty("counter").GetString());
        Assert.Equal("evaluator-4", json.RootElement.GetProperty("replaces").GetString());
        Assert.Equal(new DeviceIdentity("evaluator-4b", DeviceRole.Evaluator, "4"), Registry().Authenticate(json.RootElement.GetProperty("username").GetString(), json.RootElement.GetProperty("password").GetString()));
        Assert.Contains("\"replacedBy\":\"evaluator-4b\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public void Village_verbs_add_list_and_remove()
    {
        var (added, _, _) = Run("village", "add", "--id", "v-01", "--name", "东村代办点", "--data-dir", Box);
        var (_, list, _) = Run("village", "list", "--data-dir", Box);
        var (removed, _, _) = Run("village", "remove", "--id", "v-01", "--data-dir", Box);
        var (again, _, error) = Run("village", "remove", "--id", "v-01", "--data-dir", Box);

        Assert.Equal(0, added);
        Assert.Contains("东村代办点", list, StringComparison.Ordinal);
        Assert.Equal(0, removed);
        Assert.Equal(2, again);
        Assert.Equal(ErrorCodes.UnknownVillage, Error(error).Code);
    }

    [Fact]
    public void Staff_verbs_add_set_a_password_and_list()
    {
        Registry();
        var (added, _, _) = Run("staff", "add", "--id", "a9", "--name", "王管理", "--role", "admin", "--password", "correct-horse-9", "--data-dir", Box);
        var (password, _, _) = Run("staff", "password", "--id", "a9", "--password", "battery-staple-7", "--data-dir", Box);
        var (_, list, _) = Run("staff", "list", "--data-dir", Box);
        var (taken, _, error) = Run("staff", "add", "--id", "a9", "--name", "重复", "--role", "admin", "--password", "correct-horse-9", "--data-dir", Box);

        Assert.Equal(0, added);
        Assert.Equal(0, password);
        Assert.Contains("王管理", list, StringComparison.Ordinal);
        Assert.Equal(2, taken);
        Assert.Equal(ErrorCodes.StaffExists, Error(error).Code);
    }

    [Fact]
    public void Box_init_writes_settings_the_box_accepts_and_prints_what_the_county_needs()
    {
        var (code, output, _) = Run("box", "init", "--hall-id", "t7", "--hall-name", "七里镇便民服务中心", "--opening-hours", "08:00-12:00,14:00-17:00", "--settings-file", SettingsFile, "--data-dir", Box);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var publicKey = json.RootElement.GetProperty("publicKey").GetString();
        Assert.Contains("hallctl hub enroll --box t7", json.RootElement.GetProperty("atCounty").GetString(), StringComparison.Ordinal);
        Assert.Empty(BoxSettings.Validate(BoxSettings.Load(SettingsFile)));
        var box = Hall.FirmwareHost.Box.BoxHostingExtensions.ReadBoxOptions(Configuration(SettingsFile));
        Assert.Equal(("t7", "七里镇便民服务中心", Path.GetFullPath(Box)), (box.HallId, box.HallName, box.DataDirectory));

        // The same key box key prints, for the hub.
        var (_, key, _) = Run("box", "key", "--data-dir", Box);
        Assert.Contains(publicKey!, key, StringComparison.Ordinal);
    }

    [Fact]
    public void Box_init_refuses_what_would_stop_the_box_and_writes_nothing()
    {
        var (code, _, error) = Run("box", "init", "--hall-id", "t7", "--hall-name", "七里镇", "--time-zone", "Mars/Olympus", "--opening-hours", "25:00-26:00", "--settings-file", SettingsFile, "--data-dir", Box);

        Assert.Equal(2, code);
        var (errorCode, message) = Error(error);
        Assert.Equal(ErrorCodes.SettingsInvalid, errorCode);
        Assert.Contains("Box:TimeZone", message, StringComparison.Ordinal);
        Assert.Contains("CounterMonitor:OpeningHours", message, StringComparison.Ordinal);
        Assert.False(File.Exists(SettingsFile));
    }

    [Fact]
    public void The_county_enrolls_the_box_and_box_init_takes_the_hubs_settings_for_this_box_only()
    {
        Run("box", "init", "--hall-id", "t7", "--hall-name", "七里镇", "--settings-file", SettingsFile, "--data-dir", Box);
        var (_, key, _) = Run("box", "key", "--data-dir", Box);
        var publicKey = JsonDocument.Parse(key).RootElement.GetProperty("publicKey").GetString()!;
        var hubFile = Path.Combine(_dir, "usb", "hub-t7.json");
        Directory.CreateDirectory(Path.GetDirectoryName(hubFile)!);

        var (enrolled, hubOutput, _) = Run("hub", "enroll", "--box", "t7", "--public-key", publicKey, "--hub-url", "https://hub.test:8443", "--data-dir", Hub);
        File.WriteAllText(hubFile, hubOutput);
        var (_, boxes, _) = Run("hub", "boxes", "--data-dir", Hub);
        var (wrongBox, _, wrongError) = Run("box", "init", "--hall-id", "t8", "--hall-name", "八里镇", "--hub-settings", hubFile, "--settings-file", SettingsFile, "--data-dir", Box);
        var (taken, _, _) = Run("box", "init", "--hall-id", "t7", "--hall-name", "七里镇", "--hub-settings", hubFile, "--settings-file", SettingsFile, "--data-dir", Box);

        Assert.Equal(0, enrolled);
        Assert.Contains("\"boxId\":\"t7\"", boxes, StringComparison.Ordinal);
        Assert.Equal(2, wrongBox);
        Assert.Equal(ErrorCodes.SettingsInvalid, Error(wrongError).Code);
        Assert.Equal(0, taken);
        var configuration = Configuration(SettingsFile);
        Assert.Equal("https://hub.test:8443", configuration["Sync:HubUrl"]);
        Assert.Equal(JsonDocument.Parse(hubOutput).RootElement.GetProperty("settings").GetProperty("Sync:HubSigningKey").GetString(), configuration["Sync:HubSigningKey"]);
        Assert.Equal("t7", configuration["Box:HallId"]);

        var (revoked, _, _) = Run("hub", "revoke", "--box", "t7", "--data-dir", Hub);
        var (revokedAgain, _, _) = Run("hub", "ticket", "--box", "t7", "--role", "kiosk", "--id", "kiosk-1", "--data-dir", Hub);
        Assert.Equal(0, revoked);
        Assert.Equal(2, revokedAgain);
    }

    [Fact]
    public void A_ticket_from_the_county_enrolls_on_the_box_from_a_file_once_and_from_text_never_for_another_box()
    {
        var ticketFile = SetUpBoxAndCounty();

        var (issued, issuedOutput, _) = Run("hub", "ticket", "--box", "t7", "--role", "caller", "--id", "caller-5", "--counter", "5", "--expires", "3d", "--out", ticketFile, "--data-dir", Hub);
        var (enrolled, credentials, _) = Run("device", "enroll", "--ticket", ticketFile, "--settings-file", SettingsFile, "--data-dir", Box);
        var (again, _, againError) = Run("device", "enroll", "--ticket", ticketFile, "--settings-file", SettingsFile, "--data-dir", Box);

        Assert.Equal(0, issued);
        Assert.Equal(0, enrolled);
        using var json = JsonDocument.Parse(credentials);
        Assert.Equal(new DeviceIdentity("caller-5", DeviceRole.Caller, "5"), Registry().Authenticate(json.RootElement.GetProperty("username").GetString(), json.RootElement.GetProperty("password").GetString()));
        Assert.Equal(2, again);
        Assert.Equal(ErrorCodes.TicketUsed, Error(againError).Code);

        // A ticket for another box: refused, nothing enrolled.
        Run("hub", "enroll", "--box", "t8", "--public-key", JsonDocument.Parse(Run("box", "key", "--data-dir", Box).Output).RootElement.GetProperty("publicKey").GetString()!, "--hub-url", "https://hub.test:8443", "--data-dir", Hub);
        var (_, other, _) = Run("hub", "ticket", "--box", "t8", "--role", "kiosk", "--id", "kiosk-8", "--data-dir", Hub);
        var text = JsonDocument.Parse(other).RootElement.GetProperty("ticket").GetString()!;
        var (wrong, _, wrongError) = Run("device", "enroll", "--ticket", text, "--settings-file", SettingsFile, "--data-dir", Box);
        Assert.Equal(2, wrong);
        Assert.Equal(ErrorCodes.TicketWrongBox, Error(wrongError).Code);
        Assert.DoesNotContain(Registry().List(), d => d.DeviceId == "kiosk-8");
        Assert.Contains("\"ticket\":\"HT1.", issuedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_ticket_file_is_refused_on_the_box()
    {
        var ticketFile = SetUpBoxAndCounty();
        Run("hub", "ticket", "--box", "t7", "--role", "kiosk", "--id", "kiosk-1", "--out", ticketFile, "--data-dir", Hub);
        var parts = File.ReadAllText(ticketFile).Trim().Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        File.WriteAllText(ticketFile, $"{parts[0]}.{parts[1]}.{new string(signature)}");

        var (code, output, error) = Run("device", "enroll", "--ticket", ticketFile, "--settings-file", SettingsFile, "--data-dir", Box);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(ErrorCodes.TicketBadSignature, Error(error).Code);
        Assert.Empty(Registry().List());
    }

    private string SetUpBoxAndCounty()
    {
        var (_, init, _) = Run("box", "init", "--hall-id", "t7", "--hall-name", "七里镇", "--settings-file", SettingsFile, "--data-dir", Box);
        var publicKey = JsonDocument.Parse(init).RootElement.GetProperty("publicKey").GetString()!;
        var hubFile = Path.Combine(_dir, "hub-t7.json");
        File.WriteAllText(hubFile, Run("hub", "enroll", "--box", "t7", "--public-key", publicKey, "--hub-url", "https://hub.test:8443", "--data-dir", Hub).Output);
        Assert.Equal(0, Run("box", "init", "--hall-id", "t7", "--hall-name", "七里镇", "--hub-settings", hubFile, "--settings-file", SettingsFile, "--data-dir", Box).Code);
        return Path.Combine(_dir, "usb", "ticket.txt");
    }

    private DeviceRegistryService Registry() => BoxStore.Registry(Box, TimeProvider.System);

    private static Microsoft.Extensions.Configuration.IConfiguration Configuration(string path) =>
        Microsoft.Extensions.Configuration.JsonConfigurationExtensions.AddJsonFile(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), path).Build();

    private static (string Code, string Message) Error(string stderr)
    {
        using var json = JsonDocument.Parse(stderr.Split('\n')[0]);
        var error = json.RootElement.GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = new Cli(output, error, TimeProvider.System).Run(args);
        return (code, output.ToString().Trim(), error.ToString());
    }
}
