using Hall.Contract.Events;
using Hall.Evaluation.Domain;
using Hall.Evaluation.Persistence;
using Hall.Staff;
using Hall.Store;
using Microsoft.Data.Sqlite;

namespace Hall.Evaluation;

/// <summary>The rating channels: evaluator, QR code, tablet, staff entry, and the one re-rating after rectification.</summary>
public sealed partial class EvaluationService
{
    private const int MaxPersonNameLength = 50;

    /// <summary>
    /// <c>req/rating</c> from an evaluator. Its counter is the one it was enrolled for (<see cref="DeviceIdentity.Counter"/>),
    /// never one named in the payload; without <c>ticketNo</c> it rates the service waiting at its counter.
    /// Returns a <see cref="RatingReply"/> or an <see cref="ErrorReply"/>; a repeated requestId returns the first answer.
    /// </summary>
    public async Task<object> HandleRatingAsync(DeviceIdentity who, RatingRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(request);
        if (who.Role != DeviceRole.Evaluator)
        {
            return Error(request.RequestId, ErrorCodes.NotAllowed, $"此设备 ({who.DeviceId}, {who.Role}) 不能提交评价;只有评价器可以 (not allowed)");
        }

        if (string.IsNullOrWhiteSpace(request.RequestId))
        {
            return Error(null, ErrorCodes.MissingField, "缺少 requestId:每个请求需带唯一的 requestId,以便重发时不重复评价 (requestId is required)");
        }

        if (string.IsNullOrWhiteSpace(who.Counter))
        {
            return Error(request.RequestId, ErrorCodes.UnknownCounter, $"评价器 {who.DeviceId} 未绑定窗口,请技术人员重新登记 (evaluator bound to no counter)");
        }

        var attempt = new RatingAttempt(RatingChannels.Evaluator, who.Counter, request.Level, request.Reasons, request.Comment);
        return await RateAsync(who.DeviceId, request, attempt, Blank(request.TicketNo), onBehalfBy: null, ct, who.Village);
    }

    /// <summary>
    /// The ticket's QR page (the caller has checked the link's key): rates that ticket's service once, channel "qr".
    /// </summary>
    public async Task<object> RateByQrAsync(string ticketNo, RatingRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Blank(ticketNo) is not { } number)
        {
            return Error(request.RequestId, ErrorCodes.MissingField, "缺少号码 ticketNo (missing ticket number)");
        }

