namespace Hall.Queue.Domain;

/// <summary>Orders tickets by <see cref="Ticket.IssuedBefore"/>: the order in which they were issued.</summary>
internal sealed class IssueOrder : IComparer<Ticket>
{
    public static IssueOrder Instance { get; } = new();

    public int Compare(Ticket? x, Ticket? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        return x.IssuedBefore(y) ? -1 : y.IssuedBefore(x) ? 1 : 0;
    }
}
