namespace Hall.Queue.Domain;

/// <summary>What kind of ticket: ordinary, or one of the priority kinds a counter's interleave rule favours.</summary>
public enum TicketKind
{
    Ordinary,

    /// <summary>预约: booked in advance.</summary>
    Appointment,

    /// <summary>绿色通道: green channel (key projects, urgent cases).</summary>
    Green,

    /// <summary>帮办代办: a staff member helps or acts for the person.</summary>
    Assisted,

    /// <summary>Elderly, disabled or pregnant visitors.</summary>
    Elderly,
}
