using Hall.Contract.Events;

namespace Hall.Queue.Tests;

/// <summary>
/// A village point's kiosk and its 代办员's counter on the township box: the village's tickets wait for the village's
/// counter only, every event carries the village from the devices' enrollment, and no caller commands another's counter.
/// </summary>
public sealed class VillageQueueTests : IAsyncDisposable
{
    private static readonly DeviceIdentity VillageKiosk = new("kiosk-dz", DeviceRole.Kiosk, null) { Village = "v-dz" };
    private static readonly DeviceIdentity VillageCaller = new("caller-dz", DeviceRole.Caller, "V1") { Village = "v-dz" };
    private readonly QueueFixture _f = new();

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    [Fact]
    public async Task A_village_ticket_is_called_only_at_the_villages_counter_and_every_event_names_the_village()
    {
        var queue = await VillageQueueAsync();
        var village = await TakeAsync(queue, VillageKiosk, "A");
        var township = await queue.TakeAsync("A");

        // The township counter skips the village's earlier ticket; the village counter calls only its own.
        var one = await queue.CounterAsync("1", "next").OkAsync();
        Assert.Equal(township.TicketNo, one.TicketNo);
        Assert.Equal(ErrorCodes.NoWaitingTicket, (await queue.CounterAsync("1", "next").ErrorAsync()).Code);
        var v1 = await CounterAsync(queue, VillageCaller, "next").OkAsync();
        Assert.Equal(village.TicketNo, v1.TicketNo);
        await CounterAsync(queue, VillageCaller, "finish").OkAsync();
        await _f.SettledAsync();

        var events = _f.Handler.Events.ToList();
        Assert.Equal("v-dz", events.OfType<TicketIssued>().Single(e => e.TicketNo == village.TicketNo).Village);
        Assert.Null(events.OfType<TicketIssued>().Single(e => e.TicketNo == township.TicketNo).Village);
        Assert.Equal("v-dz", events.OfType<TicketCalled>().Single(e => e.TicketNo == village.TicketNo).Village);
        Assert.Equal("v-dz", events.OfType<TicketFinished>().Single(e => e.TicketNo == village.TicketNo).Village);
        Assert.Null(events.OfType<TicketCalled>().Single(e => e.TicketNo == township.TicketNo).Village);
    }

    [Fact]
    public async Task A_caller_cannot_command_a_counter_of_another_village_or_of_the_hall()
    {
        var queue = await VillageQueueAsync();
        var township = await queue.TakeAsync("A");
        await TakeAsync(queue, VillageKiosk, "A");

        // Enrolled under v-dz but bound to the township's counter 1; and a township caller bound to the village's V1.
        var astray = new DeviceIdentity("caller-x", DeviceRole.Caller, "1") { Village = "v-dz" };
        Assert.Equal(ErrorCodes.NotThisVillage, (await CounterAsync(queue, astray, "next").ErrorAsync()).Code);
        Assert.Equal(ErrorCodes.NotThisVillage, (await queue.CounterAsync("V1", "next").ErrorAsync()).Code);

        // Nothing changed for the refused ones: each ticket still waits for its own counter.
        Assert.Equal(township.TicketNo, (await queue.CounterAsync("1", "next").OkAsync()).TicketNo);
        Assert.NotNull((await CounterAsync(queue, VillageCaller, "next").OkAsync()).TicketNo);
    }

    [Fact]
    public async Task A_village_ticket_is_not_transferred_to_a_township_counter()
    {
        var queue = await VillageQueueAsync();
        await TakeAsync(queue, VillageKiosk, "A");
        await CounterAsync(queue, VillageCaller, "next").OkAsync();

        var refused = await CounterAsync(queue, VillageCaller, "transfer", toCounter: "1").ErrorAsync();

        Assert.Equal(ErrorCodes.NotThisVillage, refused.Code);
        Assert.Contains("代办点 v-dz", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_village_survives_a_restart_of_the_box()
    {
        var queue = await VillageQueueAsync();
        var village = await TakeAsync(queue, VillageKiosk, "A");

        var again = await _f.CreateServiceAsync(Village);

        Assert.Equal("v-dz", again.VillageOf("V1"));
        Assert.Equal(village.TicketNo, (await CounterAsync(again, VillageCaller, "next").OkAsync()).TicketNo);
    }

    private static void Village(QueueOptions o)
    {
        o.Categories = [new() { Prefix = "A", Name = "公民类" }, new() { Prefix = "B", Name = "法人类" }];
        o.Counters = [new() { Id = "1", Categories = ["A", "B"] }, new() { Id = "V1", Name = "东庄村代办点", Categories = ["A", "B"], Village = "v-dz" }];
    }

    private Task<QueueService> VillageQueueAsync() => _f.CreateServiceAsync(Village);

    private static async Task<TicketReply> TakeAsync(QueueService queue, DeviceIdentity kiosk, string category) =>
        Assert.IsType<TicketReply>(await queue.HandleTicketAsync(kiosk, new TicketRequest { RequestId = Requests.NewId(), Category = category }, CancellationToken.None));

    private static Task<object> CounterAsync(QueueService queue, DeviceIdentity caller, string cmd, string? toCounter = null) =>
        queue.HandleCounterAsync(caller, new CounterRequest { RequestId = Requests.NewId(), Cmd = cmd, ToCounter = toCounter }, CancellationToken.None);
}
