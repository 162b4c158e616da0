using System.Globalization;

namespace Hall.SiteInspection.Rules;

/// <summary>
/// The watermark checks (plain logic on what OCR read): the date, time and place against the application, and the
/// watermark clock advancing one second per second of video — a cut or a re-recording shows up as a jump.
/// </summary>
public static class WatermarkCheck
{
    /// <summary>How far the watermark clock may drift from the video's own between two readings: OCR samples at whole
    /// seconds of a clock shown in whole seconds, so ±1 s is normal.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2.5);

    public static IReadOnlyList<CheckResult> Evaluate(IReadOnlyList<WatermarkReading> readings, InspectionApplication application)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(application);
        var timed = readings
            .Select(r => (r.VideoTime, Time: WatermarkText.TimeOf(r.Lines)))
            .Where(r => r.Time is not null)
            .Select(r => (r.VideoTime, Time: r.Time!.Value))
            .OrderBy(r => r.VideoTime)
            .ToList();
        var places = readings.Select(r => WatermarkText.PlaceOf(r.Lines)).OfType<string>().ToList();
        return [Content(timed, places, application), Clock(timed)];
    }

    private static CheckResult Content(List<(TimeSpan VideoTime, DateTime Time)> timed, List<string> places, InspectionApplication application)
    {
        if (timed.Count == 0)
        {
            return new CheckResult(CheckNames.Watermark, false, null, null, "未识别到水印中的拍摄日期和时间,请使用水印相机拍摄,水印须清晰可见");
        }

        var first = timed[0];
        var shot = new DateTimeOffset(first.Time, application.WindowFrom.Offset);
        var shotText = first.Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (shot < application.WindowFrom || shot > application.WindowTo)
        {
            return new CheckResult(CheckNames.Watermark, false, first.VideoTime, first.VideoTime,
                $"水印拍摄时间 {shotText} 不在申请的踏勘时段({application.WindowFrom:yyyy-MM-dd HH:mm}–{application.WindowTo:yyyy-MM-dd HH:mm})内");
        }

        if (places.Count == 0)
        {
            return new CheckResult(CheckNames.Watermark, false, null, null, "未识别到水印中的拍摄地点,请开启水印相机的定位");
        }

        // The place most often read wins: one misread frame does not decide.
        var place = places.GroupBy(p => p, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First().Key;
        if (!WatermarkText.SamePlace(place, application.Address))
        {
            return new CheckResult(CheckNames.Watermark, false, null, null, $"水印地点“{place}”与申请的经营地址“{application.Address}”不符");
        }

        return new CheckResult(CheckNames.Watermark, true, null, null, $"水印时间 {shotText}、地点“{place}”与申请一致");
    }

    private static CheckResult Clock(List<(TimeSpan VideoTime, DateTime Time)> timed)
    {
        if (timed.Count < 2)
        {
            return new CheckResult(CheckNames.WatermarkClock, false, null, null, "水印时间读取次数不足,无法核对录制是否连续");
        }

        for (var i = 1; i < timed.Count; i++)
        {
            var (videoBefore, clockBefore) = timed[i - 1];
            var (videoAfter, clockAfter) = timed[i];
            var drift = (clockAfter - clockBefore) - (videoAfter - videoBefore);
            if (drift.Duration() > Tolerance)
            {
                return new CheckResult(CheckNames.WatermarkClock, false, videoBefore, videoAfter,
                    $"{Clock(videoAfter)} 水印时间由 {clockBefore:HH:mm:ss} 跳到 {clockAfter:HH:mm:ss}(视频只过了 {(videoAfter - videoBefore).TotalSeconds:0} 秒),疑似剪辑拼接或重新录制");
            }
        }

        return new CheckResult(CheckNames.WatermarkClock, true, timed[0].VideoTime, timed[^1].VideoTime, "水印时间随视频连续走动,未发现剪辑或重录");
    }

    /// <summary>A video time as people read it: 01:05.</summary>
    public static string Clock(TimeSpan time) => time.ToString(time.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
}
