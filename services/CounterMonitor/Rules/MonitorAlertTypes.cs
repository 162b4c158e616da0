namespace Hall.CounterMonitor.Rules;

/// <summary>The alert types counter monitoring raises on <c>hall/{h}/alert</c> (docs/counter-monitor.md).</summary>
public static class MonitorAlertTypes
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
}
