using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hall.Contract;
using Hall.Contract.Identity;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Auth;

/// <summary>
/// County staff accounts and their sessions. Passwords are kept as salted PBKDF2 hashes (the box's
/// <see cref="SecretHasher"/>), checked with no lock held; wrong tries are counted by <see cref="SignInThrottle"/>.
/// A session is a random token in an HttpOnly cookie, kept at the hub only as its SHA-256, so signing out, a new
/// password or disabling an account really ends it. Every change is written to the audit log in its transaction.
/// </summary>
public sealed partial class HubAccounts
{
    /// <summary>The account <c>Hub:BootstrapAdminPassword</c> creates.</summary>
    public const string BootstrapAdminId = "admin";

    private const string UserColumns = "user_id, name, role, box_id, active, created_at, updated_at";

    private readonly HubDatabase _database;
    private readonly HubOptions _options;
    private readonly TimeProvider _time;
    private readonly SignInThrottle _throttle;
    private readonly HubAudit _audit;

    public HubAccounts(HubDatabase database, IOptions<HubOptions> options, TimeProvider time, SignInThrottle throttle, HubAudit audit)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options.Value;
        _time = time;
        _throttle = throttle;
        _audit = audit;
    }

    private static HubUser System { get; } = new("hub", "县级中心", HubRole.CountyAdmin, null);

    /// <summary>
    /// When no active county admin exists: creates the account "admin" with <paramref name="password"/>, or restores it.
    /// True when it did.
    /// </summary>
    public async Task<bool> EnsureBootstrapAdminAsync(string password, CancellationToken cancellationToken = default)
    {
        if (HubPasswords.Problem(password, BootstrapAdminId) is { } problem)
        {
            throw new HubException(HubErrorCodes.WeakPassword, problem, StatusCodes.Status400BadRequest);
        }

        var hash = SecretHasher.Hash(password, _options.HashIterations);
        var now = _time.GetUtcNow();
        return await WriteAsync(async s =>
        {
            if (await CountAdminsAsync(s, null, cancellationToken) > 0)
            {
                return false;
            }

            var d = s.Dialect;
            await s.ExecuteAsync("DELETE FROM hub_sessions WHERE user_id = @id", cancellationToken, ("@id", BootstrapAdminId));
            var updated = await s.ExecuteAsync(
                "UPDATE hub_users SET role = @role, box_id = NULL, password_hash = @hash, active = @on, updated_at = @at WHERE user_id = @id",
                cancellationToken, ("@role", HubRoles.CountyAdmin), ("@hash", hash), ("@on", true), ("@at", d.TimeValue(now)), ("@id", BootstrapAdminId));
            if (updated == 0)
            {
                await s.ExecuteAsync(
                    "INSERT INTO hub_users(user_id, name, role, box_id, password_hash, active, created_at, updated_at) VALUES (@id, @name, @role, NULL, @hash, @on, @at, @at)",
                    cancellationToken, ("@id", BootstrapAdminId), ("@name", "管理员"), ("@role", HubRoles.CountyAdmin), ("@hash", hash), ("@on", true), ("@at", d.TimeValue(now)));
            }

            await _audit.Record(s, System, "创建初始管理员", null, "按启动设置中的初始密码创建或恢复管理员账号 admin", cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>True when some active county admin can sign in.</summary>
    public Task<bool> HasAdminAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async s => await CountAdminsAsync(s, null, cancellationToken) > 0, cancellationToken);

    /// <summary>Checks a password and opens a session. Refusals never say whether the account exists.</summary>
    public async Task<SignInOutcome> SignInAsync(string? userId, string? password, string address, CancellationToken cancellationToken = default)
    {
        var failed = new HubException(HubErrorCodes.SignInFailed, "账号或密码不正确,或该账号已停用。", StatusCodes.Status401Unauthorized);
        var id = userId?.Trim() ?? string.Empty;
        if (id.Length is 0 or > 64 || string.IsNullOrEmpty(password) || password.Length > HubPasswords.MaxLength)
        {
            return new SignInOutcome(null, null, failed);
        }

        var wait = _throttle.WaitFor(id, address);
        if (wait > TimeSpan.Zero)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            return new SignInOutcome(null, null, new HubException(
                HubErrorCodes.SignInPaused, $"密码错误次数过多,请 {minutes} 分钟后再试;忘记密码请联系县级管理员重置。", StatusCodes.Status429TooManyRequests));
        }

        (HubUser User, string Hash, bool Active)? found = null;
        await ReadAsync(async s =>
        {
            await s.QueryAsync(
                "SELECT user_id, name, role, box_id, password_hash, active FROM hub_users WHERE user_id = @id",
                r => found = (ReadUser(r), r.GetString(4), Convert.ToBoolean(r.GetValue(5), CultureInfo.InvariantCulture)),
                cancellationToken, ("@id", id));
            return true;
        }, cancellationToken);

        // The hash is checked outside any lock; a missing or disabled account costs the same time as a real check.
        var ok = SecretHasher.Verify(password, found is { Active: true } f ? f.Hash : null, _options.HashIterations);
        if (!ok || found is not { } account)
        {
            _throttle.Failed(id, address);
            return new SignInOutcome(null, null, failed);
        }

        _throttle.Succeeded(id, address);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = _time.GetUtcNow();
        await WriteAsync(async s =>
        {
            await s.ExecuteAsync(
                "INSERT INTO hub_sessions(session_hash, user_id, created_at, last_seen_at, address) VALUES (@hash, @id, @at, @at, @addr)",
                cancellationToken, ("@hash", TokenHash(token)), ("@id", account.User.UserId), ("@at", s.Dialect.TimeValue(now)), ("@addr", address));
            await _audit.Record(s, account.User, "登录", null, "从 " + address + " 登录", cancellationToken);
            return true;
        }, cancellationToken);
        return new SignInOutcome(account.User, token, null);
    }

    /// <summary>The user of a session token, or null when the session is unknown, ended, idle too long or too old.</summary>
    public async Task<HubUser?> SessionAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = TokenHash(token);
        var d = _database.Dialect;
        (HubUser User, DateTimeOffset Created, DateTimeOffset LastSeen)? found = null;
        await ReadAsync(async s =>
        {
            await s.QueryAsync(
                "SELECT u.user_id, u.name, u.role, u.box_id, s.created_at, s.last_seen_at FROM hub_sessions s JOIN hub_users u ON u.user_id = s.user_id WHERE s.session_hash = @hash AND u.active = @on",
                r => found = (ReadUser(r), d.ReadTime(r, 4), d.ReadTime(r, 5)),
                cancellationToken, ("@hash", hash), ("@on", true));
            return true;
        }, cancellationToken);
        if (found is not { } session)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (now - session.LastSeen > _options.SessionIdle || now - session.Created > _options.SessionMax)
        {
            await WriteAsync(s => s.ExecuteAsync("DELETE FROM hub_sessions WHERE session_hash = @hash", cancellationToken, ("@hash", hash)), cancellationToken);
            return null;
        }

        // Sliding, without a write on every request.
        if (now - session.LastSeen > TimeSpan.FromMinutes(1))
        {
            await WriteAsync(s => s.ExecuteAsync("UPDATE hub_sessions SET last_seen_at = @at WHERE session_hash = @hash", cancellationToken, ("@at", d.TimeValue(now)), ("@hash", hash)), cancellationToken);
        }

        return session.User;
    }

    /// <summary>Ends the session of <paramref name="token"/> (the cookie is cleared by the caller).</summary>
    public async Task SignOutAsync(HubUser user, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        await WriteAsync(async s =>
        {
            var ended = await s.ExecuteAsync("DELETE FROM hub_sessions WHERE session_hash = @hash", cancellationToken, ("@hash", TokenHash(token)));
            if (ended > 0)
            {
                await _audit.Record(s, user, "退出", null, "退出登录", cancellationToken);
            }

            return ended;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<HubAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        var d = _database.Dialect;
        return ReadAsync<IReadOnlyList<HubAccount>>(async s =>
        {
            var list = new List<HubAccount>();
            await s.QueryAsync($"SELECT {UserColumns} FROM hub_users ORDER BY user_id", r => list.Add(ReadAccount(r, d)), cancellationToken);
            return list;
        }, cancellationToken);
    }

    public async Task<HubAccount> AddAsync(NewHubUser user, HubUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        var id = ValidUserId(user.UserId);
        var name = ValidName(user.Name);
        var role = ValidRole(user.Role);
        if (HubPasswords.Problem(user.Password, id) is { } problem)
        {
            throw new HubException(HubErrorCodes.WeakPassword, problem, StatusCodes.Status400BadRequest);
        }

        var hash = SecretHasher.Hash(user.Password!, _options.HashIterations);
        var now = _time.GetUtcNow();
        return await WriteAsync(async s =>
        {
            var box = await ValidBoxAsync(s, role, user.BoxId, cancellationToken);
            if (await FindAsync(s, id, cancellationToken) is not null)
            {
                throw new HubException(HubErrorCodes.UserExists, $"账号 {id} 已存在,请换一个账号名。", StatusCodes.Status409Conflict);
            }

            await s.ExecuteAsync(
                "INSERT INTO hub_users(user_id, name, role, box_id, password_hash, active, created_at, updated_at) VALUES (@id, @name, @role, @box, @hash, @on, @at, @at)",
                cancellationToken, ("@id", id), ("@name", name), ("@role", HubRoles.Name(role)), ("@box", box), ("@hash", hash), ("@on", true), ("@at", s.Dialect.TimeValue(now)));
            await _audit.Record(s, actor, "添加用户", box, $"添加 {name}({id}),角色 {HubRoles.Label(role)}", cancellationToken);
            return (await FindAsync(s, id, cancellationToken))!;
        }, cancellationToken);
    }

    /// <summary>Changes name, role, hall, active flag or password. Never leaves the hub without an active county admin.</summary>
    public async Task<HubAccount> UpdateAsync(string? userId, HubUserUpdate update, HubUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(actor);
        var name = update.Name is null ? null : ValidName(update.Name);
        HubRole? role = update.Role is null ? null : ValidRole(update.Role);
        string? hash = null;
        if (update.Password is not null)
        {
            if (HubPasswords.Problem(update.Password, userId) is { } problem)
            {
                throw new HubException(HubErrorCodes.WeakPassword, problem, StatusCodes.Status400BadRequest);
            }

            hash = SecretHasher.Hash(update.Password, _options.HashIterations);
        }

        var now = _time.GetUtcNow();
        return await WriteAsync(async s =>
        {
            var before = await FindAsync(s, userId?.Trim() ?? string.Empty, cancellationToken)
                ?? throw new HubException(HubErrorCodes.UnknownUser, $"没有账号 {userId},请刷新用户列表。", StatusCodes.Status404NotFound);
            var oldRole = HubRoles.ParseOrLeast(before.Role);
            var newRole = role ?? oldRole;
            var active = update.Active ?? before.Active;
            var self = string.Equals(before.UserId, actor.UserId, StringComparison.Ordinal);
            if (self && (!active || newRole != oldRole))
            {
                throw new HubException(ErrorCodes.NotAllowed, "不能停用自己或更改自己的角色,请由另一位县级管理员操作。", StatusCodes.Status403Forbidden);
            }

            if (oldRole == HubRole.CountyAdmin && before.Active && (newRole != HubRole.CountyAdmin || !active)
                && await CountAdminsAsync(s, before.UserId, cancellationToken) == 0)
            {
                throw new HubException(HubErrorCodes.LastAdmin, "这是最后一位县级管理员,请先添加另一位县级管理员。", StatusCodes.Status409Conflict);
            }

            var box = newRole == HubRole.Township
                ? await ValidBoxAsync(s, newRole, update.BoxId ?? before.BoxId, cancellationToken)
                : null;
            var d = s.Dialect;
            await s.ExecuteAsync(
                "UPDATE hub_users SET name = @name, role = @role, box_id = @box, active = @on, password_hash = COALESCE(@hash, password_hash), updated_at = @at WHERE user_id = @id",
                cancellationToken, ("@name", name ?? before.Name), ("@role", HubRoles.Name(newRole)), ("@box", box), ("@on", active), ("@hash", hash), ("@at", d.TimeValue(now)), ("@id", before.UserId));

            // A new password or a disabled account ends the account's sessions; a role or hall change applies at the next request anyway.
            if (hash is not null || !active)
            {
                await s.ExecuteAsync("DELETE FROM hub_sessions WHERE user_id = @id", cancellationToken, ("@id", before.UserId));
            }

            var changes = new List<string>();
            if (name is not null && name != before.Name)
            {
                changes.Add($"姓名改为 {name}");
            }

            if (newRole != oldRole)
            {
                changes.Add($"角色改为 {HubRoles.Label(newRole)}");
            }

            if (box != before.BoxId && box is not null)
            {
                changes.Add($"所属乡镇改为 {box}");
            }

            if (active != before.Active)
            {
                changes.Add(active ? "启用" : "停用");
            }

            if (hash is not null)
            {
                changes.Add("重置密码");
            }

            await _audit.Record(s, actor, hash is not null && changes.Count == 1 ? "重置密码" : "修改用户", box ?? before.BoxId,
                $"{before.Name}({before.UserId}):" + (changes.Count == 0 ? "无变化" : string.Join(",", changes)), cancellationToken);
            return (await FindAsync(s, before.UserId, cancellationToken))!;
        }, cancellationToken);
    }

    private static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static HubUser ReadUser(DbDataReader r)
    {
        return new HubUser(r.GetString(0), r.GetString(1), HubRoles.ParseOrLeast(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3));
    }

    private static HubAccount ReadAccount(DbDataReader r, SqlDialect d) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        Convert.ToBoolean(r.GetValue(4), CultureInfo.InvariantCulture), d.ReadTime(r, 5), d.ReadTime(r, 6));

    private static async Task<HubAccount?> FindAsync(Statements s, string userId, CancellationToken cancellationToken)
    {
        HubAccount? found = null;
        await s.QueryAsync($"SELECT {UserColumns} FROM hub_users WHERE user_id = @id", r => found = ReadAccount(r, s.Dialect), cancellationToken, ("@id", userId));
        return found;
    }

    private static async Task<long> CountAdminsAsync(Statements s, string? except, CancellationToken cancellationToken)
    {
        long count = 0;
        await s.QueryAsync(
            "SELECT COUNT(*) FROM hub_users WHERE role = @role AND active = @on AND user_id <> @except",
            r => count = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
            cancellationToken, ("@role", HubRoles.CountyAdmin), ("@on", true), ("@except", except ?? string.Empty));
        return count;
    }

    private static async Task<string?> ValidBoxAsync(Statements s, HubRole role, string? boxId, CancellationToken cancellationToken)
    {
        if (role != HubRole.Township)
        {
            return null;
        }

        var id = boxId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw new HubException(ErrorCodes.MissingField, "乡镇查看账号须选择所属乡镇(便民服务中心)。", StatusCodes.Status400BadRequest);
        }

        var known = false;
        await s.QueryAsync("SELECT 1 FROM boxes WHERE box_id = @box", _ => known = true, cancellationToken, ("@box", id));
        return known ? id : throw new HubException(HubErrorCodes.UnknownHall, $"没有已登记的便民服务中心 {id},请从列表中选择。", StatusCodes.Status400BadRequest);
    }

    private static string ValidUserId(string? userId)
    {
        var id = userId?.Trim() ?? string.Empty;
        return UserIdPattern().IsMatch(id)
            ? id
            : throw new HubException(ErrorCodes.InvalidField, "账号须为 2 至 32 位小写字母、数字、点、横线或下划线,以字母或数字开头。", StatusCodes.Status400BadRequest);
    }

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length is >= 1 and <= 32 && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw new HubException(ErrorCodes.InvalidField, "姓名须为 1 至 32 个字符。", StatusCodes.Status400BadRequest);
    }

    private static HubRole ValidRole(string? role) =>
        HubRoles.TryParse(role, out var parsed)
            ? parsed
            : throw new HubException(ErrorCodes.InvalidField, "角色须为县级管理员、督办员或乡镇查看之一。", StatusCodes.Status400BadRequest);

    private async Task<T> ReadAsync<T>(Func<Statements, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var statements = new Statements(connection, tx, _database.Dialect);
        return await work(statements);
    }

    private async Task<T> WriteAsync<T>(Func<Statements, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
        T result;
        await using (var statements = new Statements(connection, tx, _database.Dialect))
        {
            result = await work(statements);
            await statements.FlushAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return result;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();
}
