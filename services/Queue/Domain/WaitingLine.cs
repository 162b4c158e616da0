namespace Hall.Queue.Domain;

/// <summary>
/// The waiting tickets kept in issue order, with counts per category, so that issuing a ticket neither sorts nor
/// counts the whole day's tickets. The engine reports every ticket a command touched (<see cref="Update"/>); whether
/// a ticket is in the line follows its status, so the line cannot drift from the tickets themselves.
/// </summary>
internal sealed class WaitingLine
{
    private readonly List<Ticket> _inOrder = [];
    private readonly List<Ticket> _reserved = [];
    private readonly Dictionary<Ticket, Place> _places = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _all = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _free = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _freePriority = new(StringComparer.Ordinal);

    /// <summary>Waiting tickets in issue order.</summary>
    public IReadOnlyList<Ticket> InOrder => _inOrder;

    /// <summary>Waiting tickets transferred to one counter, in issue order.</summary>
    public IReadOnlyList<Ticket> Reserved => _reserved;

    /// <summary>Waiting tickets per category (reserved ones included); categories that had none may be absent or zero.</summary>
    public IReadOnlyDictionary<string, int> ByCategory => _all;

    /// <summary>Waiting tickets per category that any counter serving the category may call.</summary>
    public IReadOnlyDictionary<string, int> Free => _free;

    /// <summary>The priority part of <see cref="Free"/>.</summary>
    public IReadOnlyDictionary<string, int> FreePriority => _freePriority;

    /// <summary>Puts the ticket in the line, takes it out or moves it between counts, by what it is now.</summary>
    public void Update(Ticket ticket, bool waiting)
    {
        var known = _places.TryGetValue(ticket, out var place);
        if (!waiting)
        {
            if (known)
            {
                _places.Remove(ticket);
                Remove(_inOrder, ticket);
                if (place.ForCounter is not null)
                {
                    Remove(_reserved, ticket);
                }

                Count(place, -1);
            }

            return;
        }

        var now = new Place(ticket.Category, ticket.ForCounter, ticket.IsPriority);
        if (!known)
        {
            _places[ticket] = now;
            Insert(_inOrder, ticket);
            if (now.ForCounter is not null)
            {
                Insert(_reserved, ticket);
            }

            Count(now, +1);
            return;
        }

        if (place != now)
        {
            if (place.ForCounter is not null && now.ForCounter is null)
            {
                Remove(_reserved, ticket);
            }
            else if (place.ForCounter is null && now.ForCounter is not null)
            {
                Insert(_reserved, ticket);
            }

            Count(place, -1);
            Count(now, +1);
            _places[ticket] = now;
        }
    }

    private void Count(Place place, int by)
    {
        Add(_all, place.Category, by);
        if (place.ForCounter is null)
        {
            Add(_free, place.Category, by);
            if (place.Priority)
            {
                Add(_freePriority, place.Category, by);
            }
        }
    }

    private static void Add(Dictionary<string, int> counts, string category, int by) =>
        counts[category] = counts.GetValueOrDefault(category) + by;

    // New tickets almost always go last; tickets of one instant and transferred tickets go to their place.
    private static void Insert(List<Ticket> line, Ticket ticket)
    {
        if (line.Count == 0 || line[^1].IssuedBefore(ticket))
        {
            line.Add(ticket);
            return;
        }

        var low = 0;
        var high = line.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (ticket.IssuedBefore(line[mid]))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        line.Insert(low, ticket);
    }

    private static void Remove(List<Ticket> line, Ticket ticket)
    {
        var low = 0;
        var high = line.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (line[mid].IssuedBefore(ticket))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        // low is the first ticket not issued before this one: normally the ticket itself.
        if (low < line.Count && ReferenceEquals(line[low], ticket))
        {
            line.RemoveAt(low);
            return;
        }

        for (var i = 0; i < line.Count; i++)
        {
            if (ReferenceEquals(line[i], ticket))
            {
                line.RemoveAt(i);
                return;
            }
        }
    }

    private readonly record struct Place(string Category, string? ForCounter, bool Priority);
}
