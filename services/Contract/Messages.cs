namespace Hall.Contract;

/// <summary>The error body of a reply: a code from <see cref="ErrorCodes"/> and a message a person can act on.</summary>
public sealed record ErrorBody(string Code, string Message)
{
    /// <summary>
    /// For a refusal that passes by itself (sign-in throttled, account locked): whole seconds before a new try can
    /// succeed, so a keypad or page can count down instead of letting the person guess again at once.
    /// </summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>A refused request. Carries the requestId back when there was one.</summary>
public sealed record ErrorReply(string? RequestId, DateTimeOffset Ts, ErrorBody Error);

/// <summary><c>req/ticket</c> from a kiosk (or the touch kiosk page).</summary>
public sealed record TicketRequest
{
    public string? RequestId { get; init; }

    public DateTimeOffset? Ts { get; init; }

    public string? Category { get; init; }

    public string? AppointmentCode { get; init; }

    /// <summary>green, assisted or elderly; absent for an ordinary ticket.</summary>
    public string? Priority { get; init; }

    /// <summary>Only where the hall limits one waiting ticket per ID card; kept hashed.</summary>
    public string? IdCard { get; init; }
}

/// <summary>The answer to <c>req/ticket</c> and <c>req/reprint</c>.</summary>
public sealed record TicketReply
{
    public required string RequestId { get; init; }

    public required DateTimeOffset Ts { get; init; }

    public required string TicketNo { get; init; }

    public required string Category { get; init; }

    public string? CategoryName { get; init; }

    public string? Priority { get; init; }

    public required int WaitingAhead { get; init; }

    public required int EstimatedWaitMinutes { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>What the ticket's QR code holds: the ticket's page on the box.</summary>
    public string? Qr { get; init; }

    public bool Reprint { get; init; }
}

/// <summary><c>req/reprint</c> from a kiosk.</summary>
public sealed record ReprintRequest
{
    public string? RequestId { get; init; }

    public DateTimeOffset? Ts { get; init; }

    public string? TicketNo { get; init; }
}

/// <summary><c>req/counter</c> from a caller.</summary>
public sealed record CounterRequest
{
    public string? RequestId { get; init; }

    public DateTimeOffset? Ts { get; init; }

    /// <summary>next, call, recall, skip, transfer, pause, resume, finish, signin, signout.</summary>
    public string? Cmd { get; init; }

    /// <summary>For <c>call</c>: the waiting ticket to call.</summary>
    public string? TicketNo { get; init; }

    public string? ToCategory { get; init; }

    public string? ToCounter { get; init; }

    /// <summary>For <c>pause</c>: why (break, meeting, …).</summary>
    public string? Reason { get; init; }

    /// <summary>For <c>signin</c>.</summary>
    public string? StaffId { get; init; }

    /// <summary>For <c>signin</c>.</summary>
    public string? Pin { get; init; }

    /// <summary>For <c>finish</c> (optional): the catalogue item (事项) served, carried to the rating.</summary>
    public string? ServiceItem { get; init; }

    /// <summary>For <c>finish</c> (optional): the application's number (办件编号), carried to the rating for upward reporting.</summary>
    public string? CaseNumber { get; init; }
}

/// <summary><c>hall/{h}/counter/{c}/state</c>, retained; also the answer to <c>req/counter</c>.</summary>
public sealed record CounterStateMessage
{
    public string? RequestId { get; init; }

    public required DateTimeOffset Ts { get; init; }

    public required string Counter { get; init; }

    public string? CounterName { get; init; }

    /// <summary>open, paused or closed.</summary>
    public required string Status { get; init; }

    public string? TicketNo { get; init; }

    public string? StaffId { get; init; }

    public string? StaffName { get; init; }

    public required DateTimeOffset Since { get; init; }

    public string? PauseReason { get; init; }

    public int Recalls { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];
}

/// <summary><c>hall/{h}/display/call</c>.</summary>
public sealed record CallMessage
{
    public required DateTimeOffset Ts { get; init; }

    public required string TicketNo { get; init; }

    public required string Counter { get; init; }

    public string? CounterName { get; init; }

    /// <summary>The words spoken, e.g. 请A012号到3号窗口办理.</summary>
    public required string Announcement { get; init; }

    public required bool Recall { get; init; }

    /// <summary>Where the box serves the spoken announcement as WAV.</summary>
    public string? AudioUrl { get; init; }
}

/// <summary>One recent call on the board.</summary>
public sealed record BoardCall(string TicketNo, string Counter, DateTimeOffset CalledAt)
{
    /// <summary>The counter as the hall names it (综合窗口) when it has a name.</summary>
    public string? CounterName { get; init; }

    /// <summary>True when the latest call of this ticket was a recall (重呼).</summary>
    public bool Recall { get; init; }
}

/// <summary><c>hall/{h}/display/board</c>, retained.</summary>
public sealed record BoardMessage
{
    public required DateTimeOffset Ts { get; init; }

    public required IReadOnlyList<BoardCall> RecentCalls { get; init; }

    /// <summary>Waiting tickets per category prefix.</summary>
    public required IReadOnlyDictionary<string, int> Waiting { get; init; }
}

/// <summary><c>hall/{h}/alert</c>.</summary>
public sealed record AlertMessage
{
    public required DateTimeOffset Ts { get; init; }

    /// <summary>staff-absent, crowding, device-offline, bad-review, inspection-failed, long-wait, long-service, idle-counter.</summary>
    public required string Type { get; init; }

    public required string Message { get; init; }

    public string? Counter { get; init; }

    public string? Category { get; init; }

    public string? TicketNo { get; init; }

    public string? DeviceId { get; init; }

    /// <summary>The camera whose picture raised it (counter monitoring).</summary>
    public string? CameraId { get; init; }

    /// <summary>Where the box kept the alert's one small snapshot, when CounterMonitor:KeepSnapshots is on; it stays in the hall.</summary>
    public string? Snapshot { get; init; }

    /// <summary>False when the condition has cleared.</summary>
    public bool Active { get; init; } = true;
}

/// <summary><c>hall/{h}/counter/{c}/presence</c>, retained: staff at the counter (在岗) or away (离岗), from its camera.</summary>
public sealed record PresenceMessage
{
    public required DateTimeOffset Ts { get; init; }

    public required string Counter { get; init; }

    /// <summary>True present, false away, null unknown (the camera is silent or has just started); always written.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public bool? Present { get; init; }

    /// <summary>When the present state began (the first sample of the run that flipped it).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Share of the recent samples that agree with <see cref="Present"/>, 0–1.</summary>
    public double Confidence { get; init; }

    /// <summary>Faces the camera saw in its last sample.</summary>
    public int Faces { get; init; }

    public string? CameraId { get; init; }
}

/// <summary><c>hall/{h}/device/{d}/status</c>, retained, with a last-will <c>online=false</c>.</summary>
public sealed record DeviceStatusMessage
{
    public DateTimeOffset? Ts { get; init; }

    public bool Online { get; init; }

    public string? Firmware { get; init; }
}
