using Hall.Contract;
using Xunit;

namespace Hall.Staff.Tests;

public sealed class StaffDirectoryTests : IDisposable
{
    private readonly StaffFixture _fixture = new();

    private StaffDirectory Directory => _fixture.Directory;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Right_pin_signs_in_with_the_display_name_and_wrong_pin_does_not()
    {
        Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);

        Assert.Equal("张敏", await Directory.VerifyPinAsync("S001", "2580", default));
        Assert.Equal("张敏", await Directory.VerifyPinAsync("s001", "2580", default));
        Assert.Null(await Directory.VerifyPinAsync("S001", "2581", default));
        Assert.Null(await Directory.VerifyPinAsync("S999", "2580", default));
    }

    [Fact]
    public async Task After_five_wrong_pins_that_keypad_waits_longer_each_time_while_another_keypad_signs_in()
    {
        Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ErrorCodes.BadPin, (await Directory.SignInWithPinAsync("S001", "1357", "device:k1", default)).Code);
        }

        // The guessing keypad now waits 2 s, then 4 s: even the right PIN is not checked before then.
        var throttled = await Directory.SignInWithPinAsync("S001", "2580", "device:k1", default);
        Assert.Equal(ErrorCodes.SignInThrottled, throttled.Code);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.RetryAfter);
        Assert.Contains("2 秒", throttled.Message, StringComparison.Ordinal);
        _fixture.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ErrorCodes.BadPin, (await Directory.SignInWithPinAsync("S001", "1357", "device:k1", default)).Code);
        Assert.Equal(TimeSpan.FromSeconds(4), (await Directory.SignInWithPinAsync("S001", "2580", "device:k1", default)).RetryAfter);

        // The person at the next counter is not held up, and the account is not locked.
        Assert.Equal("张敏", (await Directory.CheckPinAsync("S001", "2580", "device:k2", default)).Name);
        Assert.Null(Directory.Find("S001")!.PinLockedUntil);
    }

    [Fact]
    public async Task Many_sources_guessing_one_account_lock_it_as_the_last_line_until_an_admin_unlocks()
    {
        using var fixture = new StaffFixture(new StaffOptions { HashIterations = 1_000, MaxFailures = 6 });
        var directory = fixture.Directory;
        directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ErrorCodes.BadPin, (await directory.SignInWithPinAsync("S001", "1357", $"ip:10.0.0.{i}", default)).Code);
        }

        var sixth = await directory.SignInWithPinAsync("S001", "1357", "ip:10.0.0.9", default);
        Assert.Equal(ErrorCodes.StaffLocked, sixth.Code);
        Assert.Equal(fixture.Time.GetUtcNow() + TimeSpan.FromMinutes(15), sixth.LockedUntil);
        Assert.Contains(fixture.OutboxRows(), row => row.Type == "StaffLockedOut");

        // Locked for everyone now, the right PIN too, and it is stored (a restart keeps it, hallctl can lift it).
        var real = await directory.SignInWithPinAsync("S001", "2580", "device:counter-1", default);
        Assert.Equal(ErrorCodes.StaffLocked, real.Code);
        Assert.Equal(TimeSpan.FromMinutes(15), real.RetryAfter);
        Assert.NotNull(directory.Find("S001")!.PinLockedUntil);

        directory.Unlock("S001", StaffActor.Technician);
        Assert.Equal("张敏", (await directory.CheckPinAsync("S001", "2580", "device:counter-1", default)).Name);
    }

    [Fact]
    public async Task The_last_line_lock_ends_by_itself_after_the_lockout()
    {
        using var fixture = new StaffFixture(new StaffOptions { HashIterations = 1_000, MaxFailures = 3 });
        fixture.Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);
        for (var i = 0; i < 3; i++)
        {
            await fixture.Directory.SignInWithPinAsync("S001", "1357", $"ip:10.0.0.{i}", default);
        }

        fixture.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(ErrorCodes.StaffLocked, (await fixture.Directory.SignInWithPinAsync("S001", "2580", "ip:10.0.1.1", default)).Code);
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("张敏", (await fixture.Directory.CheckPinAsync("S001", "2580", "ip:10.0.1.1", default)).Name);
    }

    [Fact]
    public async Task Made_up_staff_ids_get_the_same_answers_and_are_counted_the_same()
    {
        using var fixture = new StaffFixture(new StaffOptions { HashIterations = 1_000, MaxFailures = 3 });
        var directory = fixture.Directory;
        directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);

        var answers = new List<(string? Code, string Message)>();
        foreach (var id in new[] { "S001", "S999" })
        {
            for (var i = 0; i < 3; i++)
            {
                var result = await directory.SignInWithPinAsync(id, "1357", $"ip:10.0.{i}.1", default);
                answers.Add((result.Code, result.Message.Replace(id, "?", StringComparison.Ordinal)));
            }
        }

        // A stranger cannot tell which ids exist: bad-pin, bad-pin, then locked, for both.
        Assert.Equal(answers.Take(3), answers.Skip(3));
        Assert.Equal(ErrorCodes.StaffLocked, answers[2].Code);

        // And one address spraying made-up ids is slowed down like one guessing a real id.
        for (var i = 0; i < 5; i++)
        {
            await directory.SignInWithPinAsync("X" + i, "1357", "ip:10.9.9.9", default);
        }

        Assert.Equal(ErrorCodes.SignInThrottled, (await directory.SignInWithPinAsync("X9", "1357", "ip:10.9.9.9", default)).Code);
    }

    [Fact]
    public async Task A_right_pin_resets_the_count_of_wrong_ones()
    {
        Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                await Directory.VerifyPinAsync("S001", "1357", default);
            }

            Assert.Equal("张敏", await Directory.VerifyPinAsync("S001", "2580", default));
        }
    }

    [Fact]
    public async Task Resetting_the_pin_lifts_the_lockout()
    {
        using var fixture = new StaffFixture(new StaffOptions { HashIterations = 1_000, MaxFailures = 3 });
        var directory = fixture.Directory;
        directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);
        for (var i = 0; i < 3; i++)
        {
            await directory.SignInWithPinAsync("S001", "1357", $"ip:10.0.0.{i}", default);
        }

        Assert.NotNull(directory.Find("S001")!.PinLockedUntil);
        directory.SetPin("S001", "4826", StaffActor.Technician);

        Assert.Equal("张敏", await directory.VerifyPinAsync("S001", "4826", default));
        Assert.Null(await directory.VerifyPinAsync("S001", "2580", default));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("123456789")]
    [InlineData("12a4")]
    [InlineData("1111")]
    [InlineData("1234")]
    [InlineData("98765")]
    public void Weak_or_malformed_pins_are_refused_and_nothing_is_saved(string pin)
    {
        var error = Assert.Throws<StaffException>(() =>
            Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = pin }, StaffActor.Technician));

        Assert.Equal(ErrorCodes.WeakPin, error.Code);
        Assert.Empty(Directory.List());
        Assert.Empty(_fixture.OutboxRows());
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("12345678")]
    [InlineData("aaaaaaaaaa")]
    [InlineData("password")]
    [InlineData("admin123")]
    public void Weak_passwords_are_refused(string password)
    {
        var error = Assert.Throws<StaffException>(() =>
            Directory.Add(new NewStaff { StaffId = "W01", Name = "王强", Role = "duty-manager", Password = password }, StaffActor.Technician));

        Assert.Equal(ErrorCodes.WeakPassword, error.Code);
        Assert.Empty(Directory.List());
    }

    [Fact]
    public async Task A_deactivated_member_cannot_sign_in_at_a_counter_or_the_admin_page()
    {
        Directory.Add(new NewStaff { StaffId = "W01", Name = "王强", Role = "duty-manager", Pin = "2580", Password = "Xiangzhen#2025" }, StaffActor.Technician);
        Directory.Update("W01", new StaffUpdate { Active = false }, StaffActor.Technician);

        Assert.Null(await Directory.VerifyPinAsync("W01", "2580", default));
        Assert.Equal(ErrorCodes.SignInFailed, (await Directory.SignInWithPasswordAsync("W01", "Xiangzhen#2025", default)).Code);

        Directory.Update("W01", new StaffUpdate { Active = true }, StaffActor.Technician);
        Assert.True((await Directory.SignInWithPasswordAsync("W01", "Xiangzhen#2025", default)).Succeeded);
    }

    [Fact]
    public async Task Counter_staff_cannot_sign_in_to_the_admin_page()
    {
        Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);

        Assert.False((await Directory.SignInWithPasswordAsync("S001", "2580", default)).Succeeded);
        var error = Assert.Throws<StaffException>(() => Directory.SetPassword("S001", "Xiangzhen#2025", StaffActor.Technician));
        Assert.Equal(ErrorCodes.InvalidField, error.Code);
    }

    [Fact]
    public void A_taken_staff_id_is_refused_whatever_its_case()
    {
        Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);

        var error = Assert.Throws<StaffException>(() =>
            Directory.Add(new NewStaff { StaffId = "s001", Name = "李四", Role = "staff", Pin = "4826" }, StaffActor.Technician));
        Assert.Equal(ErrorCodes.StaffExists, error.Code);
    }

    [Fact]
    public void A_duty_manager_manages_counter_staff_but_cannot_create_admins()
    {
        var dutyManager = new StaffActor("W01", StaffRole.DutyManager);
        Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, dutyManager);

        var error = Assert.Throws<StaffException>(() =>
            Directory.Add(new NewStaff { StaffId = "A02", Name = "赵六", Role = "admin", Password = "Xiangzhen#2025" }, dutyManager));
        Assert.Equal(ErrorCodes.NotAllowed, error.Code);
        Assert.Throws<StaffException>(() => Directory.Update("S001", new StaffUpdate { Role = "admin" }, dutyManager));
    }

    [Fact]
    public void The_last_admin_cannot_be_deactivated_or_demoted()
    {
        Directory.Add(new NewStaff { StaffId = "A01", Name = "刘洋", Role = "admin", Password = "Xiangzhen#2025" }, StaffActor.Technician);

        Assert.Equal(ErrorCodes.LastAdmin, Assert.Throws<StaffException>(() => Directory.Update("A01", new StaffUpdate { Active = false }, StaffActor.Technician)).Code);
        Assert.Equal(ErrorCodes.LastAdmin, Assert.Throws<StaffException>(() => Directory.Update("A01", new StaffUpdate { Role = "staff" }, StaffActor.Technician)).Code);
        Assert.Equal(ErrorCodes.LastAdmin, Assert.Throws<StaffException>(() => Directory.SetPassword("A01", null, StaffActor.Technician)).Code);

        Directory.Add(new NewStaff { StaffId = "A02", Name = "赵六", Role = "admin", Password = "Zhen-Admin-77" }, StaffActor.Technician);
        Assert.False(Directory.Update("A01", new StaffUpdate { Active = false }, StaffActor.Technician).Active);
    }

    [Fact]
    public void Every_change_goes_to_the_outbox_without_pin_or_password()
    {
        Directory.Add(new NewStaff { StaffId = "W01", Name = "王强", Role = "duty-manager", Pin = "2580", Password = "Xiangzhen#2025" }, StaffActor.Technician);
        Directory.SetPin("W01", "4826", StaffActor.Technician);
        Directory.SetPassword("W01", "Another-Pass-9", StaffActor.Technician);
        Directory.Update("W01", new StaffUpdate { Name = "王强强" }, StaffActor.Technician);

        var rows = _fixture.OutboxRows();
        Assert.Equal(["StaffAdded", "StaffPinSet", "StaffPasswordSet", "StaffUpdated"], rows.Select(r => r.Type));
        foreach (var (_, payload) in rows)
        {
            Assert.DoesNotContain("2580", payload, StringComparison.Ordinal);
            Assert.DoesNotContain("4826", payload, StringComparison.Ordinal);
            Assert.DoesNotContain("Xiangzhen", payload, StringComparison.Ordinal);
            Assert.DoesNotContain("pbkdf2", payload, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Stored_secrets_are_salted_hashes()
    {
        Directory.Add(new NewStaff { StaffId = "S001", Name = "张敏", Role = "staff", Pin = "2580" }, StaffActor.Technician);
        Directory.Add(new NewStaff { StaffId = "S002", Name = "李娜", Role = "staff", Pin = "2580" }, StaffActor.Technician);

        using var connection = _fixture.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pin_hash FROM staff ORDER BY staff_id";
        using var reader = command.ExecuteReader();
        var hashes = new List<string>();
        while (reader.Read())
        {
            hashes.Add(reader.GetString(0));
        }

        Assert.All(hashes, h => Assert.StartsWith("pbkdf2-sha256$1000$", h, StringComparison.Ordinal));
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task Bootstrap_creates_the_admin_once_and_not_while_an_admin_exists()
    {
        Assert.False(Directory.HasAdmin());

        var admin = Directory.EnsureBootstrapAdmin("First-Boot-2025");
        Assert.NotNull(admin);
        Assert.Equal(StaffRole.Admin, admin.Role);
        Assert.True((await Directory.SignInWithPasswordAsync("admin", "First-Boot-2025", default)).Succeeded);

        Assert.Null(Directory.EnsureBootstrapAdmin("Other-Password-1"));
        Assert.False((await Directory.SignInWithPasswordAsync("admin", "Other-Password-1", default)).Succeeded);
    }

    [Fact]
    public async Task Bootstrap_restores_the_admin_account_when_no_admin_is_left()
    {
        Directory.EnsureBootstrapAdmin("First-Boot-2025");

        // The page never lets the last admin go; a store restored from an old backup might.
        using (var connection = _fixture.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE staff SET active = 0";
            command.ExecuteNonQuery();
        }

        Assert.False(Directory.HasAdmin());
        Assert.NotNull(Directory.EnsureBootstrapAdmin("Recovered-2025"));
        Assert.True((await Directory.SignInWithPasswordAsync("admin", "Recovered-2025", default)).Succeeded);
        Assert.False((await Directory.SignInWithPasswordAsync("admin", "First-Boot-2025", default)).Succeeded);
    }

    [Fact]
    public void The_tool_opens_a_fresh_database_and_adds_staff()
    {
        using var other = new StaffFixture();
        var path = Path.Combine(Path.GetDirectoryName(other.Database.Path)!, "tool.db");
        var directory = StaffDirectory.OpenForTool(new Hall.Store.HallDatabase(path), other.Time);

        var member = directory.Add(new NewStaff { StaffId = "A01", Name = "刘洋", Role = "admin", Password = "Xiangzhen#2025" }, StaffActor.Technician);

        Assert.True(member.HasPassword);
        Assert.True(directory.HasAdmin());
    }

    [Fact]
    public async Task Password_lockout_is_separate_from_pin_lockout()
    {
        using var fixture = new StaffFixture(new StaffOptions { HashIterations = 1_000, MaxFailures = 3 });
        var directory = fixture.Directory;
        directory.Add(new NewStaff { StaffId = "W01", Name = "王强", Role = "duty-manager", Pin = "2580", Password = "Xiangzhen#2025" }, StaffActor.Technician);
        for (var i = 0; i < 3; i++)
        {
            await directory.SignInWithPasswordAsync("W01", "wrong-password", $"ip:10.0.0.{i}", default);
        }

        Assert.Equal(ErrorCodes.StaffLocked, (await directory.SignInWithPasswordAsync("W01", "Xiangzhen#2025", default)).Code);
        Assert.Equal("王强", await directory.VerifyPinAsync("W01", "2580", default));

        directory.Unlock("W01", StaffActor.Technician);
        Assert.True((await directory.SignInWithPasswordAsync("W01", "Xiangzhen#2025", default)).Succeeded);
    }

    [Fact]
    public async Task A_new_password_a_new_pin_or_deactivation_ends_that_persons_sessions()
    {
        var sessions = new StaffSessions(_fixture.Database, Microsoft.Extensions.Options.Options.Create(_fixture.Options), _fixture.Time);
        Directory.Add(new NewStaff { StaffId = "W01", Name = "王强", Role = "duty-manager", Pin = "2580", Password = "Xiangzhen#2025" }, StaffActor.Technician);
        var admin = sessions.Start("W01", StaffSessionKind.Admin, null, "10.0.0.1");
        var counter = sessions.Start("W01", StaffSessionKind.Counter, "3", "10.0.0.2");
        Assert.NotNull(sessions.Find(admin));

        Directory.SetPassword("W01", "Another#Pass-2026", StaffActor.Technician);
        Assert.Null(sessions.Find(admin));
        Assert.NotNull(sessions.Find(counter));

        Directory.SetPin("W01", "4826", StaffActor.Technician);
        Assert.Null(sessions.Find(counter));

        var again = sessions.Start("W01", StaffSessionKind.Counter, "3", "10.0.0.2");
        Directory.Update("W01", new StaffUpdate { Active = false }, StaffActor.Technician);
        Assert.Null(sessions.Find(again));
        Assert.Empty(sessions.List());
    }

    [Fact]
    public void A_session_ends_at_logout_and_by_itself_when_unused_for_the_admin_session_time()
    {
        var sessions = new StaffSessions(_fixture.Database, Microsoft.Extensions.Options.Options.Create(_fixture.Options), _fixture.Time);
        var first = sessions.Start("admin", StaffSessionKind.Admin, null, null);
        var second = sessions.Start("admin", StaffSessionKind.Admin, null, null);

        sessions.End(first, "logout");
        Assert.Null(sessions.Find(first));
        Assert.Null(sessions.Find(first + "x"));

        // Used within the idle time it slides on; left alone longer, it is over.
        _fixture.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.NotNull(sessions.Find(second));
        _fixture.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.NotNull(sessions.Find(second));
        _fixture.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(sessions.Find(second));
    }
}
