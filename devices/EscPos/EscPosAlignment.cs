namespace Hall.Devices.EscPos;

/// <summary>Line alignment, the argument of ESC a.</summary>
public enum EscPosAlignment : byte
{
    Left = 0,
    Center = 1,
    Right = 2,
}
