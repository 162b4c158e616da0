using System.Diagnostics;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>A bad setting stops the box at once, with a message naming the key and a non-zero exit.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("--Box:MqttPort=abc", "Box:MqttPort")]
    [InlineData("--Box:HttpPort=70000", "Box:HttpPort")]
    [InlineData("--Box:TimeZone=Mars/Olympus", "Box:TimeZone")]
    [InlineData("--Box:HallId=hall one", "Box:HallId")]
    [InlineData("--Queue:MaxRecalls=-1", "Queue:MaxRecalls")]
    public async Task A_bad_setting_stops_the_box_naming_the_key(string setting, string key)
    {
        var (exitCode, output) = await StartBoxAsync(setting);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_site_inspection_setting_stops_the_box_naming_the_full_key_and_why()
    {
        var (exitCode, output) = await StartBoxAsync("--SiteInspection:Jobs:MaxAttempts=0", "--SiteInspection:Analysis:SampleWidth=321");

        Assert.Equal(2, exitCode);
        Assert.Contains("The box did not start: a setting is wrong.", output, StringComparison.Ordinal);
        Assert.Contains("  The field SiteInspection:Jobs:MaxAttempts must be between 1 and 20.", output, StringComparison.Ordinal);
        Assert.Contains("  SiteInspection:Analysis:SampleWidth must be even.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("see the log", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Box:DeviceLanIsolated=true", "Box:DeviceLanAddress must be the box's own IP address on the isolated device LAN")]
    [InlineData("--Box:DeviceLanIsolated=true --Box:DeviceLanAddress=0.0.0.0", "would put the plain listeners on every network")]
    [InlineData("--Box:DeviceLanAddress=127.0.0.1", "Box:DeviceLanAddress is set but Box:DeviceLanIsolated is false")]
    [InlineData("--Box:HttpsPort=8883", "Box:MqttTlsPort and Box:HttpsPort are all 8883")]
    public async Task Plain_listeners_need_an_isolated_device_lans_own_address_and_every_listener_its_own_port(string settings, string message)
    {
        var (exitCode, output) = await StartBoxAsync(settings.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Box:MqttTlsPort")]
    [InlineData("Box:HttpsPort")]
    public async Task A_port_another_program_holds_stops_the_box_with_one_line_naming_the_setting(string setting)
    {
        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        other.Start();
        var busy = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;
        var free = BoxProcess.FreePorts(1)[0];
        var ports = setting == "Box:MqttTlsPort" ? (Mqtt: busy, Https: free) : (Mqtt: free, Https: busy);

        var (exitCode, output) = await StartBoxAsync($"--Box:MqttTlsPort={ports.Mqtt}", $"--Box:HttpsPort={ports.Https}");

        Assert.Equal(2, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var refusal = Assert.Single(lines, l => l.Contains(setting, StringComparison.Ordinal));
        Assert.Contains(busy.ToString(System.Globalization.CultureInfo.InvariantCulture), refusal, StringComparison.Ordinal);
        Assert.Contains("已被其他程序占用", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output)> StartBoxAsync(params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "hall-set-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hall.FirmwareHost.dll"));
        info.ArgumentList.Add($"--Box:DataDirectory={data}");
        var (mqttPort, httpPort) = BoxProcess.FreePortPair();
        info.ArgumentList.Add($"--Box:MqttPort={mqttPort}");
        info.ArgumentList.Add($"--Box:HttpPort={httpPort}");
        info.ArgumentList.Add("--Box:BindAddress=127.0.0.1");
        foreach (var setting in settings)
        {
            info.ArgumentList.Add(setting);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        var output = await stderr + await stdout;
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        return (process.ExitCode, output);
    }
}