        var attempt = new RatingAttempt(RatingChannels.Qr, null, request.Level, request.Reasons, request.Comment);
        return await RateAsync("qr/" + number, request, attempt, number, onBehalfBy: null, ct);
    }

    /// <summary>
    /// The counter's tablet page (an enrolled web evaluator, bound to its counter at enrollment): rates a service of that
    /// counter, channel "tablet". Its requestIds are the tablet's own, as an MQTT evaluator's are.
    /// </summary>
    public async Task<object> RateByTabletAsync(DeviceIdentity tablet, RatingRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tablet);
        ArgumentNullException.ThrowIfNull(request);
        if (Blank(tablet.Counter) is not { } bound)
        {
            return Error(request.RequestId, ErrorCodes.UnknownCounter, "平板未绑定窗口,请技术人员重新登记");
        }

        var attempt = new RatingAttempt(RatingChannels.Tablet, bound, request.Level, request.Reasons, request.Comment);
        return await RateAsync(tablet.DeviceId, request, attempt, Blank(request.TicketNo), onBehalfBy: null, ct, tablet.Village);
    }

    /// <summary>
    /// A staff member enters the rating on the person's behalf (channel "staff-entry", marked with who). Counter staff
    /// may do so only for their own counter (<paramref name="counter"/> required); a duty manager or admin for any.
    /// The caller has authenticated <paramref name="staffId"/>.
    /// </summary>
    public async Task<object> RateByStaffAsync(string staffId, string? counter, RatingRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckStaff(staffId, request.RequestId, out var member) is { } refused)
        {
            return refused;
        }

        var bound = Blank(counter);
        if (member!.Role == StaffRole.Staff && bound is null)
        {
            return Error(request.RequestId, ErrorCodes.MissingField, "窗口人员代为评价需指明本窗口 (counter)");
        }

        var attempt = new RatingAttempt(RatingChannels.StaffEntry, bound, request.Level, request.Reasons, request.Comment);
        return await RateAsync("staff/" + member.StaffId, request, attempt, Blank(request.TicketNo), onBehalfBy: member.StaffId, ct);
    }

    /// <summary>
    /// The person's one more rating after the case was rectified: by the person on a page of the box (channel "web",
    /// <paramref name="staffId"/> null) or entered by staff on their behalf. It opens no new case.
    /// </summary>
    public async Task<object> ReRateAsync(string caseId, string? staffId, RatingRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        StaffMember? member = null;
        if (staffId is not null && CheckStaff(staffId, request.RequestId, out member) is { } refused)
        {
            return refused;
        }

        if (RatingRules.CheckChoice(request.Level, request.Reasons, request.Comment, _options.Reasons, out var reasons) is { } invalid)
        {
            return new ErrorReply(request.RequestId, _clock.Now(), invalid);
        }

        var id = Blank(caseId) ?? "";
        var requestId = Blank(request.RequestId);
        var command = new EvaluationCommand(this, Topics.Requests.Rating, "rerate/" + id, requestId, (tx, now) => ReRate(tx, now, id, requestId, request, reasons, member?.StaffId));
        return await RunRequestAsync(command, requestId, ct);
    }

    /// <param name="deviceVillage">The evaluator's village point (its enrollment): the rating's village when the service's own is unknown.</param>
    private async Task<object> RateAsync(string deviceId, RatingRequest request, RatingAttempt attempt, string? ticketNo, string? onBehalfBy, CancellationToken ct, string? deviceVillage = null)
    {
        var requestId = Blank(request.RequestId);
        if (_options.RealNameRating && CheckPerson(request) is { } invalid)
        {
            return new ErrorReply(requestId, _clock.Now(), invalid);
        }

        var command = new EvaluationCommand(this, Topics.Requests.Rating, deviceId, requestId, (tx, now) => Rate(tx, now, requestId, request, attempt, ticketNo, onBehalfBy, deviceVillage));
        return await RunRequestAsync(command, requestId, ct);
    }

    private async Task<object> RunRequestAsync(EvaluationCommand command, string? requestId, CancellationToken ct)
    {
        try
        {
            return (await RunAsync(command, ct))!;
        }
        catch (StoreUnavailableException ex)
        {
            return Error(requestId, ErrorCodes.StoreUnavailable, $"盒子暂时无法保存,请稍后重试;本次评价未生效 ({ex.Message})");
        }
    }

    private EvaluationOutcome Rate(SqliteTransaction tx, DateTimeOffset now, string? requestId, RatingRequest request, RatingAttempt attempt, string? ticketNo, string? onBehalfBy, string? deviceVillage)
    {
        var connection = tx.Connection!;
        var window = ticketNo is not null
            ? EvaluationStore.LatestWindow(connection, tx, ticketNo)
            : attempt.Counter is { } counter ? EvaluationStore.LatestOpenWindow(connection, tx, counter, now) : null;
        if (ticketNo is null && window is null)
        {
            return EvaluationOutcome.Only(new ErrorReply(requestId, now, new ErrorBody(ErrorCodes.MissingField, "缺少号码 ticketNo,且该窗口没有待评价的服务 (ticketNo)")));
        }

        if (RatingRules.Check(window, attempt, now, _options.Reasons, out var reasons) is { } error)
        {
            return EvaluationOutcome.Only(new ErrorReply(requestId, now, error));
        }

        var item = Item(window!.ServiceItem);
        var level = attempt.Level!.Value;
        var (name, phone) = _options.RealNameRating ? (Blank(request.PersonName), Blank(request.PersonPhone)) : (null, null);
        var record = new RatingRecord
        {
            Ts = now,
            RatingId = "R-" + window.ServiceId,
            ServiceId = window.ServiceId,
            TicketNo = window.TicketNo,
            Counter = window.Counter,
            StaffId = window.StaffId,
            StaffName = window.StaffName,
            ServiceItem = window.ServiceItem,
            ServiceItemName = item?.Name,
            Department = item?.Department,
            CaseNumber = window.CaseNumber,
            Level = level,
            Reasons = reasons,
            Comment = PersonalData.MaskDigitRuns(Blank(request.Comment)),
            Channel = attempt.Channel,
            OnBehalfBy = onBehalfBy,
            PersonName = PersonalData.MaskName(name),
            PersonPhone = PersonalData.MaskPhone(phone),
            FinishedAt = window.FinishedAt,
            CaseId = RatingRules.IsBadReview(level) ? "C-" + window.ServiceId : null,

            // Where the service was given; a village evaluator's own enrollment when that is not known (never the payload).
            Village = window.Village ?? deviceVillage,
        };

        EvaluationStore.InsertRating(tx, record, name, phone, Blank(request.Comment));
        EvaluationStore.CloseWindow(tx, window.ServiceId, RatingWindowState.Rated, record.RatingId, now);
        Outbox.Append(tx, "RatingAccepted", HallJson.SerializeToString(record), now);
        _raised.Add(new RatingAccepted(now, record.RatingId, record.TicketNo, record.Counter, record.StaffId, level, record.Channel, record.CaseId) { Village = record.Village });
        Log.Rated(_logger, record.RatingId, record.TicketNo, record.Counter, level, record.Channel);
        var publications = new List<Publication>
        {
            new(Topics.CounterEvaluate(_publisher.HallId, window.Counter), EvaluateOf(window, now, active: false)),
        };

        if (record.CaseId is not null)
        {
            var opened = OpenCase(record, now);
            SaveCaseStep(tx, opened, now);
            var reasonText = string.Join("、", reasons.Select(code => _options.Reasons.FirstOrDefault(r => r.Code == code)?.Text ?? code));
            var message = $"{opened.Counter}号窗口 {opened.TicketNo} 号收到{RatingRules.LevelName(level)}评价 ({reasonText}),差评案件 {opened.CaseId}:请于 {DueDay(opened.CallbackDue)} 前回访、{DueDay(opened.RectifyDue)} 前整改";
            Alert(tx, opened, message, now);
        }

        var reply = new RatingReply
        {
            RequestId = requestId,
            Ts = now,
            RatingId = record.RatingId,
            TicketNo = record.TicketNo,
            Level = level,
            Channel = record.Channel,
            CaseId = record.CaseId,
        };
        return new EvaluationOutcome(reply, publications);
    }

    private BadReviewCase OpenCase(RatingRecord rating, DateTimeOffset now) => new BadReviewCase
    {
        CaseId = rating.CaseId!,
        RatingId = rating.RatingId,
        ServiceId = rating.ServiceId,
        TicketNo = rating.TicketNo,
        Counter = rating.Counter,
        StaffId = rating.StaffId,
        StaffName = rating.StaffName,
        ServiceItem = rating.ServiceItem,
        ServiceItemName = rating.ServiceItemName,
        Department = rating.Department,
        CaseNumber = rating.CaseNumber,
        Level = rating.Level,
        Reasons = rating.Reasons,
        PersonName = rating.PersonName,
        PersonPhone = rating.PersonPhone,
        OpenedAt = now,
        CallbackDue = _calendar.Deadline(now, CallbackWorkingDays, _clock.TimeZone),
        RectifyDue = _calendar.Deadline(now, RectifyWorkingDays, _clock.TimeZone),
    }.Opened(now);

    private EvaluationOutcome ReRate(SqliteTransaction tx, DateTimeOffset now, string caseId, string? requestId, RatingRequest request, IReadOnlyList<string> reasons, string? onBehalfBy)
    {
        if (EvaluationStore.FindCase(tx.Connection!, tx, caseId) is not { } found)
        {
            return EvaluationOutcome.Only(new ErrorReply(requestId, now, UnknownCase(caseId)));
        }

        var level = request.Level!.Value;
        var ratingId = found.RatingId + "-2";
        var transition = found.ReRate(ratingId, level, onBehalfBy ?? PersonWho, now);
        if (transition.Error is { } error)
        {
            return EvaluationOutcome.Only(new ErrorReply(requestId, now, error));
        }

        var window = EvaluationStore.FindWindow(tx.Connection!, tx, found.ServiceId);
        var record = new RatingRecord
        {
            Ts = now,
            RatingId = ratingId,
            ServiceId = found.ServiceId,
            TicketNo = found.TicketNo,
            Counter = found.Counter,
            StaffId = found.StaffId,
            StaffName = found.StaffName,
            ServiceItem = found.ServiceItem,
            ServiceItemName = found.ServiceItemName,
            Department = found.Department,
            CaseNumber = found.CaseNumber,
            Level = level,
            Reasons = reasons,
            Comment = PersonalData.MaskDigitRuns(Blank(request.Comment)),
            Channel = onBehalfBy is null ? RatingChannels.Web : RatingChannels.StaffEntry,
            OnBehalfBy = onBehalfBy,
            FinishedAt = window?.FinishedAt ?? found.OpenedAt,
            CaseId = found.CaseId,
            ReRatingOf = found.RatingId,
            Village = window?.Village,
        };

        EvaluationStore.InsertRating(tx, record, null, null, Blank(request.Comment));
        Outbox.Append(tx, "RatingAccepted", HallJson.SerializeToString(record), now);
        _raised.Add(new RatingAccepted(now, ratingId, record.TicketNo, record.Counter, record.StaffId, level, record.Channel, found.CaseId) { ReRatingOf = found.RatingId, Village = record.Village });
        SaveCaseStep(tx, transition.Case!, now);
        Log.Rated(_logger, record.RatingId, record.TicketNo, record.Counter, level, record.Channel);
        return EvaluationOutcome.Only(new RatingReply
        {
            RequestId = requestId,
            Ts = now,
            RatingId = ratingId,
            TicketNo = record.TicketNo,
            Level = level,
            Channel = record.Channel,
            CaseId = found.CaseId,
        });
    }

    private ErrorReply? CheckStaff(string? staffId, string? requestId, out StaffMember? member)
    {
        member = _staff.Find(staffId);
        if (member is null)
        {
            return Error(requestId, ErrorCodes.UnknownStaff, $"没有工号 {staffId} 的工作人员 (unknown staff)");
        }

        if (!member.Active)
        {
            return Error(requestId, ErrorCodes.NotAllowed, $"工号 {member.StaffId} 已停用,不能代为评价 (not allowed)");
        }

        return null;
    }

    private static ErrorBody? CheckPerson(RatingRequest request)
    {
        if (request.PersonName is { Length: > MaxPersonNameLength })
        {
            return new ErrorBody(ErrorCodes.InvalidField, $"姓名最多 {MaxPersonNameLength} 字 (personName)");
        }

        if (Blank(request.PersonPhone) is { } phone)
        {
            var digits = phone.Count(char.IsAsciiDigit);
            if (digits is < 7 or > 15 || phone.Any(c => !char.IsAsciiDigit(c) && c is not ('-' or ' ' or '+')))
            {
                return new ErrorBody(ErrorCodes.InvalidField, "电话号码格式不对,请填写手机号或带区号的固定电话 (personPhone)");
            }
        }

        return null;
    }

    private ErrorReply Error(string? requestId, string code, string message) => new(Blank(requestId), _clock.Now(), new ErrorBody(code, message));

    private static ErrorBody UnknownCase(string caseId) => new(ErrorCodes.UnknownCase, $"没有差评案件 {caseId},请在案件列表中核对 (unknown case)");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
