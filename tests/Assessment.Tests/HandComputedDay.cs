namespace Hall.Assessment.Tests;

/// <summary>
/// Monday 2026-11-23 at a hall with two counters and three staff. Counter 1: 王芳 (s1) all day. Counter 2: 李强 (s2)
/// in the morning, 张伟 (s3) in the afternoon. Eleven tickets; the KPIs each test expects are worked out by hand in
/// <see cref="KpiFixtureTests"/>.
/// </summary>
public static class HandComputedDay
{
    public static async Task WriteAsync(AssessmentHall hall)
    {
        // ---- counter 1, 王芳 ----
        // A001: wait 09:00→09:05 = 5, service 09:05→09:15 = 10; 非常满意.
        await hall.Serve("A001", "1", "s1", "王芳", "09:00", "09:05", "09:15");
        await hall.Rate("A001", "1", "s1", 5, "09:16");

        // A002: wait 09:02→09:15 = 13, service 09:15→09:27 = 12; 满意. Recalled once: the wait still ends at the first call.
        await hall.Issue("A002", "09:02");
        await hall.Call("A002", "1", "s1", "09:15");
        await hall.Recall("A002", "1", "s1", "09:17");
        await hall.Finish("A002", "1", "s1", "王芳", "09:15", "09:27");
        await hall.Rate("A002", "1", "s1", 4, "09:28");

        // A003: called 09:27, did not come: 过号.
        await hall.Issue("A003", "09:04");
        await hall.Call("A003", "1", "s1", "09:27");
        await hall.Skip("A003", "1", "09:30");

        // A004: wait 09:06→09:30 = 24, service 09:30→09:38 = 8; 不满意 → case C-A004, called back, rectification overdue.
        await hall.Serve("A004", "1", "s1", "王芳", "09:06", "09:30", "09:38");
        await hall.Rate("A004", "1", "s1", 2, "09:39", "C-A004");
        await hall.Case("C-A004", "A004", "1", "s1", "open", false, "09:39");
        await hall.Case("C-A004", "A004", "1", "s1", "called-back", false, "11:00");
        await hall.Case("C-A004", "A004", "1", "s1", "called-back", true, "17:00");

        // A005: wait 09:10→09:38 = 28, service 09:38→09:50 = 12; the window ran out: 未评价.
        await hall.Serve("A005", "1", "s1", "王芳", "09:10", "09:38", "09:50");
        await hall.NotRated("A005", "1", "s1", "09:52");

        // ---- counter 2, 李强 ----
        // B001: wait 09:00→09:01 = 1, service 09:01→09:21 = 20; 基本满意.
        await hall.Serve("B001", "2", "s2", "李强", "09:00", "09:01", "09:21");
        await hall.Rate("B001", "2", "s2", 3, "09:22");

        // B002: called at counter 2 at 09:21, transferred to counter 1 at 09:25 (a transfer for counter 2, not served there);
        // at counter 1 it waits 09:25→09:50 = 25 and is served 09:50→10:00 = 10 by 王芳; 非常满意.
        await hall.Issue("B002", "09:03");
        await hall.Call("B002", "2", "s2", "09:21");
        await hall.Transfer("B002", "2", "1", "09:25");
        await hall.Call("B002", "1", "s1", "09:50");
        await hall.Finish("B002", "1", "s1", "王芳", "09:50", "10:00");
        await hall.Rate("B002", "1", "s1", 5, "10:01");

        // B003: wait 09:05→09:25 = 20, service 09:25→09:40 = 15; 非常不满意 → case closed after rectification, re-rated 满意.
        await hall.Serve("B003", "2", "s2", "李强", "09:05", "09:25", "09:40");
        await hall.Rate("B003", "2", "s2", 1, "09:41", "C-B003");
        await hall.Case("C-B003", "B003", "2", "s2", "open", false, "09:41");
        await hall.Case("C-B003", "B003", "2", "s2", "called-back", false, "10:30");
        await hall.Case("C-B003", "B003", "2", "s2", "rectified", false, "14:00");
        await hall.Raise(new Hall.Contract.Events.RatingAccepted(hall.At("14:30"), "R-B003-2", "B003", "2", "s2", 4, "web", "C-B003") { ReRatingOf = "R-B003" });
        await hall.Case("C-B003", "B003", "2", "s2", "closed", false, "15:00");

        // ---- counter 2, 张伟 ----
        // B004: wait 13:00→13:02 = 2, service 13:02→13:10 = 8; 非常满意.
        await hall.Serve("B004", "2", "s3", "张伟", "13:00", "13:02", "13:10");
        await hall.Rate("B004", "2", "s3", 5, "13:11");

        // B005: 过号.
        await hall.Issue("B005", "13:05");
        await hall.Call("B005", "2", "s3", "13:10");
        await hall.Skip("B005", "2", "13:14");

        // A006: wait 13:20→13:21 = 1, service 13:21→13:30 = 9; 非常不满意, but the county accepted the appeal (恶意差评).
        await hall.Serve("A006", "2", "s3", "张伟", "13:20", "13:21", "13:30");
        await hall.Rate("A006", "2", "s3", 1, "13:31", "C-A006");
        await hall.Case("C-A006", "A006", "2", "s3", "open", false, "13:31");
        await hall.Case("C-A006", "A006", "2", "s3", "appealed", false, "15:00");
        await hall.Case("C-A006", "A006", "2", "s3", "appeal-accepted", false, "16:00");

        // A007: issued, never called (walked out): in no KPI.
        await hall.Issue("A007", "16:30");
    }
}
