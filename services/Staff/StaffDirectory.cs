using System.Text.RegularExpressions;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hall.Staff;

/// <summary>
/// The hall's staff accounts: counter sign-in by PIN (for the Queue, through <see cref="IStaffDirectory"/>),
/// admin page sign-in by password, and their management. PINs and passwords are kept only as salted
/// PBKDF2 hashes; every change is appended to the outbox in its own transaction, without secrets.
/// Every sign-in passes <see cref="SignInLimiter"/> before it is read or hashed (per-address backoff, and a per-account
/// budget whose lock is the last line); hashes run in a few slots outside every lock. A change of password, PIN, role
/// or active flag ends the person's <see cref="StaffSessions"/> in the same transaction. The rows are read and written
/// by <see cref="StaffStore"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The hash slots' SemaphoreSlim never creates its wait handle, so there is nothing to dispose.")]
public sealed partial class StaffDirectory : IStaffDirectory
{
    /// <summary>The account the bootstrap setting creates.</summary>
    public const string BootstrapAdminId = "admin";

    private readonly HallDatabase _database;
    private readonly StaffOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private readonly SignInLimiter _limiter;

    /// <summary>Sign-ins refused since start, by kind (for /metrics).</summary>
    public SignInRefusals Refusals { get; } = new();

    // Hashes run in a few slots (Staff:HashConcurrency), outside every lock and the store's writer, so a flood of
    // guesses takes at most that many cores and never holds up a ticket's write.
    private readonly SemaphoreSlim _hashSlots;
    private int _hashWaiting;

    /// <summary>With a sign-in limiter of its own (tests and tools; the box shares one through DI).</summary>
    public StaffDirectory(HallDatabase database, IOptions<StaffOptions> options, TimeProvider time, ILogger<StaffDirectory> logger)
        : this(database, options, new SignInLimiter(options, time), time, logger)
    {
    }

    public StaffDirectory(HallDatabase database, IOptions<StaffOptions> options, SignInLimiter limiter, TimeProvider time, ILogger<StaffDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options.Value;
        _limiter = limiter;
        _time = time;
        _logger = logger;
        _hashSlots = new SemaphoreSlim(_options.HashConcurrency, _options.HashConcurrency);
    }

    /// <summary>
    /// For the technician CLI (hallctl), which runs without the box: brings the store and staff tables
    /// up to date and returns a directory with default settings.
    /// </summary>
    public static StaffDirectory OpenForTool(HallDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        Migrator.Apply(database, new StoreMigrations().Migrations.Concat(new StaffMigrations().Migrations), time.GetUtcNow());
        return new StaffDirectory(database, Options.Create(new StaffOptions()), time, NullLogger<StaffDirectory>.Instance);
    }

    /// <inheritdoc />
    public async ValueTask<PinCheck> CheckPinAsync(string staffId, string pin, string source, CancellationToken cancellationToken)
    {
        var result = await SignInWithPinAsync(staffId, pin, source, cancellationToken);
        return new PinCheck(result.Member?.Name, result.Code, result.Message) { RetryAfter = result.RetryAfter };
    }

    /// <summary>
    /// Counter sign-in from <paramref name="source"/> (<see cref="SignInLimiter.AddressKey"/> or
    /// <see cref="SignInLimiter.DeviceKey"/>): the account, or why not (bad-pin, sign-in-throttled, staff-locked).
    /// </summary>
    public ValueTask<SignInResult> SignInWithPinAsync(string? staffId, string? pin, string source, CancellationToken cancellationToken) =>
        SignInAsync(StaffSecret.Pin, staffId, pin, source, cancellationToken);

    /// <summary>Admin page sign-in from <paramref name="source"/>: only an active duty manager or admin with a password gets in.</summary>
    public ValueTask<SignInResult> SignInWithPasswordAsync(string? staffId, string? password, string source, CancellationToken cancellationToken) =>
        SignInAsync(StaffSecret.Password, staffId, password, source, cancellationToken);

    public IReadOnlyList<StaffMember> List()
    {
        using var connection = _database.Open();
        return StaffStore.List(connection);
    }

    public StaffMember? Find(string? staffId)
    {
        if (string.IsNullOrWhiteSpace(staffId))
        {
            return null;
        }

        using var connection = _database.Open();
        return Find(connection, null, staffId.Trim());
    }

