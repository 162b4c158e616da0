namespace Hall.Contract;

/// <summary>
/// Every MQTT topic of contract v1, in one place. See docs/contract.md.
/// </summary>
public static class Topics
{
    public const string Version = "1";

    public static string Root(string hallId) => $"hall/{hallId}/";

    public static string Request(string hallId, string deviceId, string name) => $"hall/{hallId}/device/{deviceId}/req/{name}";

    public static string Response(string hallId, string deviceId, string name) => $"hall/{hallId}/device/{deviceId}/res/{name}";

    public static string DeviceStatus(string hallId, string deviceId) => $"hall/{hallId}/device/{deviceId}/status";

    public static string CounterState(string hallId, string counter) => $"hall/{hallId}/counter/{counter}/state";

    public static string CounterEvaluate(string hallId, string counter) => $"hall/{hallId}/counter/{counter}/evaluate";

    public static string CounterPresence(string hallId, string counter) => $"hall/{hallId}/counter/{counter}/presence";

    public static string DisplayCall(string hallId) => $"hall/{hallId}/display/call";

    public static string DisplayBoard(string hallId) => $"hall/{hallId}/display/board";

    public static string Alert(string hallId) => $"hall/{hallId}/alert";

    /// <summary>Request names a device may send, by the role that may send them.</summary>
    public static class Requests
    {
        public const string Ticket = "ticket";
        public const string Reprint = "reprint";
        public const string Counter = "counter";
        public const string Rating = "rating";

        /// <summary>Any role: the box answers at once without touching the store (link check, benchmark floor).</summary>
        public const string Ping = "ping";

        /// <summary>Every request name of this contract version: the closed set /metrics labels come from.</summary>
        public static IReadOnlyList<string> All { get; } = [Ticket, Reprint, Counter, Rating, Ping];

        /// <summary>True for a name of <see cref="All"/>.</summary>
        public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
    }

    /// <summary>
    /// Splits <c>hall/{h}/device/{d}/req/{name}</c>. Returns false for any other topic.
    /// </summary>
    public static bool TryParseRequest(string topic, out string hallId, out string deviceId, out string name)
    {
        hallId = deviceId = name = string.Empty;
        var parts = topic.Split('/');
        if (parts.Length != 6 || parts[0] != "hall" || parts[2] != "device" || parts[4] != "req")
        {
            return false;
        }

        if (parts[1].Length == 0 || parts[3].Length == 0 || parts[5].Length == 0)
        {
            return false;
        }

        hallId = parts[1];
        deviceId = parts[3];
        name = parts[5];
        return true;
    }
}
