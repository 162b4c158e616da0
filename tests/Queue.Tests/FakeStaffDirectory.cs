namespace Hall.Queue.Tests;

/// <summary>One staff member: s01 / PIN 1234, 张三.</summary>
public sealed class FakeStaffDirectory : IStaffDirectory
{
    public ValueTask<string?> VerifyPinAsync(string staffId, string pin, CancellationToken cancellationToken) =>
        ValueTask.FromResult(staffId == "s01" && pin == "1234" ? "张三" : null);
}
