namespace Hall.SiteInspection.Tests.Analysis;

/// <summary>The analysis tests share one set of videos (making them is most of the suite's time).</summary>
[CollectionDefinition(Name)]
public sealed class AnalysisVideosCollection : ICollectionFixture<AnalysisVideos>
{
    public const string Name = "Site inspection analysis videos";
}
