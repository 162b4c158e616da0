using Hall.Contract;
using Hall.CounterMonitor.Rules;

namespace Hall.CounterMonitor.Tests.Rules;

public sealed class CounterWatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private static readonly CounterRules Rules = new(3, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(30), 1, TimeSpan.FromSeconds(20));
    private static readonly CounterContext Open = new("open", "s01", "张三", "3号窗口", 0, true);

    private sealed class Run(CounterWatch watch)
    {
        public List<AlertChange> Alerts { get; } = [];

        public List<AbsenceRecord> Absences { get; } = [];

        public List<(int Sample, bool? Present)> Flips { get; } = [];

        public int Sample { get; private set; }

        public DateTimeOffset Now => T0 + (Period * Sample);

        /// <summary>Feeds <paramref name="count"/> samples at 2 per second, each seeing <paramref name="faces"/> faces.</summary>
        public void Feed(int count, int faces, CounterContext context)
        {
            for (var i = 0; i < count; i++)
            {
                watch.Sample(Now, faces, context, Alerts, Absences, out var changed);
                if (changed)
                {
                    Flips.Add((Sample, watch.Presence.Present));
                }

                Sample++;
            }
        }
    }

    [Fact]
    public void Presence_flips_on_the_third_agreeing_sample_and_dates_from_the_first()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        run.Feed(10, 1, Open);
        run.Feed(10, 0, Open);

        Assert.Equal([(2, true), (12, false)], run.Flips);
        Assert.Equal(T0 + (Period * 10), watch.Presence.Since);
    }

    [Fact]
    public void One_missed_detection_does_not_flip_presence()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        run.Feed(5, 1, Open);
        run.Feed(2, 0, Open);
        run.Feed(5, 1, Open);

        Assert.Equal([(2, true)], run.Flips);
    }

    [Fact]
    public void Staff_absent_fires_once_after_the_threshold_and_clears_on_return_with_the_absence_recorded()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        run.Feed(10, 1, Open);
        run.Feed(2 * 300, 0, Open); // five minutes away
        run.Feed(6, 1, Open);

        var raised = Assert.Single(run.Alerts, a => a is { Type: AlertTypes.StaffAbsent, Active: true });
        Assert.Contains("张三", raised.Message, StringComparison.Ordinal);
        var raisedAt = run.Alerts.IndexOf(raised);
        Assert.Single(run.Alerts, a => a is { Type: AlertTypes.StaffAbsent, Active: false });
        var absence = Assert.Single(run.Absences);
        Assert.Equal(T0 + (Period * 10), absence.Start);
        Assert.Equal(T0 + (Period * 610), absence.End);
        Assert.Equal(TimeSpan.FromMinutes(5), absence.Duration);
        Assert.Equal("s01", absence.StaffId);
        Assert.Equal(0, raisedAt);
    }

    [Fact]
    public void Staff_absent_fires_at_the_sample_that_reaches_the_threshold()
    {
        var watch = new CounterWatch("3", Rules);
        var alerts = new List<AlertChange>();
        var absences = new List<AbsenceRecord>();
        var firedAt = -1;
        for (var i = 0; i < 400; i++)
        {
            watch.Sample(T0 + (Period * i), i < 10 ? 1 : 0, Open, alerts, absences, out _);
            if (firedAt < 0 && alerts.Any(a => a.Type == AlertTypes.StaffAbsent))
            {
                firedAt = i;
            }
        }

        // Away from sample 10 (t = 5 s); 120 s later is sample 250.
        Assert.Equal(250, firedAt);
    }

    [Fact]
    public void No_absence_alert_while_the_counter_is_paused_and_counting_restarts_at_resume()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        var paused = Open with { Status = "paused" };
        run.Feed(10, 1, Open);
        run.Feed(2 * 600, 0, paused); // ten minutes away on a declared pause
        Assert.DoesNotContain(run.Alerts, a => a.Type == AlertTypes.StaffAbsent);

        var resumedAt = run.Sample;
        run.Feed(2 * 119, 0, Open);
        Assert.DoesNotContain(run.Alerts, a => a.Type == AlertTypes.StaffAbsent);
        run.Feed(4, 0, Open);
        Assert.Single(run.Alerts, a => a is { Type: AlertTypes.StaffAbsent, Active: true });
        Assert.True(watch.AbsentRaised);
        Assert.True(resumedAt > 0);
    }

    [Fact]
    public void Pausing_during_an_absence_clears_the_alert_and_records_the_absence_up_to_the_pause()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        run.Feed(10, 1, Open);
        run.Feed(2 * 150, 0, Open);
        var pausedAt = run.Now;
        run.Feed(10, 0, Open with { Status = "paused" });

        var cleared = Assert.Single(run.Alerts, a => a is { Type: AlertTypes.StaffAbsent, Active: false });
        Assert.Contains("暂停", cleared.Message, StringComparison.Ordinal);
        Assert.Equal(pausedAt, Assert.Single(run.Absences).End);
    }

    [Fact]
    public void Outside_opening_hours_an_empty_counter_is_no_absence()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        run.Feed(10, 1, Open with { InOpeningHours = false });
        run.Feed(2 * 600, 0, Open with { InOpeningHours = false });

        Assert.Empty(run.Alerts);
        Assert.Empty(run.Absences);
    }

    [Fact]
    public void An_empty_counter_with_tickets_waiting_for_it_is_reported_and_cleared_when_someone_sits_down()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        var waiting = Open with { Waiting = 4 };
        run.Feed(10, 1, waiting);
        run.Feed(2 * 29, 0, waiting);
        Assert.DoesNotContain(run.Alerts, a => a.Type == AlertTypes.CounterUnattended);
        run.Feed(4, 0, waiting);
        var raised = Assert.Single(run.Alerts, a => a.Type == AlertTypes.CounterUnattended);
        Assert.Contains("4 人在等候", raised.Message, StringComparison.Ordinal);
        run.Feed(4, 1, waiting);
        Assert.Single(run.Alerts, a => a is { Type: AlertTypes.CounterUnattended, Active: false });
    }

    [Fact]
    public void Nobody_waiting_means_an_empty_counter_is_not_unattended()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        run.Feed(10, 1, Open);
        run.Feed(2 * 100, 0, Open);

        Assert.DoesNotContain(run.Alerts, a => a.Type == AlertTypes.CounterUnattended);
    }

    [Fact]
    public void Two_people_behind_a_one_person_counter_for_long_enough_is_reported()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        run.Feed(10, 1, Open);
        run.Feed(2 * 10, 2, Open); // a colleague leans in for ten seconds: nothing
        run.Feed(10, 1, Open);
        Assert.Empty(run.Alerts);
        run.Feed(2 * 25, 2, Open);
        var raised = Assert.Single(run.Alerts);
        Assert.Equal((AlertTypes.ExtraPeople, true), (raised.Type, raised.Active));
        run.Feed(3, 1, Open);
        Assert.Equal(2, run.Alerts.Count);
        Assert.False(run.Alerts[1].Active);
    }

    [Fact]
    public void A_silent_camera_leaves_presence_unknown_and_starts_no_alert()
    {
        var watch = new CounterWatch("3", Rules);
        var run = new Run(watch);
        run.Feed(10, 0, Open);
        watch.CameraLost();
        var alerts = new List<AlertChange>();
        watch.Evaluate(run.Now + TimeSpan.FromMinutes(10), Open, alerts, []);

        Assert.Null(watch.Presence.Present);
        Assert.Empty(alerts);
    }
}
