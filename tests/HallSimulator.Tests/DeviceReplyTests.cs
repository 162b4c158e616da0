using System.Text;
using Xunit;

namespace Hall.Devices.HallSimulator.Tests;

public class DeviceReplyTests
{
    [Fact]
    public void A_result_is_matched_by_its_request_id()
    {
        var (requestId, error) = DeviceReply.Peek(Encoding.UTF8.GetBytes("""{"requestId":"kiosk-1-7","ts":"2025-03-03T09:00:00+08:00","ticketNo":"A012","extra":{"a":[1,2]}}"""));

        Assert.Equal("kiosk-1-7", requestId);
        Assert.Null(error);
    }

    [Fact]
    public void A_refusal_carries_its_error_code()
    {
        var (requestId, error) = DeviceReply.Peek(Encoding.UTF8.GetBytes("""{"requestId":"caller-3-2","ts":"2025-03-03T09:00:00+08:00","error":{"code":"no-waiting-ticket","message":"没有等候的号"}}"""));

        Assert.Equal("caller-3-2", requestId);
        Assert.Equal("no-waiting-ticket", error);
    }

    [Fact]
    public void A_payload_that_is_not_json_matches_nothing()
    {
        Assert.Equal((null, null), DeviceReply.Peek(Encoding.UTF8.GetBytes("not json")));
        Assert.Equal((null, null), DeviceReply.Peek(Encoding.UTF8.GetBytes("[1,2]")));
    }
}
