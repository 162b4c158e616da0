namespace Hall.Uplink.IntegrationTests;

/// <summary>Waits for what a person would see happen, bounded: the tests never sleep a fixed time.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Not seen within {seconds} s: {what}.");
    }
}
