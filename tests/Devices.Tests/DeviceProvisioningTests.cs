using Hall.Devices.Client;

namespace Hall.Devices.Tests;

public sealed class DeviceProvisioningTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hall-device-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void The_enrollment_json_fills_the_device_credentials()
    {
        File.WriteAllText(_file, """{"deviceId":"kiosk-7","username":"kiosk-7","password":"p@ss"}""");
        var options = new DeviceClientOptions { Host = "192.168.10.2", HallId = "h1", ProvisioningFile = _file };

        DeviceProvisioning.Apply(options);

        Assert.Equal("kiosk-7", options.DeviceId);
        Assert.Equal("kiosk-7", options.Username);
        Assert.Equal("p@ss", options.Password);
        Assert.Equal("h1", options.HallId);
    }

    [Fact]
    public void Settings_given_explicitly_win_over_the_file()
    {
        File.WriteAllText(_file, """{"deviceId":"kiosk-7","username":"kiosk-7","password":"old"}""");
        var options = new DeviceClientOptions { Password = "new", ProvisioningFile = _file };

        DeviceProvisioning.Apply(options);

        Assert.Equal("new", options.Password);
    }

    [Fact]
    public void A_missing_file_says_which_setting_and_what_to_do()
    {
        var options = new DeviceClientOptions { ProvisioningFile = _file };

        var error = Assert.Throws<InvalidOperationException>(() => DeviceProvisioning.Apply(options));

        Assert.Contains("Box:ProvisioningFile", error.Message, StringComparison.Ordinal);
        Assert.Contains(_file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_fail_validation_with_the_setting_named()
    {
        var result = new DeviceClientOptionsValidator().Validate(null, new DeviceClientOptions { Host = "box", HallId = "h1" });

        Assert.True(result.Failed);
        Assert.Contains("Box:DeviceId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Box:Password", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_id_that_would_break_topics_is_refused()
    {
        var result = new DeviceClientOptionsValidator().Validate(null, new DeviceClientOptions
        {
            Host = "box",
            HallId = "h1",
            DeviceId = "kiosk/1",
            Username = "u",
            Password = "p",
        });

        Assert.True(result.Failed);
        Assert.Contains("Box:DeviceId", result.FailureMessage, StringComparison.Ordinal);
    }
}
