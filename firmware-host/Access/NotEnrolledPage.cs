using Hall.Contract;

namespace Hall.FirmwareHost.Access;

/// <summary>
/// What a device page shows a browser that is not that device: 本设备未登记 with what to do, and the setup pages a
/// technician opens once on the device. Fixed text (element ids for tests: <c>device-refused</c>, <c>setup-form</c>,
/// <c>setup-submit</c>).
/// </summary>
internal static class NotEnrolledPage
{
    public static string NotEnrolled { get; } = PageFiles.Load(typeof(NotEnrolledPage).Assembly, "device-not-enrolled.html");

    public static string OtherDevice { get; } = PageFiles.Load(typeof(NotEnrolledPage).Assembly, "device-other.html");

    public static string Setup { get; } = PageFiles.Load(typeof(NotEnrolledPage).Assembly, "device-setup.html");

    public static string SetupInvalid { get; } = PageFiles.Load(typeof(NotEnrolledPage).Assembly, "device-setup-invalid.html");
}
