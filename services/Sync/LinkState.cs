namespace Hall.Sync;

/// <summary>The uplink as the console shows it.</summary>
public enum LinkState
{
    /// <summary>No hub configured (Sync:HubUrl empty): events are kept, nothing is sent.</summary>
    Off,

    /// <summary>Started, nothing tried yet.</summary>
    Starting,

    /// <summary>The last batch was acknowledged.</summary>
    Up,

    /// <summary>The hub could not be reached or did not answer: trying again with backoff.</summary>
    Down,

    /// <summary>The hub answered and refused the box (not enrolled, revoked, signature): an operator must act.</summary>
    Refused,
}
