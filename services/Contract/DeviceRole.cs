namespace Hall.Contract;

/// <summary>A device's role, fixed at enrollment and taken from its credentials.</summary>
public enum DeviceRole
{
    Kiosk,
    Caller,
    Display,
    Evaluator,
}
