using System.Globalization;
using System.Text.RegularExpressions;
using Hall.Contract;
using Hall.Contract.Events;

namespace Hall.Queue.Domain;

/// <summary>Admin commands: open and close counters, withdraw a ticket, create and update categories and counters.</summary>
public sealed partial class QueueEngine
{
    public QueueOutcome OpenCounter(DateTimeOffset now, string? counterId)
    {
        Begin();
        RollDay(now);
        if (!TryCounter(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        if (counter.Status != CounterStatus.Open)
        {
            SetStatus(counter, CounterStatus.Open, null, now);
        }

        return End(now, counter);
    }

    public QueueOutcome CloseCounter(DateTimeOffset now, string? counterId)
    {
        Begin();
        RollDay(now);
        if (!TryCounter(now, counterId, out var counter, out var refused))
        {
            return refused;
        }

        if (counter.Current is { } current)
        {
            return Fail(now, ErrorCodes.CounterBusy, $"{counter.Name} 正在办理 {current.TicketNo},办完后再关闭 (counter busy)", counter);
        }

        if (counter.Status != CounterStatus.Closed)
        {
            SetStatus(counter, CounterStatus.Closed, null, now);
        }

        return End(now, counter);
    }

    /// <summary>Withdraws a waiting ticket (the person left and told staff); counted with walk-outs.</summary>
    public QueueOutcome CancelTicket(DateTimeOffset now, string? ticketNo)
    {
        Begin();
        RollDay(now);
        var ticket = string.IsNullOrWhiteSpace(ticketNo) ? null : FindTicket(ticketNo);
        if (ticket is null)
        {
            return Fail(now, ErrorCodes.UnknownTicket, $"今日没有 {ticketNo} 号 (unknown ticket)");
        }

        if (ticket.Status != TicketStatus.Waiting)
        {
            return Fail(now, ErrorCodes.TicketNotWaiting, $"{ticket.TicketNo} 不在等候中,不能取消 (ticket not waiting)");
        }

        ticket.Status = TicketStatus.Cancelled;
        ticket.EndedAt = _clock.Local(now);
        MarkTicket(ticket);
        _waitingChanged = true;
        return End(now, null, ticket: ticket);
    }

    public QueueOutcome SaveCategory(DateTimeOffset now, CategoryDefinition definition, bool create)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Begin();
        RollDay(now);
        var prefix = definition.Prefix?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(prefix))
        {
            return Fail(now, ErrorCodes.MissingField, "请填写类别字母 (prefix is required)");
        }

        if (!PrefixPattern().IsMatch(prefix))
        {
            return Fail(now, ErrorCodes.InvalidField, $"类别字母须为一个大写英文字母 A–Z, 收到: {prefix} (invalid prefix)");
        }

        var exists = _categories.TryGetValue(prefix, out var category);
        if (create && exists)
        {
            return Fail(now, ErrorCodes.InvalidField, $"类别 {prefix} 已存在,请修改而不是新建 (category exists)");
        }

        if (!create && !exists)
        {
            return Fail(now, ErrorCodes.UnknownCategory, $"没有该业务类别: {prefix} (unknown category)");
        }

        var name = definition.Name?.Trim() ?? category?.Name;
        if (string.IsNullOrEmpty(name) || name.Length > 40)
        {
            return Fail(now, string.IsNullOrEmpty(name) ? ErrorCodes.MissingField : ErrorCodes.InvalidField, "请填写类别名称 (1–40 字) (name)");
        }

        var dailyLimit = definition.DailyLimit ?? category?.DailyLimit ?? TicketNumbering.MaxNumber;
        if (dailyLimit is < 1 or > TicketNumbering.MaxNumber)
        {
            return Fail(now, ErrorCodes.InvalidField, $"每日号数须在 1–{TicketNumbering.MaxNumber} 之间 (dailyLimit)");
        }

        if (category is null)
        {
            category = new Category { Prefix = prefix, Name = name, Order = definition.Order ?? _categories.Count };
            _categories[prefix] = category;
        }

        category.Name = name;
        category.Active = definition.Active;
        category.DailyLimit = dailyLimit;
        category.Order = definition.Order ?? category.Order;
        _changedCategories.Add(category);
        return End(now, null);
    }

    public QueueOutcome SaveCounter(DateTimeOffset now, CounterDefinition definition, bool create)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Begin();
        RollDay(now);
        var id = definition.Id?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return Fail(now, ErrorCodes.MissingField, "请填写窗口编号 (id is required)");
        }

        if (!CounterIdPattern().IsMatch(id))
        {
            return Fail(now, ErrorCodes.InvalidField, $"窗口编号只能用字母、数字和 -,不超过 16 位, 收到: {id} (invalid id)");
        }

        var exists = _counters.TryGetValue(id, out var counter);
        if (create && exists)
        {
            return Fail(now, ErrorCodes.InvalidField, $"窗口 {id} 已存在,请修改而不是新建 (counter exists)");
        }

        if (!create && !exists)
        {
            return Fail(now, ErrorCodes.UnknownCounter, $"没有 {id} 号窗口 (unknown counter)");
        }

        var name = definition.Name?.Trim() ?? counter?.Name ?? $"{id}号窗口";
        if (name.Length is 0 or > 40)
        {
            return Fail(now, ErrorCodes.InvalidField, "窗口名称须为 1–40 字 (name)");
        }

        var categories = definition.Categories?.Select(c => c.Trim().ToUpperInvariant()).ToList() ?? counter?.Categories.ToList();
        if (categories is null || categories.Count == 0)
        {
            return Fail(now, ErrorCodes.MissingField, "请为窗口选择至少一个业务类别 (categories)");
        }

        var unknown = categories.FirstOrDefault(c => !_categories.ContainsKey(c));
        if (unknown is not null)
        {
            return Fail(now, ErrorCodes.UnknownCategory, $"没有该业务类别: {unknown} (unknown category)");
        }

        if (categories.Distinct(StringComparer.Ordinal).Count() != categories.Count)
        {
            return Fail(now, ErrorCodes.InvalidField, "同一类别不能重复列出 (categories has duplicates)");
        }

        InterleaveRule? rule = null;
        if (!string.IsNullOrWhiteSpace(definition.Interleave) && !InterleaveRule.TryParse(definition.Interleave, out rule))
        {
            return Fail(now, ErrorCodes.InvalidField, $"叫号规则应写作 \"普通数:优先数\", 如 2:1, 收到: {definition.Interleave} (interleave)");
        }

        var village = definition.Village?.Trim();
        if (!string.IsNullOrEmpty(village) && !VillageIdPattern().IsMatch(village))
        {
            return Fail(now, ErrorCodes.InvalidField, $"代办点编号只能用小写字母、数字和 -,2–63 位, 收到: {village} (village)");
        }

        if (counter is null)
        {
            counter = new Counter { Id = id, Name = name, Categories = categories, Order = definition.Order ?? _counters.Count, Since = _clock.Local(now) };
            _counters[id] = counter;
        }

        counter.Name = name;
        counter.Categories = categories;
        counter.Interleave = rule;
        counter.Order = definition.Order ?? counter.Order;
        counter.Village = village is null ? counter.Village : village.Length == 0 ? null : village;
        MarkCounter(counter);
        return End(now, counter);
    }

    [GeneratedRegex("^[A-Z]$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex CounterIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex VillageIdPattern();
}
