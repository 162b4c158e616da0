using Hall.CountyHub.Figures;

namespace Hall.CountyHub.Villages;

/// <summary>A hall's figures whole (<see cref="Hall"/>), its own counters (<see cref="Township"/>, 本中心) and each village point.</summary>
public sealed record HallLevels(string BoxId, string HallName, FigureRow Hall, FigureRow Township, IReadOnlyList<VillageFigure> Villages);
