using System.Globalization;
using Hall.Contract;

namespace Hall.CounterMonitor.Rules;

/// <summary>
/// The rules of one counter camera (plain logic, no I/O): presence with hysteresis, the staff-absent alert (one per
/// absence, cleared on return, never while the counter is paused or closed or outside opening hours), the
/// counter-unattended alert (nobody there while tickets wait for it) and the extra-people alert.
/// Samples and the queue's view come in; alert changes, presence changes and finished absences come out.
/// </summary>
public sealed class CounterWatch
{
    private readonly CounterRules _rules;
    private readonly PresenceTracker _presence;
    private DateTimeOffset? _dutySince;
    private DateTimeOffset? _waitingSince;
    private DateTimeOffset? _extraSince;
    private int _notExtraRun;
    private DateTimeOffset? _absenceStart;
    private string? _absentStaffId;
    private string? _absentStaffName;
    private bool _unattendedRaised;
    private bool _extraRaised;

    public CounterWatch(string counter, CounterRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Counter = counter;
        _rules = rules;
        _presence = new PresenceTracker(rules.SamplesToFlip);
    }

    public string Counter { get; }

    public PresenceTracker Presence => _presence;

    /// <summary>True while a staff-absent alert is up for this counter.</summary>
    public bool AbsentRaised => _absenceStart is not null;

    public IEnumerable<AlertChange> ActiveAlerts(CounterContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_absenceStart is { } start)
        {
            yield return new AlertChange(AlertTypes.StaffAbsent, true, AbsentMessage(context, now - start), Counter);
        }

        if (_unattendedRaised)
        {
            yield return new AlertChange(AlertTypes.CounterUnattended, true, UnattendedMessage(context), Counter);
        }

        if (_extraRaised)
        {
            yield return new AlertChange(AlertTypes.ExtraPeople, true, ExtraMessage(context, _presence.Faces), Counter);
        }
    }

    /// <summary>Takes one camera sample and evaluates the rules at its time. Returns true in <c>presenceChanged</c> when presence flipped.</summary>
    public void Sample(DateTimeOffset at, int faces, CounterContext context, List<AlertChange> alerts, List<AbsenceRecord> absences, out bool presenceChanged)
    {
        ArgumentNullException.ThrowIfNull(context);
        presenceChanged = _presence.Observe(at, faces);
        if (faces > _rules.MaxPeople)
        {
            _extraSince ??= at;
            _notExtraRun = 0;
        }
        else if (_extraSince is not null && ++_notExtraRun >= _rules.SamplesToFlip)
        {
            _extraSince = null;
        }

        Evaluate(at, context, alerts, absences);
    }

    /// <summary>The camera went silent: presence is unknown, no rule fires on what cannot be seen. An alert already up stays up.</summary>
    public void CameraLost() => _presence.Reset();

    /// <summary>Evaluates the rules at <paramref name="now"/> (after a sample, or when the counter's state or waiting count changed).</summary>
    public void Evaluate(DateTimeOffset now, CounterContext context, List<AlertChange> alerts, List<AbsenceRecord> absences)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(absences);
        var onDuty = context.IsOpen && context.InOpeningHours;
        _dutySince = onDuty ? _dutySince ?? now : null;
        _waitingSince = context.IsOpen && context.Waiting > 0 ? _waitingSince ?? now : null;

        // Presence unknown (camera silent or just started): keep what is up, start nothing.
        if (_presence.Present is not { } present)
        {
            return;
        }

        EvaluateAbsence(now, context, present, onDuty, alerts, absences);
        EvaluateUnattended(now, context, present, alerts);
        EvaluateExtra(now, context, alerts);
    }

    private void EvaluateAbsence(DateTimeOffset now, CounterContext context, bool present, bool onDuty, List<AlertChange> alerts, List<AbsenceRecord> absences)
    {
        if (_absenceStart is { } start)
        {
            if (present || !onDuty)
            {
                // The absence ends at the return (the first sample of the present run), or now if counting stopped.
                var end = present ? Max(_presence.Since, start) : now;
                absences.Add(new AbsenceRecord(Counter, _absentStaffId, _absentStaffName, start, end));
                var why = present ? "已回到岗位" : context.IsOpen ? "已过办公时间" : context.Status == "paused" ? "窗口已暂停" : "窗口已关闭";
                alerts.Add(new AlertChange(AlertTypes.StaffAbsent, false, $"{Name(context)}{why},离岗 {Duration(end - start)}", Counter));
                _absenceStart = null;
            }

            return;
        }

        if (present || !onDuty || _dutySince is not { } dutySince)
        {
            return;
        }

        var countingSince = Max(_presence.Since, dutySince);
        if (now - countingSince >= _rules.AbsentAfter)
        {
            _absenceStart = countingSince;
            _absentStaffId = context.StaffId;
            _absentStaffName = context.StaffName;
            alerts.Add(new AlertChange(AlertTypes.StaffAbsent, true, AbsentMessage(context, now - countingSince), Counter));
        }
    }

    private void EvaluateUnattended(DateTimeOffset now, CounterContext context, bool present, List<AlertChange> alerts)
    {
        var holds = !present && _waitingSince is { } waitingSince
            && now - Max(_presence.Since, waitingSince) >= _rules.UnattendedAfter;
        if (holds == _unattendedRaised)
        {
            return;
        }

        // Cleared only when someone is back or nobody waits any more, not merely because the timer restarted.
        if (!holds && !present && context.IsOpen && context.Waiting > 0)
        {
            return;
        }

        _unattendedRaised = holds;
        alerts.Add(holds
            ? new AlertChange(AlertTypes.CounterUnattended, true, UnattendedMessage(context), Counter)
            : new AlertChange(AlertTypes.CounterUnattended, false, present ? $"{Name(context)}已有人在岗" : $"{Name(context)}已无人等候", Counter));
    }

    private void EvaluateExtra(DateTimeOffset now, CounterContext context, List<AlertChange> alerts)
    {
        var holds = _extraSince is { } since && now - since >= _rules.ExtraPeopleAfter;
        if (holds == _extraRaised || (!holds && _extraSince is not null))
        {
            return;
        }

        _extraRaised = holds;
        alerts.Add(holds
            ? new AlertChange(AlertTypes.ExtraPeople, true, ExtraMessage(context, _presence.Faces), Counter)
            : new AlertChange(AlertTypes.ExtraPeople, false, $"{Name(context)}内人数已恢复正常", Counter));
    }

    private string Name(CounterContext context) => string.IsNullOrEmpty(context.CounterName) ? $"{Counter}号窗口" : context.CounterName;

    private string AbsentMessage(CounterContext context, TimeSpan away) =>
        $"{Name(context)}{(context.StaffName is null ? string.Empty : $"({context.StaffName})")}工作人员离岗已 {Duration(away)},窗口开放中";

    private string UnattendedMessage(CounterContext context) =>
        $"{Name(context)}无人在岗,有 {context.Waiting} 人在等候该窗口";

    private string ExtraMessage(CounterContext context, int faces) =>
        $"{Name(context)}内有 {faces} 人,多于规定的 {_rules.MaxPeople} 人";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    internal static string Duration(TimeSpan span) => span.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}分{span.Seconds}秒")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.Seconds)}秒");
}
