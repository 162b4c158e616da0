using System.Globalization;
using Hall.Store.Disk;

namespace Hall.SiteInspection.Upload;

/// <summary>The refusals of the upload protocol, each with a message that says what to do next.</summary>
internal static class UploadErrors
{
    public static UploadError Unknown(string uploadId) =>
        Make(ErrorCodes.UnknownUpload, $"没有编号为 {Shorten(uploadId)} 的上传。请刷新页面,重新选择视频上传。");

    public static UploadError Missing(string field, string what) =>
        Make(ErrorCodes.MissingField, $"缺少{what}({field})。请从申请页面进入后重新上传。");

    public static UploadError Invalid(string field, string problem) =>
        Make(ErrorCodes.InvalidField, $"{field}:{problem}");

    public static UploadError Empty(string fileName) =>
        Make(ErrorCodes.UploadEmpty, $"视频「{fileName}」大小为 0 字节,没有内容。请在手机上打开这段录像,确认能播放后重新选择上传。");

    public static UploadError TooLarge(long size, long max) =>
        Make(ErrorCodes.UploadTooLarge, $"视频大小 {Size(size)},超过上限 {Size(max)}。请缩短录像(只拍踏勘要点),或把拍摄分辨率改为 1080p 后重新拍摄上传。");

    public static UploadError PastDeclaredSize(long size, long received) =>
        Make(ErrorCodes.UploadTooLarge, $"这一段数据超出了开始上传时声明的文件大小({N(size)} 字节),没有保存。已收到 {N(received)} 字节;请刷新页面,重新开始上传。", received);

    public static UploadError NotVideo(string fileName, string whatItIs) =>
        Make(ErrorCodes.UploadNotVideo, $"文件「{fileName}」不是视频,而是{whatItIs},已删除。请在手机相册中选择录好的踏勘视频(MP4、MOV 等格式)重新上传。");

    public static UploadError NotVideoType(string fileName, string contentType) =>
        Make(ErrorCodes.UploadNotVideo, $"文件「{fileName}」的类型是 {contentType},不是视频。请在手机相册中选择录好的踏勘视频(MP4、MOV 等格式)重新上传。");

    public static UploadError OffsetMismatch(long offset, long received, long size) => received == size
        ? Make(ErrorCodes.UploadOffsetMismatch, $"视频已全部收到({N(size)} 字节),不需要再传。", received)
        : Make(ErrorCodes.UploadOffsetMismatch, $"续传位置不对:盒子已收到 {N(received)} 字节,这一段却从第 {N(offset)} 字节开始。请从第 {N(received)} 字节继续上传。", received);

    public static UploadError Busy(long received) =>
        Make(ErrorCodes.UploadBusy, $"这段视频的上一次传输还没有结束(盒子已收到 {N(received)} 字节)。请等几秒,查询已收到的字节数后再继续。", received);

    public static UploadError ChecksumMismatch(string fileName) =>
        Make(ErrorCodes.UploadChecksumMismatch, $"视频「{fileName}」在传输中损坏(SHA-256 校验值与手机算出的不一致),已删除。请重新上传。");

    public static UploadError NoSpace(long size, long available) =>
        Make(ErrorCodes.UploadNoSpace, $"盒子的磁盘已满:这段视频还差 {Size(size)},盒子只剩 {Size(Math.Max(0, available))} 可用。已收到的部分已经保存;请联系工作人员,等技术人员清理存储空间后从断点继续上传。");

    /// <summary>The disk budget's refusal, worded for the applicant.</summary>
    public static UploadError NoRoom(DiskDecision room) => room.Refusal switch
    {
        DiskRefusal.OwnerCount => Make(ErrorCodes.UploadLimitReached, $"本申请已有 {room.OwnerOpen} 个视频正在上传,最多同时上传 {room.OwnerMaxOpen} 个。请先传完或取消其中一个,再上传新的视频。"),
        DiskRefusal.OwnerBytes => Make(ErrorCodes.UploadLimitReached, $"本申请正在上传的视频共 {Size(room.OwnerBytes)},加上这段 {Size(room.Requested)} 超过了每个申请同时上传的上限 {Size(room.OwnerMaxBytes)}。请先传完或取消正在上传的视频。"),
        _ => Make(ErrorCodes.DiskBudgetExceeded, $"盒子存储空间不足:这段视频需要 {Size(room.Requested)},盒子现在只能再接收 {Size(Math.Max(0, room.Headroom))}(其余空间已留给正在上传的视频和盒子的数据库)。请稍后再试;一直不行请联系窗口工作人员。"),
    };

    public static UploadError StoreUnavailable() =>
        Make(ErrorCodes.StoreUnavailable, "盒子暂时无法保存,这次操作没有生效。请稍后重试;已收到的部分不会丢失。");

    public static UploadError EndNotRecorded() =>
        Make(ErrorCodes.StoreUnavailable, "已收到的视频数据已经删除,但盒子暂时无法记录这次操作。请稍后再试一次。");

    public static UploadError Cancelled() =>
        Make(ErrorCodes.UploadGone, "这次上传已经取消。请重新选择视频上传。");

    public static UploadError Abandoned(TimeSpan after) =>
        Make(ErrorCodes.UploadGone, $"这次上传超过 {Duration(after)}没有继续,已作废。请重新选择视频上传。");

    public static UploadError PartLost() =>
        Make(ErrorCodes.UploadGone, "盒子上已收到的这段视频数据丢失了(可能被清理或磁盘出错)。请重新选择视频上传。");

    /// <summary>A refusal read back from the store.</summary>
    public static UploadError Stored(string code, string message) => Make(code, message);

    public static int HttpStatusOf(string code) => code switch
    {
        ErrorCodes.UnknownUpload => 404,
        ErrorCodes.UploadOffsetMismatch or ErrorCodes.UploadBusy => 409,
        ErrorCodes.UploadGone => 410,
        ErrorCodes.UploadTooLarge => 413,
        ErrorCodes.UploadNotVideo => 415,
        ErrorCodes.UploadChecksumMismatch => 422,
        ErrorCodes.UploadNoSpace or ErrorCodes.DiskBudgetExceeded => 507,
        ErrorCodes.UploadLimitReached => 429,
        ErrorCodes.StoreUnavailable => 503,
        _ => 400,
    };

    /// <summary>Sizes as a person reads them: 1.8 GB, 350 MB, 12 KB, 300 字节.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} 字节"),
    };

    private static UploadError Make(string code, string message, long? currentOffset = null) =>
        new(code, message, currentOffset) { HttpStatus = HttpStatusOf(code) };

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => span.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} 天")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} 小时");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
