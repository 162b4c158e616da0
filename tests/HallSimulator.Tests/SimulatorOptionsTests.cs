using Xunit;

namespace Hall.Devices.HallSimulator.Tests;

public class SimulatorOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        new SimulatorOptions().Validate();
    }

    [Fact]
    public void Bad_settings_are_named_in_one_message()
    {
        var options = new SimulatorOptions { TimeScale = 0, HallId = "a/b", BrokerPort = 0 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("TimeScale", error.Message, StringComparison.Ordinal);
        Assert.Contains("HallId", error.Message, StringComparison.Ordinal);
        Assert.Contains("BrokerPort", error.Message, StringComparison.Ordinal);
    }
}
