using System.Text.Json;
using Hall.Contract;
using Hall.DeviceRegistry;
using Hall.Provisioning;
using Hall.Store;

namespace Hall.Core.Tests;

public sealed class ProvisioningCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hallctl-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Enroll_prints_credentials_that_the_box_accepts()
    {
        var (code, output, _) = Run("device", "enroll", "--role", "caller", "--id", "caller-2", "--counter", "2", "--data-dir", _dir);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var username = json.RootElement.GetProperty("username").GetString();
        var password = json.RootElement.GetProperty("password").GetString();
        Assert.Equal("caller-2", json.RootElement.GetProperty("deviceId").GetString());
        var registry = new DeviceRegistryService(new HallDatabase(Path.Combine(_dir, "hall.db")), TimeProvider.System);
        Assert.Equal(new DeviceIdentity("caller-2", DeviceRole.Caller, "2"), registry.Authenticate(username, password));
    }

    [Fact]
    public void Enroll_web_prints_a_setup_link_whose_cookie_the_box_accepts()
    {
        var (code, output, _) = Run("device", "enroll", "--web", "--role", "evaluator", "--id", "tablet-2", "--counter", "2", "--box-url", "http://192.168.1.10:8080/", "--data-dir", _dir);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var path = json.RootElement.GetProperty("setupPath").GetString()!;
        Assert.Equal("http://192.168.1.10:8080" + path, json.RootElement.GetProperty("setupUrl").GetString());
        Assert.False(json.RootElement.TryGetProperty("password", out _));
        var registry = new DeviceRegistryService(new HallDatabase(Path.Combine(_dir, "hall.db")), TimeProvider.System);
        var cookie = registry.CompleteSetup(path["/setup/".Length..]);
        Assert.Equal(new DeviceIdentity("tablet-2", DeviceRole.Evaluator, "2"), registry.AuthenticateWeb(cookie.Value));
    }

    [Fact]
    public void A_bad_role_is_refused_with_a_code_on_stderr_and_exit_code_2()
    {
        var (code, output, error) = Run("device", "enroll", "--role", "printer", "--id", "p-1", "--data-dir", _dir);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(ErrorCodes.InvalidField, error, StringComparison.Ordinal);
        Assert.Contains("kiosk, caller, display, evaluator", error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_and_revoke_work_on_what_was_enrolled()
    {
        Run("device", "enroll", "--role=kiosk", "--id=kiosk-9", $"--data-dir={_dir}");

        var (revoked, _, _) = Run("device", "revoke", "--id", "kiosk-9", "--data-dir", _dir);
        var (again, _, error) = Run("device", "revoke", "--id", "kiosk-9", "--data-dir", _dir);
        var (_, list, _) = Run("device", "list", "--data-dir", _dir);

        Assert.Equal(0, revoked);
        Assert.Equal(2, again);
        Assert.Contains(ErrorCodes.UnknownDevice, error, StringComparison.Ordinal);
        Assert.Contains("kiosk-9", list, StringComparison.Ordinal);
        Assert.Contains("revokedAt", list, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_shows_the_usage()
    {
        var (code, _, error) = Run("device", "explode");

        Assert.Equal(2, code);
        Assert.Contains("hallctl device enroll", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = new Cli(output, error, TimeProvider.System).Run(args);
        return (code, output.ToString().Trim(), error.ToString());
    }
}
