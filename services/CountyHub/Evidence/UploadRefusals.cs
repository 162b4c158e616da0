using System.Globalization;
using Hall.Contract.Evidence;
using Hall.Contract.Uplink;

namespace Hall.CountyHub.Evidence;

/// <summary>Every refusal of the upload routes, with a message in Chinese for the hall's console and the hub's log.</summary>
public static class UploadRefusals
{
    public static UploadOutcome UnknownBox() =>
        UploadOutcome.Refused(401, UplinkErrorCodes.UnknownBox, "县级中心未登记此边缘盒,请县级中心管理员登记(hallctl hub enroll)");

    public static UploadOutcome BadSignature() => UploadOutcome.Refused(401, UplinkErrorCodes.BadSignature, "请求签名缺失或与登记的密钥不符");

    public static UploadOutcome Revoked() => UploadOutcome.Refused(403, UplinkErrorCodes.Revoked, "此边缘盒已在县级中心被停用");

    public static UploadOutcome Replayed(long lastNonce) =>
        UploadOutcome.Refused(409, UplinkErrorCodes.Replayed, "请求编号不大于县级中心上次接受的编号(疑似重放),请更新时钟后重发", lastNonce: lastNonce);

    public static UploadOutcome UnknownRequest() =>
        UploadOutcome.Refused(404, UploadErrorCodes.UnknownRequest, "县级中心没有向本厅调取这段视频,无需上传");

    public static UploadOutcome BadRequest(string why) => UploadOutcome.Refused(400, UploadErrorCodes.BadRequest, "上传请求无法读取:" + why);

    public static UploadOutcome BadOffset(long offset) => UploadOutcome.Refused(409, UploadErrorCodes.BadOffset,
        string.Create(CultureInfo.InvariantCulture, $"县级中心已收到前 {offset} 字节,请从第 {offset} 字节起续传"), offset);

    public static UploadOutcome BeyondEnd(long size) => UploadOutcome.Refused(400, UploadErrorCodes.BeyondEnd,
        string.Create(CultureInfo.InvariantCulture, $"这段数据超出了开始上传时声明的大小({size} 字节),请重新开始上传"));

    public static UploadOutcome TooLarge(long limit) => UploadOutcome.Refused(413, UploadErrorCodes.TooLarge,
        string.Create(CultureInfo.InvariantCulture, $"超过县级中心的上限({limit} 字节),请减小每段的大小"));

    public static UploadOutcome Incomplete(long offset) => UploadOutcome.Refused(409, UploadErrorCodes.Incomplete,
        string.Create(CultureInfo.InvariantCulture, $"视频尚未传完:县级中心只收到前 {offset} 字节,请续传后再结束"), offset);

    public static UploadOutcome HashMismatch() => UploadOutcome.Refused(422, UploadErrorCodes.HashMismatch,
        "收到的视频与声明的校验值(SHA-256)不符,已丢弃,请从头重新上传", 0);

    public static UploadOutcome Unavailable() => UploadOutcome.Refused(503, UploadErrorCodes.Unavailable, "县级中心暂时无法保存(磁盘或数据库),本段未确认,请稍后重传");
}
