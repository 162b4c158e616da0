using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;

namespace Hall.SiteInspection.Ocr;

/// <summary>Reads a model file, checks its SHA-256 and loads it into ONNX Runtime the way this box runs every model.</summary>
internal static class OcrModelFiles
{
    public const string FetchHint = "Run provisioning/scripts/fetch-models.sh to fetch and check the OCR models.";

    public static byte[] ReadVerified(string path, string expectedSha256)
    {
        if (!File.Exists(path))
        {
            throw new OcrModelException(path, $"OCR model file {path} does not exist. {FetchHint}");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OcrModelException(path, $"OCR model file {path} cannot be read: {ex.Message} {FetchHint}", ex);
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            var what = bytes.Length == 0 ? "is empty" : $"has SHA-256 {actual} ({bytes.Length} bytes)";
            throw new OcrModelException(
                path,
                $"OCR model file {path} is damaged or not the expected version: the file {what}, expected SHA-256 {expectedSha256}. {FetchHint}");
        }

        return bytes;
    }

    public static InferenceSession CreateSession(string path, byte[] bytes)
    {
        using var options = new SessionOptions
        {
            // One thread, no spinning: the box's other core belongs to ffmpeg and the host.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            LogId = Path.GetFileName(path),
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        try
        {
            return new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OcrModelException(path, $"OCR model file {path} is damaged: ONNX Runtime cannot load it ({ex.Message}). {FetchHint}", ex);
        }
    }

    /// <summary>The float tensor's dimensions (-1 where dynamic), or an error naming what was expected.</summary>
    public static int[] Dimensions(InferenceSession session, string path, bool input, string expected)
    {
        var metadata = input ? session.InputMetadata : session.OutputMetadata;
        if (metadata.Count != 1 || metadata.Values.First() is not { ElementType: var type, Dimensions: var dims } || type != typeof(float))
        {
            var found = string.Join(", ", metadata.Select(m => $"{m.Key} {m.Value.ElementType.Name} [{string.Join(",", m.Value.Dimensions)}]"));
            throw new OcrModelException(
                path, $"OCR model file {path} is not the expected model: expected one float {(input ? "input" : "output")} {expected}, found {found}. {FetchHint}");
        }

        return dims;
    }
}
