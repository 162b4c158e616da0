using Hall.Contract;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>A hall that asks every service to be rated before the counter calls again.</summary>
public sealed class RatingBeforeNextTests
{
    [Fact]
    public async Task Next_waits_for_the_rating_of_the_last_service_then_calls()
    {
        await using var box = new BoxProcess("rbn");
        var kiosk = box.Enroll("kiosk-1", DeviceRole.Kiosk);
        var caller = box.Enroll("caller-1", DeviceRole.Caller, "1");
        var evaluator = box.Enroll("evaluator-1", DeviceRole.Evaluator, "1");
        await box.StartAsync("--Evaluation:RequireRatingBeforeNext=true");

        var first = (await MosquittoClient.RequestAsync(box, kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""))).GetProperty("ticketNo").GetString();
        await MosquittoClient.RequestAsync(box, kiosk, "ticket", MqttContractTests.Req("""{"category":"A"}"""));
        await MosquittoClient.RequestAsync(box, caller, "counter", MqttContractTests.Req("""{"cmd":"next"}"""));
        await MosquittoClient.RequestAsync(box, caller, "counter", MqttContractTests.Req("""{"cmd":"finish"}"""));

        var held = await MosquittoClient.RequestAsync(box, caller, "counter", MqttContractTests.Req("""{"cmd":"next"}"""));
        Assert.Equal(ErrorCodes.RatingPending, held.GetProperty("error").GetProperty("code").GetString());

        await MosquittoClient.RequestAsync(box, evaluator, "rating", MqttContractTests.Req($$"""{"ticketNo":"{{first}}","level":4}"""));
        var called = await MosquittoClient.RequestAsync(box, caller, "counter", MqttContractTests.Req("""{"cmd":"next"}"""));
        Assert.False(called.TryGetProperty("error", out var error), error.ToString());
        Assert.NotEqual(first, called.GetProperty("ticketNo").GetString());
    }
}
