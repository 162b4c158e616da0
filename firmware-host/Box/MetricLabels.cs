using System.Text;
using Hall.Contract;
using Hall.FirmwareHost.Broker;

namespace Hall.FirmwareHost.Box;

/// <summary>
/// Label values for /metrics come from closed sets, so that no device can add series or lines: a request name is one
/// of the contract's (anything else is <c>other</c>), an outcome is <c>ok</c> or an error code's shape. Values are
/// escaped as the Prometheus text format wants all the same.
/// </summary>
public static class MetricLabels
{
    public const string Other = "other";

    public static string RequestName(string? name) => name is not null && Topics.Requests.IsKnown(name) ? name : Other;

    /// <summary>An error code is kebab-case ASCII; anything else is folded into <c>other</c>.</summary>
    public static string Outcome(string? outcome) =>
        outcome is { Length: > 0 and <= 40 } && outcome.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') ? outcome : Other;

    public static string Kind(Refusal kind) => kind switch
    {
        Refusal.Connect => "connect",
        Refusal.ClientId => "client-id",
        Refusal.Publish => "publish",
        Refusal.Subscribe => "subscribe",
        Refusal.Oversized => "oversized",
        Refusal.BadRequest => "bad-request",
        _ => Other,
    };

    /// <summary>Escapes a label value: backslash, double quote and line feed, as the text format defines.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
