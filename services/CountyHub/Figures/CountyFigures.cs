using System.Globalization;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub.Figures;

/// <summary>
/// What the figure pages ask for, put together from <see cref="FigureQueries"/> (the database) and the plain builders.
/// <c>boxId</c> null means every hall; a township user's requests always carry its own hall.
/// </summary>
public sealed class CountyFigures
{
    private readonly FigureQueries _queries;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;

    public CountyFigures(FigureQueries queries, TimeProvider time, IOptions<HubOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queries = queries;
        _time = time;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.DefaultTimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The county's clock now (Hub:DefaultTimeZone).</summary>
    public DateTimeOffset CountyNow => TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _zone);

    public FigurePeriod ThisMonth => FigurePeriod.Month(CountyNow.Year, CountyNow.Month);

    public async Task<HallTable> HallsAsync(FigurePeriod period, string? boxId, CancellationToken cancellationToken)
    {
        var halls = await _queries.HallsAsync(boxId, cancellationToken);
        var parts = await _queries.ReadAsync(period, FigureGrain.Whole, boxId, cancellationToken);
        return FigureTables.Halls(period, halls, parts);
    }

    /// <summary>A hall's (or, with <paramref name="boxId"/> null, the county's) month by day, or year by month.</summary>
    public async Task<HallPeriodFigures?> SeriesAsync(string? boxId, FigurePeriod period, FigureGrain grain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        string name = FigureTables.CountyName;
        if (boxId is not null)
        {
            var hall = await _queries.HallsAsync(boxId, cancellationToken);
            if (hall.Count == 0)
            {
                return null;
            }

            name = hall[0].Name;
        }

        var key = boxId ?? FigureParts.CountyKey;
        var previous = grain == FigureGrain.Month
            ? FigurePeriod.Year(period.From.Year - 1)
            : period.PreviousMonth();
        var parts = await _queries.ReadAsync(period, grain, boxId, cancellationToken);
        var series = FigureTables.Series(period, grain, key, name, parts);
        var total = FigureTables.Series(period, FigureGrain.Whole, key, name, Whole(parts))[0];
        var before = FigureTables.Series(previous, FigureGrain.Whole, key, name, await _queries.ReadAsync(previous, FigureGrain.Whole, boxId, cancellationToken))[0];
        return new HallPeriodFigures(key, name, Label(period, grain), Label(previous, grain), total with { Period = Label(period, grain) },
            before with { Period = Label(previous, grain) }, MonthOnMonth.Compare(total, before), series);
    }

    public async Task<CountyReport> ReportAsync(string countyName, FigurePeriod month, string? boxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(month);
        var halls = await _queries.HallsAsync(boxId, cancellationToken);
        var previousMonth = month.PreviousMonth();
        var byDay = await _queries.ReadAsync(month, FigureGrain.Day, boxId, cancellationToken);
        var current = FigureTables.Halls(month, halls, Whole(byDay));
        var days = FigureTables.Series(month, FigureGrain.Day, boxId ?? FigureParts.CountyKey, FigureTables.CountyName, byDay);
        var previous = FigureTables.Halls(previousMonth, halls, await _queries.ReadAsync(previousMonth, FigureGrain.Whole, boxId, cancellationToken));
        return CountyReportBuilder.Build(countyName, month, current, previous, days, CountyNow);
    }

    /// <summary>Day parts folded into one part per hall: the month's days are read once and serve both the table and the trend.</summary>
    private static Dictionary<(string Box, string Period), FigureParts> Whole(Dictionary<(string Box, string Period), FigureParts> byDay)
    {
        var whole = new Dictionary<(string, string), FigureParts>();
        foreach (var (key, part) in byDay)
        {
            if (!whole.TryGetValue((key.Box, string.Empty), out var sum))
            {
                sum = new FigureParts();
                whole[(key.Box, string.Empty)] = sum;
            }

            sum.Add(part);
        }

        return whole;
    }

    private static string Label(FigurePeriod period, FigureGrain grain) =>
        grain == FigureGrain.Month ? period.From.Year.ToString(CultureInfo.InvariantCulture) : period.Label;
}