    /// <summary>True when some active admin can sign in to the admin page.</summary>
    public bool HasAdmin()
    {
        using var connection = _database.Open();
        return CountAdmins(connection, null, exceptStaffId: null) > 0;
    }

    public StaffMember Add(NewStaff staff, StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(actor);
        var staffId = ValidStaffId(staff.StaffId);
        var name = ValidName(staff.Name);
        var role = ValidRole(staff.Role);
        CheckMayManage(actor, role, staffId);
        if (role == StaffRole.Staff && string.IsNullOrEmpty(staff.Pin))
        {
            throw new StaffException(ErrorCodes.MissingField, "窗口人员需要 PIN 才能在窗口签到 (counter staff need a PIN).");
        }

        if (string.IsNullOrEmpty(staff.Pin) && string.IsNullOrEmpty(staff.Password))
        {
            throw new StaffException(ErrorCodes.MissingField, "请设置 PIN 或管理页密码 (give a PIN or a password).");
        }

        var pinHash = staff.Pin is { Length: > 0 } pin ? HashPin(pin) : null;
        string? passwordHash = null;
        if (!string.IsNullOrEmpty(staff.Password))
        {
            if (role == StaffRole.Staff)
            {
                throw new StaffException(ErrorCodes.InvalidField, "窗口人员不登录管理页,无需密码 (counter staff do not sign in to the admin page; give no password).");
            }

            passwordHash = HashPassword(staff.Password, staffId);
        }

        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        if (Find(connection, tx, staffId) is not null)
        {
            throw new StaffException(ErrorCodes.StaffExists, $"工号 {staffId} 已存在 (staff id '{staffId}' is taken).");
        }

        StaffStore.Add(connection, tx, staffId, name, StaffRoles.Name(role), pinHash, passwordHash, now);
        var member = Find(connection, tx, staffId)!;
        AppendEvent(tx, "StaffAdded", member, actor, now);
        tx.Commit();
        _logger.Changed(staffId, "StaffAdded", actor.Id);
        return member;
    }

    /// <summary>Changes name, role or active flag. Never leaves the box without an admin who can sign in.</summary>
    public StaffMember Update(string? staffId, StaffUpdate update, StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(actor);
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        var before = Existing(connection, tx, staffId);
        var name = update.Name is null ? before.Name : ValidName(update.Name);
        var role = update.Role is null ? before.Role : ValidRole(update.Role);
        var active = update.Active ?? before.Active;
        CheckMayManage(actor, before.Role, before.StaffId);
        CheckMayManage(actor, role, before.StaffId);
        if (IsSelf(actor, before.StaffId) && (!active || role != before.Role))
        {
            throw new StaffException(ErrorCodes.NotAllowed, "不能停用自己或更改自己的角色 (you cannot deactivate yourself or change your own role).");
        }

        var staysAdmin = active && role == StaffRole.Admin;
        if (!staysAdmin)
        {
            CheckNotLastAdmin(connection, tx, before);
        }

        StaffStore.Update(connection, tx, before.StaffId, name, StaffRoles.Name(role), active, now);
        if (!active)
        {
            StaffSessions.EndAll(connection, tx, before.StaffId, kind: null, "deactivated", now);
        }
        else if (role != before.Role)
        {
            StaffSessions.EndAll(connection, tx, before.StaffId, StaffSessionKind.Admin, "role-changed", now);
        }

        var after = Find(connection, tx, before.StaffId)!;
        AppendEvent(tx, "StaffUpdated", after, actor, now);
        tx.Commit();
        _logger.Changed(after.StaffId, "updated", actor.Id);
        return after;
    }

    /// <summary>Sets a new PIN (a forgotten one is reset, never shown) and lifts a PIN lockout.</summary>
    public StaffMember SetPin(string? staffId, string? pin, StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var hash = HashPin(pin);
        var member = Change(staffId, actor, "StaffPinSet", allowSelf: true, (connection, tx, id, now) =>
        {
            StaffStore.SetPin(connection, tx, id, hash, now);
            StaffSessions.EndAll(connection, tx, id, StaffSessionKind.Counter, "pin-changed", now);
        });
        _limiter.Unlock(AccountKey(StaffSecret.Pin, member.StaffId));
        return member;
    }

