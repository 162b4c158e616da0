using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hall.Store.Disk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hall.Display;

/// <summary>
/// Spoken announcements as WAV files, rendered by espeak-ng into the cache directory and named by
/// the SHA-256 of (voice, speed, text). Only texts the box itself registered can be rendered: a key
/// from a URL is looked up, never turned into speech. Concurrent requests for one text share one run.
/// </summary>
public sealed class SpeechCache
{
    private const int MinimumWavBytes = 1024;

    // A spoken call at espeak-ng's 22 kHz mono is 100–300 KiB; the budget is asked for a generous one.
    private const long ClipBytesEstimate = 512 * 1024;

    private readonly DisplayOptions _options;
    private readonly ISpeechRunner _runner;
    private readonly DiskBudget? _budget;
    private readonly ILogger<SpeechCache> _logger;
    private readonly Lock _gate = new();

    // key → spoken text, oldest registration first so the oldest clip is the one dropped.
    private readonly Dictionary<string, LinkedListNode<(string Key, string Text)>> _known = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, string Text)> _order = new();
    private readonly Dictionary<string, Task<SpeechResult>> _rendering = new(StringComparer.Ordinal);
    private bool _available = true;

    // Overruns in a row: one is a busy moment (the clip is tried again on the next call), several mean no sound.
    private int _overruns;

    /// <summary>Overruns in a row after which speech counts as failed (an error for the technician).</summary>
    internal const int OverrunsBeforeFailure = 3;

    /// <param name="budget">The box's disk budget: no clip is rendered into the room kept for the store or reserved by uploads.</param>
    public SpeechCache(IOptions<DisplayOptions> options, ISpeechRunner runner, ILogger<SpeechCache> logger, DiskBudget? budget = null)
    {
        _options = options.Value;
        _runner = runner;
        _budget = budget;
        _logger = logger;
        CacheDirectory = Path.GetFullPath(_options.CacheDirectory ?? throw new InvalidOperationException("Display:CacheDirectory is not set."));
    }

    public string CacheDirectory { get; }

    /// <summary>False after the last render failed: calls are then published without an audio URL.</summary>
    public bool IsAvailable
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>The key a text is cached under with the current voice and speed.</summary>
    public string KeyFor(string spokenText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spokenText);
        var material = string.Create(CultureInfo.InvariantCulture, $"{_options.Voice}\n{_options.SpeechRate}\n{spokenText}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    /// <summary>Makes a text known so that its key can be served; returns the key.</summary>
    public string Register(string spokenText)
    {
        var key = KeyFor(spokenText);
        string? evicted = null;
        lock (_gate)
        {
            if (_known.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddLast(node);
                return key;
            }

            _known[key] = _order.AddLast((key, spokenText));
            if (_known.Count > _options.MaxCachedClips)
            {
                var oldest = _order.First!;
                _order.RemoveFirst();
                _known.Remove(oldest.Value.Key);
                evicted = oldest.Value.Key;
            }
        }

        if (evicted is not null)
        {
            TryDelete(PathFor(evicted));
        }

        return key;
    }

    public bool TryGetText(string key, out string text)
    {
        lock (_gate)
        {
            if (_known.TryGetValue(key, out var node))
            {
                text = node.Value.Text;
                return true;
            }
        }

        text = string.Empty;
        return false;
    }

    /// <summary>Registers and renders a text; used when a call happens and by tests.</summary>
    public Task<SpeechResult> RenderAsync(string spokenText, CancellationToken cancellationToken = default) =>
        GetAsync(Register(spokenText), cancellationToken);

    /// <summary>The WAV of a known key, rendering it first when it is not on disk. Never throws for a synthesiser failure.</summary>
    public Task<SpeechResult> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!TryGetText(key, out var text))
        {
            return Task.FromResult(SpeechResult.Unknown(key));
        }

        var path = PathFor(key);
        Task<SpeechResult> render;
        lock (_gate)
        {
            if (File.Exists(path))
            {
                return Task.FromResult(SpeechResult.Ready(key, path));
            }

            if (!_rendering.TryGetValue(key, out render!))
            {
                // Run apart from the caller: a page that disconnects must not cancel the run others wait on.
                render = Task.Run(() => RenderOnceAsync(key, text, path), CancellationToken.None);
                _rendering[key] = render;
            }
        }

        return render.WaitAsync(cancellationToken);
    }

    /// <summary>Removes half-written files and keeps at most <see cref="DisplayOptions.MaxCachedClips"/> clips, dropping the oldest.</summary>
    public void PruneDirectory()
    {
        Directory.CreateDirectory(CacheDirectory);
        foreach (var partial in Directory.EnumerateFiles(CacheDirectory, "*.tmp"))
        {
            TryDelete(partial);
        }

        var clips = new DirectoryInfo(CacheDirectory).GetFiles("*.wav").OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        foreach (var old in clips.Skip(_options.MaxCachedClips))
        {
            TryDelete(old.FullName);
        }
    }

    internal string PathFor(string key) => Path.Combine(CacheDirectory, key + ".wav");

    private async Task<SpeechResult> RenderOnceAsync(string key, string text, string path)
    {
        var partial = Path.Combine(CacheDirectory, $"{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Not a synthesiser failure: the call goes out without sound, and the refusal is counted in /metrics.
            if (_budget?.TryWrite(ClipBytesEstimate) is { Ok: false })
            {
                return SpeechResult.Failed(key, "The disk budget has no room for another announcement clip.");
            }

            Directory.CreateDirectory(CacheDirectory);
            string[] arguments = ["-v", _options.Voice, "-s", _options.SpeechRate.ToString(CultureInfo.InvariantCulture), "-w", partial, text];
            var run = await _runner.RunAsync(_options.EspeakPath, arguments, _options.SynthesisTimeout, CancellationToken.None);
            string? failure = run.Failure;
            if (failure is null && run.ExitCode != 0)
            {
                failure = $"espeak-ng exited with code {run.ExitCode}: {(run.StandardError.Length > 0 ? run.StandardError : "no error text")}";
            }

            if (failure is null && !LooksLikeWav(partial))
            {
                failure = $"espeak-ng ran but wrote no usable WAV file{(run.StandardError.Length > 0 ? ": " + run.StandardError : ".")}";
            }

            if (failure is not null)
            {
                TryDelete(partial);
                if (run.TimedOut && Overran() < OverrunsBeforeFailure)
                {
                    _logger.SpeechOverran(failure);
                    return SpeechResult.Failed(key, failure);
                }

                MarkAvailable(false, failure);
                return SpeechResult.Failed(key, failure);
            }

            // Renamed into place only when complete, so a page never gets half a file.
            File.Move(partial, path, overwrite: true);
            MarkAvailable(true, null);
            return SpeechResult.Ready(key, path);
        }
        catch (Exception ex)
        {
            TryDelete(partial);
            var failure = $"The announcement could not be rendered into {CacheDirectory}: {ex.Message}";
            MarkAvailable(false, failure);
            return SpeechResult.Failed(key, failure);
        }
        finally
        {
            lock (_gate)
            {
                _rendering.Remove(key);
            }
        }
    }

    private int Overran()
    {
        lock (_gate)
        {
            return ++_overruns;
        }
    }

    private void MarkAvailable(bool available, string? failure)
    {
        bool changed;
        lock (_gate)
        {
            changed = _available != available;
            _available = available;
            if (available)
            {
                _overruns = 0;
            }
        }

        if (!available)
        {
            // The first failure is an error a technician must see; repeats stay quieter.
            if (changed)
            {
                _logger.SpeechFailed(failure!);
            }
            else
            {
                _logger.SpeechStillFailing(failure!);
            }
        }
        else if (changed)
        {
            _logger.SpeechRecovered();
        }
    }

    private static bool LooksLikeWav(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length < MinimumWavBytes)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[12];
        using var stream = file.OpenRead();
        stream.ReadExactly(header);
        return header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A clip being served right now is left for the next prune.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
