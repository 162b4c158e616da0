using System.Globalization;
using Hall.Contract;
using Hall.Queue.Domain;

namespace Hall.Queue.Supervision;

/// <summary>
/// The duty manager's limits as a pure function of the queue's state at one instant:
/// <list type="bullet">
/// <item>long-wait, per category: its oldest waiting ticket has waited longer than LongestWait;</item>
/// <item>long-service, per counter and ticket: the ticket in service was called longer than LongestService ago;</item>
/// <item>idle-counter, per counter: the counter is open with no ticket while a ticket it may call waits, and has been
/// so (since the later of its last change and that ticket's issue) longer than IdleCounterAfter.</item>
/// </list>
/// </summary>
public static class SupervisorChecker
{
    public static IReadOnlyList<AlertCondition> Check(
        IEnumerable<Ticket> waiting,
        IEnumerable<Counter> counters,
        DateTimeOffset now,
        SupervisorLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var waitingList = waiting.Where(t => t.Status == TicketStatus.Waiting).ToList();
        var conditions = new List<AlertCondition>();

        foreach (var group in waitingList.GroupBy(t => t.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var oldest = group.Aggregate((a, b) => b.IssuedBefore(a) ? b : a);
            var waited = now - oldest.IssuedAt;
            if (waited > limits.LongestWait)
            {
                conditions.Add(new AlertCondition(
                    $"{AlertTypes.LongWait}/{group.Key}",
                    new AlertMessage
                    {
                        Ts = now,
                        Type = AlertTypes.LongWait,
                        Category = group.Key,
                        TicketNo = oldest.TicketNo,
                        Message = string.Create(CultureInfo.InvariantCulture, $"{group.Key}类 {oldest.TicketNo} 号已等候 {(int)waited.TotalMinutes} 分钟 (上限 {(int)limits.LongestWait.TotalMinutes} 分钟), 请增开窗口或调配人员"),
                    }));
            }
        }

        foreach (var counter in counters.OrderBy(c => c.Order).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            if (counter.Current is { CalledAt: { } calledAt } current && now - calledAt > limits.LongestService)
            {
                conditions.Add(new AlertCondition(
                    $"{AlertTypes.LongService}/{counter.Id}/{current.TicketNo}",
                    new AlertMessage
                    {
                        Ts = now,
                        Type = AlertTypes.LongService,
                        Counter = counter.Id,
                        Category = current.Category,
                        TicketNo = current.TicketNo,
                        Message = string.Create(CultureInfo.InvariantCulture, $"{counter.Name} 办理 {current.TicketNo} 号已 {(int)(now - calledAt).TotalMinutes} 分钟 (上限 {(int)limits.LongestService.TotalMinutes} 分钟), 请了解是否需要协助"),
                    }));
            }

            if (counter.Status == CounterStatus.Open && counter.Current is null)
            {
                var firstWaiting = waitingList.Where(counter.MayCall).Aggregate((Ticket?)null, (a, b) => a is null || b.IssuedBefore(a) ? b : a);
                if (firstWaiting is not null)
                {
                    var idleSince = counter.Since > firstWaiting.IssuedAt ? counter.Since : firstWaiting.IssuedAt;
                    if (now - idleSince > limits.IdleCounterAfter)
                    {
                        conditions.Add(new AlertCondition(
                            $"{AlertTypes.IdleCounter}/{counter.Id}",
                            new AlertMessage
                            {
                                Ts = now,
                                Type = AlertTypes.IdleCounter,
                                Counter = counter.Id,
                                Category = firstWaiting.Category,
                                TicketNo = firstWaiting.TicketNo,
                                Message = string.Create(CultureInfo.InvariantCulture, $"{counter.Name} 空闲 {(int)(now - idleSince).TotalMinutes} 分钟, 但有人在等候 ({firstWaiting.TicketNo}), 请叫号"),
                            }));
                    }
                }
            }
        }

        return conditions;
    }
}
