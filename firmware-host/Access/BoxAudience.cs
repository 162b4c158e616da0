namespace Hall.FirmwareHost.Access;

/// <summary>Who a route of the box is for. docs/security.md lists every route with its audience.</summary>
public enum BoxAudience
{
    /// <summary>Anyone on the hall LAN: read-only pages and data (the hall board, /api/categories, sign-in forms).</summary>
    Public,

    /// <summary>Whoever holds a ticket's link key (<c>?k=…</c>): the ticket page and its QR rating. The handler checks the key.</summary>
    TicketHolder,

    /// <summary>Whoever holds a 云踏勘 application's link key: the applicant's upload page. The handler checks the key.</summary>
    Applicant,

    /// <summary>An enrolled web device of the route's role (and, for a route with <c>{counter}</c>, of that counter).</summary>
    Device,

    /// <summary>Signed-in duty managers and admins (the admin console); the route also carries its authorization policy.</summary>
    Staff,
}
