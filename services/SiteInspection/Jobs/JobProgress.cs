namespace Hall.SiteInspection.Jobs;

/// <summary>How far a check is: 0–100 and a stage a person reads on the page, e.g. "正在识别水印".</summary>
public readonly record struct JobProgress(int Percent, string Stage);
