namespace Hall.Contract.Downlink;

/// <summary>A material an item needs; <paramref name="ShortfallAllowed"/> (容缺) lets the case start without it, to be supplied within <paramref name="SupplementDays"/> working days.</summary>
public sealed record ConfigMaterial(string Name, bool ShortfallAllowed, int? SupplementDays);
