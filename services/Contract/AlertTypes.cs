namespace Hall.Contract;

/// <summary>
/// Every alert type the box raises on <c>hall/{h}/alert</c> (docs/contract.md lists the same). An alert is raised
/// with <c>active</c> true and cleared with the same type and subject and <c>active</c> false.
/// </summary>
public static class AlertTypes
{
    /// <summary>Staff away from an open counter inside opening hours for longer than the threshold (离岗).</summary>
    public const string StaffAbsent = "staff-absent";

    /// <summary>Nobody at an open counter while tickets wait for it (空岗).</summary>
    public const string CounterUnattended = "counter-unattended";

    /// <summary>More people behind a counter than it should have (窗口内人员过多).</summary>
    public const string ExtraPeople = "extra-people";

    /// <summary>Many faces in the waiting area, or many waiting tickets per open counter.</summary>
    public const string Crowding = "crowding";

    /// <summary>A camera stopped delivering frames; cleared when it comes back.</summary>
    public const string CameraOffline = "camera-offline";

    /// <summary>Counter monitoring cannot run (model missing or corrupt); the rest of the box keeps working.</summary>
    public const string MonitorFault = "monitor-fault";

    /// <summary>A device dropped off without saying goodbye (its last will); cleared when it is back.</summary>
    public const string DeviceOffline = "device-offline";

    /// <summary>A level 1–2 rating opened a case, or a case's step is overdue.</summary>
    public const string BadReview = "bad-review";

    /// <summary>A 云踏勘 video failed its check.</summary>
    public const string InspectionFailed = "inspection-failed";

    /// <summary>The longest wait in a category is past Queue:LongestWait.</summary>
    public const string LongWait = "long-wait";

    /// <summary>A service at a counter is past Queue:LongestService.</summary>
    public const string LongService = "long-service";

    /// <summary>An open counter called nobody while tickets wait, past Queue:IdleCounterAfter.</summary>
    public const string IdleCounter = "idle-counter";

    /// <summary>The outbox holds more than 80 % of Store:OutboxBudget, unsent: the uplink has been down long.</summary>
    public const string OutboxFilling = "outbox-filling";

    /// <summary>The county hub refuses the box (not enrolled, revoked, its signature or batch not accepted): nothing goes up until someone acts.</summary>
    public const string UplinkRefused = "uplink-refused";

    /// <summary>False for the one-time alerts (news of something that happened); true for conditions that hold until cleared.</summary>
    public static bool IsCondition(string type) => type is not (BadReview or InspectionFailed);

    /// <summary>Every type, in the order docs/contract.md lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        StaffAbsent, CounterUnattended, ExtraPeople, Crowding, CameraOffline, MonitorFault, DeviceOffline, BadReview,
        InspectionFailed, LongWait, LongService, IdleCounter, OutboxFilling, UplinkRefused,
    ];
}