    /// <summary>Sets the admin page password of a duty manager or admin, or clears it with null; sessions signed in with the old one end.</summary>
    public StaffMember SetPassword(string? staffId, string? password, StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var target = Find(staffId) ?? throw UnknownStaff(staffId);
        if (target.Role == StaffRole.Staff && !string.IsNullOrEmpty(password))
        {
            throw new StaffException(ErrorCodes.InvalidField, "窗口人员不登录管理页,无需密码;请先把角色改为值班长或管理员 (make them a duty manager or admin first).");
        }

        var hash = string.IsNullOrEmpty(password) ? null : HashPassword(password, target.StaffId);
        var member = Change(
            staffId,
            actor,
            hash is null ? "StaffPasswordCleared" : "StaffPasswordSet",
            allowSelf: true,
            (connection, tx, id, now) =>
            {
                StaffStore.SetPassword(connection, tx, id, hash, now);
                StaffSessions.EndAll(connection, tx, id, StaffSessionKind.Admin, "password-changed", now);
            });
        _limiter.Unlock(AccountKey(StaffSecret.Password, member.StaffId));
        return member;
    }

    /// <summary>Lifts a PIN or password lockout early (the duty manager vouches for the person).</summary>
    public StaffMember Unlock(string? staffId, StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var member = Change(staffId, actor, "StaffUnlocked", allowSelf: false, StaffStore.Unlock);
        _limiter.Unlock(AccountKey(StaffSecret.Pin, member.StaffId));
        _limiter.Unlock(AccountKey(StaffSecret.Password, member.StaffId));
        return member;
    }

    /// <summary>
    /// When no active admin with a password exists: creates the account "admin" with
    /// <paramref name="password"/>, or restores it if it exists. Returns it, or null when an admin exists.
    /// </summary>
    public StaffMember? EnsureBootstrapAdmin(string password)
    {
        var hash = HashPassword(password, BootstrapAdminId);
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        if (CountAdmins(connection, tx, exceptStaffId: null) > 0)
        {
            return null;
        }

        StaffStore.SaveBootstrapAdmin(connection, tx, BootstrapAdminId, StaffRoles.Admin, hash, now);
        StaffSessions.EndAll(connection, tx, BootstrapAdminId, StaffSessionKind.Admin, "password-changed", now);
        var member = Find(connection, tx, BootstrapAdminId)!;
        AppendEvent(tx, "StaffBootstrapAdmin", member, StaffActor.Box, now);
        tx.Commit();
        _logger.BootstrapAdminCreated(member.StaffId);
        return member;
    }

    private async ValueTask<SignInResult> SignInAsync(StaffSecret secret, string? staffId, string? attempt, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var failed = secret == StaffSecret.Pin
            ? new SignInResult(null, ErrorCodes.BadPin, "工号或 PIN 不正确,请重新输入;多次失败请联系值班长")
            : new SignInResult(null, ErrorCodes.SignInFailed, "工号或密码不正确,或该账号不能登录管理页");
        if (string.IsNullOrWhiteSpace(staffId) || string.IsNullOrEmpty(attempt) || attempt.Length > SecretRules.MaxPasswordLength || staffId.Length > 64)
        {
            return failed;
        }

        // PIN and password are counted apart, as before: guessing one does not lock the other.
        var id = staffId.Trim();
        var account = AccountKey(secret, id);

        // Counted before anything is read or hashed: a refused try costs the box next to nothing.
        var verdict = _limiter.TryStart(source, account);
        if (!verdict.Allowed)
        {
            Refusals.Count(verdict.Scope == SignInScope.Account ? SignInRefusal.Locked : SignInRefusal.Throttled);
            return verdict.Scope == SignInScope.Account ? Locked(_time.GetUtcNow() + verdict.RetryAfter) : Throttled(verdict.RetryAfter);
        }

        if (verdict.StartsWaiting)
        {
            _logger.SourceSlowed(source, _options.SignInFreeTries);
        }

        // A place in the hashing line first: when it is full the answer costs nothing (no read, no hash) and the try is
        // given back, so a flood gets cheap refusals and the real person only waits a second.
        if (Interlocked.Increment(ref _hashWaiting) > _options.HashConcurrency * 8)
        {
            Interlocked.Decrement(ref _hashWaiting);
            _limiter.GiveBack(source, account);
            Refusals.Count(SignInRefusal.Busy);
            return Throttled(TimeSpan.FromSeconds(1));
        }

        var now = _time.GetUtcNow();
        StaffMember? member;
        bool eligible;
        DateTimeOffset? storedLock;
        bool right;
        try
        {
            string? hash;
            using (var connection = _database.Open())
            {
                (member, hash, _) = StaffStore.FindForSignIn(connection, secret, id);
            }

            eligible = member is { Active: true } && (secret == StaffSecret.Pin || StaffRoles.MayUseAdminPage(member.Role));
            storedLock = eligible ? (secret == StaffSecret.Pin ? member!.PinLockedUntil : member!.PasswordLockedUntil) : null;
            if (storedLock > now)
            {
                _limiter.GiveBack(source, account);
                Refusals.Count(SignInRefusal.Locked);
                return Locked(storedLock.Value);
            }

            // A made-up, inactive or ineligible id is hashed against nothing, at the same cost, and counted the same.
            right = await VerifyAsync(attempt, eligible ? hash : null, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _hashWaiting);
        }

        if (right && eligible)
        {
            _limiter.Succeeded(source, account);
            if (storedLock is not null)
            {
                ClearStoredLock(secret, member!);
            }

            return new SignInResult(member, null, "OK");
        }

        Refusals.Count(SignInRefusal.Wrong);
        if (!_limiter.Failed(account))
        {
            return failed;
        }

        var until = _limiter.LockUntil;
        if (eligible)
        {
            // Stored, so a restart keeps it and hallctl staff unlock (which runs beside the box) can lift it.
            StoreLock(secret, member!, until, _time.GetUtcNow());
        }
        else
        {
            _limiter.Lock(account, until);
        }

        _logger.LockedOut(id, _options.MaxFailures, secret == StaffSecret.Pin ? "PIN" : "password", until);
        return Locked(until);
    }

