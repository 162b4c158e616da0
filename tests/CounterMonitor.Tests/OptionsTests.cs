using Hall.Contract.Settings;
using Hall.CounterMonitor.Cameras;

namespace Hall.CounterMonitor.Tests;

/// <summary>Bad settings are found at start, each named by its full key, cameras included.</summary>
public sealed class OptionsTests
{
    private static readonly SectionValidator<CounterMonitorOptions> Validator =
        new(CounterMonitorOptions.Section, new CounterMonitorOptionsValidator(), new CounterMonitorOptionsSemanticValidator());

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(Validator.Validate(null, new CounterMonitorOptions()).Succeeded);
    }

    [Fact]
    public void A_bad_camera_is_named_by_its_place_in_the_list()
    {
        var options = new CounterMonitorOptions
        {
            Cameras =
            [
                new CameraSettings { Id = "cam-1", Source = "rtsp://192.168.1.64/102", Counter = "1" },
                new CameraSettings { Id = "cam-1", Source = "rtsp://192.168.1.65/102", Counter = "2" },
                new CameraSettings { Id = "cam 3", Source = "ftp://x/y", Role = "door", SampleRate = 50 },
            ],
        };

        var failures = Validator.Validate(null, options).Failures!;

        Assert.Contains(failures, f => f.StartsWith("CounterMonitor:Cameras:1:Id 'cam-1' is listed twice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CounterMonitor:Cameras:2:Id must be 1–32 letters", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CounterMonitor:Cameras:2:Source: source scheme 'ftp'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CounterMonitor:Cameras:2:Role must be counter or waiting-area", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CounterMonitor:Cameras:2:SampleRate must be between 0.2 and 10", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("Cameras:0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_value_is_named_by_its_full_key()
    {
        var failures = Validator.Validate(null, new CounterMonitorOptions
        {
            MinFaceScore = 0.3,
            OpeningHours = "8:30 to noon",
            CrowdingWaitingPerCounter = 0,
            RestartBackoffMin = TimeSpan.FromSeconds(10),
            RestartBackoffMax = TimeSpan.FromSeconds(5),
            AbsentAfter = TimeSpan.Zero,
        }).Failures!;

        Assert.Contains(failures, f => f.Contains("CounterMonitor:MinFaceScore must be between 0.5 and 1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CounterMonitor:OpeningHours: ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CounterMonitor:CrowdingWaitingPerCounter must be", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CounterMonitor:RestartBackoffMax (00:00:05) must not be below", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CounterMonitor:AbsentAfter must be between", StringComparison.Ordinal));
    }
}
