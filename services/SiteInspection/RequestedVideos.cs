using Hall.Contract.Evidence;

namespace Hall.SiteInspection;

/// <summary>The checked videos the county may ask for, as 云踏勘 keeps them: kept until their retention, or held once asked.</summary>
public sealed class RequestedVideos(InspectionStore store) : IRequestedVideos
{
    public RequestedVideo? Find(string inspectionId)
    {
        var verdict = store.Verdict(inspectionId);
        if (verdict is null || verdict.VideoDeleted || verdict.VideoPath is not { } path || !File.Exists(path))
        {
            return null;
        }

        return new RequestedVideo(path, new FileInfo(path).Length, verdict.VideoSha256);
    }

    public bool Hold(string inspectionId) => store.Hold(inspectionId);
}
