using System.Text.Json;
using Hall.Contract;

namespace Hall.Devices.Evaluator;

/// <summary>
/// Fills <see cref="EvaluatorOptions.Counter"/> from the enrollment JSON (<c>{"deviceId",…,"counter":"3"}</c>)
/// when the settings leave it empty: the box fixed the counter at enrollment, so the device should not be told twice.
/// </summary>
public static class EvaluatorProvisioning
{
    public static void Apply(EvaluatorOptions options, string? provisioningFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.Counter) || string.IsNullOrWhiteSpace(provisioningFile))
        {
            return;
        }

        try
        {
            options.Counter = HallJson.Deserialize<Enrolled>(File.ReadAllBytes(provisioningFile))?.Counter ?? string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidOperationException(
                $"Box:ProvisioningFile '{provisioningFile}' cannot be read ({ex.Message}). " +
                "Save the JSON the enrollment printed for this evaluator there, or set Evaluator:Counter.",
                ex);
        }
    }

    private sealed record Enrolled(string? Counter);
}
