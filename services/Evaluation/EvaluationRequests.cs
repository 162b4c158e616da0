namespace Hall.Evaluation;

/// <summary>The evaluation's device request: an evaluator's rating.</summary>
internal sealed class EvaluationRequests(EvaluationService evaluation) : IDeviceRequests
{
    public void MapTo(IRequestMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Map<RatingRequest>(Topics.Requests.Rating, evaluation.HandleRatingAsync);
    }
}
