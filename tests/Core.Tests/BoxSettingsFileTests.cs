using Hall.FirmwareHost.Box;
using Microsoft.Extensions.Configuration;

namespace Hall.Core.Tests;

/// <summary>
/// The box reads what hallctl box init wrote: over the shipped appsettings.json, under the environment and the command
/// line, so an operator's override still wins; no file, no change.
/// </summary>
public sealed class BoxSettingsFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hall-settings-" + Guid.NewGuid().ToString("N")[..12]);

    public BoxSettingsFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_technicians_file_wins_over_the_shipped_defaults_and_the_command_line_wins_over_it()
    {
        var shipped = Write("appsettings.json", """{"Box":{"HallId":"demo","HallName":"示范镇","TimeZone":"Asia/Shanghai"}}""");
        var site = Write("box.json", """{"Box":{"HallId":"t7","HallName":"七里镇"}}""");
        using var configuration = new ConfigurationManager();
        configuration.AddJsonFile(shipped);
        configuration.AddCommandLine([$"--Box:SettingsFile={site}", "--Box:HallName=临时名称"]);

        BoxSettingsFile.Add(configuration);
        var box = BoxHostingExtensions.ReadBoxOptions(configuration);

        Assert.Equal(("t7", "临时名称", "Asia/Shanghai"), (box.HallId, box.HallName, box.TimeZone));
    }

    [Fact]
    public void Without_the_file_the_box_runs_on_its_shipped_settings()
    {
        using var configuration = new ConfigurationManager();
        configuration.AddJsonFile(Write("appsettings.json", """{"Box":{"HallId":"demo"}}"""));
        configuration.AddCommandLine([$"--Box:SettingsFile={Path.Combine(_dir, "absent.json")}"]);

        BoxSettingsFile.Add(configuration);

        Assert.Equal("demo", BoxHostingExtensions.ReadBoxOptions(configuration).HallId);
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
