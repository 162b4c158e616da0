using System.Security.Cryptography;

namespace Hall.SiteInspection.Upload;

/// <summary>
/// What the box keeps in memory for an upload being received: a gate (one append at a time) and the running SHA-256
/// up to <see cref="HashedTo"/>. After a restart there is none: the hash is rebuilt by reading the .part once.
/// </summary>
internal sealed class ActiveUpload : IDisposable
{
    private int _busy;

    public IncrementalHash? Hash { get; private set; }

    /// <summary>How many bytes <see cref="Hash"/> has seen; -1 when there is no hash.</summary>
    public long HashedTo { get; set; } = -1;

    // Never waits: a second append while one runs is refused with upload-busy, the phone asks the offset and retries.
    public bool TryEnter() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void Exit() => Volatile.Write(ref _busy, 0);

    public IncrementalHash Restart()
    {
        Hash?.Dispose();
        Hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        HashedTo = 0;
        return Hash;
    }

    public void DropHash()
    {
        Hash?.Dispose();
        Hash = null;
        HashedTo = -1;
    }

    public void Dispose() => DropHash();
}
