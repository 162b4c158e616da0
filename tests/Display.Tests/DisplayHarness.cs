using Hall.Contract;
using Hall.Contract.Events;
using Hall.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hall.Display.Tests;

/// <summary>Builds the display's parts over a real SQLite file and the real espeak-ng.</summary>
public static class DisplayHarness
{
    public static readonly DateTimeOffset Morning = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    public static DisplayOptions Options(TempDirectory temp, string espeakPath = "espeak-ng") => new()
    {
        CacheDirectory = temp.Combine("speech"),
        EspeakPath = espeakPath,
    };

    public static HallDatabase Database(TempDirectory temp)
    {
        var database = new HallDatabase(temp.Combine("hall.db"));
        Migrator.Apply(database, new DisplayMigrations().Migrations, Morning);
        return database;
    }

    public static SpeechCache Speech(DisplayOptions options, ISpeechRunner? runner = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options), runner ?? new EspeakRunner(), NullLogger<SpeechCache>.Instance);

    public static (DisplayService Service, RecordingPublisher Publisher) Create(
        TempDirectory temp,
        DisplayOptions? options = null,
        TimeProvider? time = null,
        SpeechCache? speech = null,
        LiveFeed? feed = null)
    {
        options ??= Options(temp);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var publisher = new RecordingPublisher(feed);
        var service = new DisplayService(
            publisher,
            new DisplayCallStore(Database(temp), temp.Writer(Database(temp))),
            speech ?? Speech(options),
            new SpeechQueue(wrapped, NullLogger<SpeechQueue>.Instance),
            wrapped,
            new HallClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), time ?? TimeProvider.System),
            time ?? TimeProvider.System,
            NullLogger<DisplayService>.Instance);
        return (service, publisher);
    }

    public static TicketCalled Called(string ticketNo, string counter, bool recall = false, string? counterName = null, DateTimeOffset? at = null) =>
        new(at ?? Morning, ticketNo, ticketNo[..1], counter, counterName, recall, "s1");
}
