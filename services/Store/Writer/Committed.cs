using Hall.Contract.Events;

namespace Hall.Store.Writer;

/// <summary>What one committed command hands to the listeners, in commit order.</summary>
public sealed record Committed(string Command, IReadOnlyList<HallEvent> Events, IReadOnlyList<Publication> Publications);
