namespace Hall.Assessment;

/// <summary>How a service leg ended. In the store and JSON: waiting, called, served, no-show, transferred.</summary>
public enum ServiceOutcome
{
    /// <summary>Issued (or transferred here) and not called yet; a ticket never called is a walk-out, not counted.</summary>
    Waiting,

    /// <summary>Called and still at the counter.</summary>
    Called,

    /// <summary>Finished (办结): counts as served.</summary>
    Served,

    /// <summary>过号: called, did not come.</summary>
    NoShow,

    /// <summary>Sent on to another category or counter: counted where it is finally served.</summary>
    Transferred,
}
