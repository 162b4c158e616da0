namespace Hall.Queue.Tests;

/// <summary>One staff member: s01 / PIN 1234, 张三.</summary>
public sealed class FakeStaffDirectory : IStaffDirectory
{
    public ValueTask<PinCheck> CheckPinAsync(string staffId, string pin, string source, CancellationToken cancellationToken) =>
        ValueTask.FromResult(staffId == "s01" && pin == "1234"
            ? new PinCheck("张三", null, null)
            : new PinCheck(null, ErrorCodes.BadPin, "工号或 PIN 不正确,请重新输入;多次失败请联系值班长"));
}
