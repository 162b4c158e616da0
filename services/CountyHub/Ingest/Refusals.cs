using System.Globalization;
using Hall.Contract.Uplink;

namespace Hall.CountyHub.Ingest;

/// <summary>Every refusal of docs/sync.md with its status and a message for the hall's console (Chinese).</summary>
public static class Refusals
{
    public static IngestOutcome BadBatch(string why) => IngestOutcome.Refused(400, UplinkErrorCodes.BadBatch, "批次无法读取:" + why);

    public static IngestOutcome UnknownBox() =>
        IngestOutcome.Refused(401, UplinkErrorCodes.UnknownBox, "县级中心未登记此边缘盒,请县级中心管理员登记(hallctl hub enroll)");

    public static IngestOutcome BadSignature() =>
        IngestOutcome.Refused(401, UplinkErrorCodes.BadSignature, "请求签名缺失或与登记的密钥不符");

    public static IngestOutcome Revoked() => IngestOutcome.Refused(403, UplinkErrorCodes.Revoked, "此边缘盒已在县级中心被停用");

    public static IngestOutcome WrongBox() => IngestOutcome.Refused(403, UplinkErrorCodes.WrongBox, "批次中的边缘盒编号与签名的边缘盒不一致");

    public static IngestOutcome Replayed(long lastNonce, DateTimeOffset hubTime) =>
        IngestOutcome.Refused(409, UplinkErrorCodes.Replayed, "请求编号不大于县级中心上次接受的编号(疑似重放),请更新时钟后重发", lastNonce: lastNonce, hubTime: hubTime);

    public static IngestOutcome Gap(long mark) =>
        IngestOutcome.Refused(409, UplinkErrorCodes.Gap, string.Create(CultureInfo.InvariantCulture, $"批次不连续:县级中心已收到第 {mark} 号及以前的事件,请从第 {mark + 1} 号重发"), mark: mark);

    public static IngestOutcome TooLarge() => IngestOutcome.Refused(413, UplinkErrorCodes.TooLarge, "批次超过县级中心的上限,请减小批次");

    public static IngestOutcome Unavailable() => IngestOutcome.Refused(503, UplinkErrorCodes.HubUnavailable, "县级中心数据库暂不可用,本批次未保存,请稍后重发");
}
