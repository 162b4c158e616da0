namespace Hall.CountyHub.Auth;

/// <summary>
/// Endpoint metadata: who may use a route. <see cref="Roles"/> null means anyone (the sign-in page, /healthz); the
/// handler then decides what a stranger sees. A route under <c>/sync/</c> is the boxes' (signed by the box key); any
/// other route without a rule is refused, so a route that forgot to decide fails closed.
/// </summary>
public sealed record HubAccessRule(IReadOnlyList<HubRole>? Roles);