    private static string AccountKey(StaffSecret secret, string staffId) => (secret == StaffSecret.Pin ? "pin:" : "password:") + staffId;

    /// <summary>The hash, in one of a few slots (Staff:HashConcurrency); the caller holds a place in the line.</summary>
    private async ValueTask<bool> VerifyAsync(string attempt, string? hash, CancellationToken cancellationToken)
    {
        await _hashSlots.WaitAsync(cancellationToken);
        try
        {
            var started = _time.GetTimestamp();
            var right = SecretHasher.Verify(attempt, hash, _options.HashIterations);

            // The slot rests three times as long as the hash took before the next one: a flood keeps at most a quarter
            // of one core hashing, on any machine and however loaded, and a sign-in answers a few hundred ms later.
            var took = _time.GetElapsedTime(started);
            if (took > TimeSpan.Zero)
            {
                await Task.Delay(took * 3, _time, CancellationToken.None);
            }

            return right;
        }
        finally
        {
            _hashSlots.Release();
        }
    }

    private SignInResult Locked(DateTimeOffset until)
    {
        var wait = until - _time.GetUtcNow();
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return new SignInResult(null, ErrorCodes.StaffLocked, $"此账号错误次数过多,已锁定,请 {minutes} 分钟后再试,或请管理员解锁")
        {
            LockedUntil = until,
            RetryAfter = wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1),
        };
    }

    private static SignInResult Throttled(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var when = seconds < 120 ? $"{seconds} 秒" : $"{(seconds + 59) / 60} 分钟";
        return new SignInResult(null, ErrorCodes.SignInThrottled, $"登录尝试过于频繁,请 {when}后再试")
        {
            RetryAfter = TimeSpan.FromSeconds(seconds),
        };
    }

    private void StoreLock(StaffSecret secret, StaffMember member, DateTimeOffset until, DateTimeOffset now)
    {
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var tx = write.Transaction;
        StaffStore.RecordSignIn(connection, tx, secret, member.StaffId, _options.MaxFailures, until);

        // The hub sees guessing at a counter or the admin page.
        Outbox.Append(tx, "StaffLockedOut", HallJson.SerializeToString(new { ts = now, staffId = member.StaffId, secret = secret == StaffSecret.Pin ? "pin" : "password", until }), now);
        tx.Commit();
    }

    private void ClearStoredLock(StaffSecret secret, StaffMember member)
    {
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        StaffStore.RecordSignIn(connection, write.Transaction, secret, member.StaffId, 0, null);
        write.Transaction.Commit();
    }

    private StaffMember Change(string? staffId, StaffActor actor, string eventType, bool allowSelf, Action<SqliteConnection, SqliteTransaction, string, DateTimeOffset> write)
    {
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var transaction = _database.BeginWrite(connection);
        var tx = transaction.Transaction;
        var before = Existing(connection, tx, staffId);
        if (!(allowSelf && IsSelf(actor, before.StaffId)))
        {
            CheckMayManage(actor, before.Role, before.StaffId);
        }

        if (eventType == "StaffPasswordCleared")
        {
            CheckNotLastAdmin(connection, tx, before);
        }

        write(connection, tx, before.StaffId, now);
        var after = Find(connection, tx, before.StaffId)!;
        AppendEvent(tx, eventType, after, actor, now);
        tx.Commit();
        _logger.Changed(after.StaffId, eventType, actor.Id);
        return after;
    }

    private static void AppendEvent(SqliteTransaction tx, string type, StaffMember member, StaffActor actor, DateTimeOffset now) =>
        Outbox.Append(
            tx,
            type,
            HallJson.SerializeToString(new
            {
                ts = now,
                staffId = member.StaffId,
                name = member.Name,
                role = StaffRoles.Name(member.Role),
                active = member.Active,
                hasPin = member.HasPin,
                hasPassword = member.HasPassword,
                by = actor.Id,
            }),
            now);

    private static bool IsSelf(StaffActor actor, string staffId) => string.Equals(actor.Id, staffId, StringComparison.OrdinalIgnoreCase);

    private static void CheckMayManage(StaffActor actor, StaffRole target, string staffId)
    {
        if (!StaffRoles.MayManage(actor.Role, target))
        {
            throw new StaffException(ErrorCodes.NotAllowed, $"{StaffRoles.Chinese(actor.Role)}不能管理{StaffRoles.Chinese(target)}账号 {staffId} (a {StaffRoles.Name(actor.Role)} may not manage a {StaffRoles.Name(target)}).");
        }
    }

    private static void CheckNotLastAdmin(SqliteConnection connection, SqliteTransaction tx, StaffMember member)
    {
        if (member is { Role: StaffRole.Admin, Active: true, HasPassword: true } && CountAdmins(connection, tx, member.StaffId) == 0)
        {
            throw new StaffException(ErrorCodes.LastAdmin, $"{member.StaffId} 是唯一能登录管理页的管理员,请先添加另一位管理员 (add another admin first).");
        }
    }

    private static long CountAdmins(SqliteConnection connection, SqliteTransaction? tx, string? exceptStaffId) =>
        StaffStore.CountAdmins(connection, tx, exceptStaffId);

    private static StaffException UnknownStaff(string? staffId) =>
        new(ErrorCodes.UnknownStaff, $"没有工号为 {staffId} 的人员 (no staff '{staffId}').");

    private static StaffMember Existing(SqliteConnection connection, SqliteTransaction tx, string? staffId) =>
        (string.IsNullOrWhiteSpace(staffId) ? null : Find(connection, tx, staffId.Trim())) ?? throw UnknownStaff(staffId);

    private static StaffMember? Find(SqliteConnection connection, SqliteTransaction? tx, string staffId) =>
        StaffStore.Find(connection, tx, staffId);

    private string HashPin(string? pin)
    {
        if (SecretRules.PinProblem(pin) is { } problem)
        {
            throw new StaffException(ErrorCodes.WeakPin, problem);
        }

        return SecretHasher.Hash(pin!, _options.HashIterations);
    }

    private string HashPassword(string? password, string staffId)
    {
        if (SecretRules.PasswordProblem(password, staffId) is { } problem)
        {
            throw new StaffException(ErrorCodes.WeakPassword, problem);
        }

        return SecretHasher.Hash(password!, _options.HashIterations);
    }

    private static string ValidStaffId(string? staffId)
    {
        var id = staffId?.Trim();
        if (string.IsNullOrEmpty(id) || !StaffIdPattern().IsMatch(id))
        {
            throw new StaffException(ErrorCodes.InvalidField, $"工号 '{staffId}' 无效:用 1–16 个字母、数字或 '-',如 S001 或 1024 (use 1–16 letters, digits or '-').");
        }

        return id;
    }

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 32 || trimmed.Any(char.IsControl))
        {
            throw new StaffException(ErrorCodes.InvalidField, "姓名须为 1–32 个字符 (the name must be 1–32 characters).");
        }

        return trimmed;
    }

    private static StaffRole ValidRole(string? role) =>
        StaffRoles.TryParse(role, out var parsed)
            ? parsed
            : throw new StaffException(ErrorCodes.InvalidField, $"角色 '{role}' 无效:staff(窗口人员)、duty-manager(值班长)或 admin(管理员).");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,15}$")]
    private static partial Regex StaffIdPattern();
}
