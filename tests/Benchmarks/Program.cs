using Hall.Benchmarks;
using Hall.Contract;

// The hall's benchmarks (docs/benchmarks.md): every figure beside a floor or a peer measured in the same run.
BenchArgs options;
try
{
    options = BenchArgs.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// The cameras scenario waits for a quiet machine and measures a disturbed phase again: it may take longer.
using var cancel = new CancellationTokenSource(
    options.Scenario == BenchArgs.CamerasScenario ? (options.Quick ? TimeSpan.FromMinutes(15) : TimeSpan.FromMinutes(90))
    : options.Quick ? TimeSpan.FromMinutes(6) : TimeSpan.FromMinutes(40));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// SIGTERM too ends the run through cancellation, so that the ffmpegs and boxes it started are stopped, not orphaned.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    cancel.Cancel();
});
var ct = cancel.Token;
if (options.Scenario == BenchArgs.InspectionScenario)
{
    var inspection = await InspectionBench.RunAsync(options, MachineInfo.Read(options.Mosquitto), ct);
    await WriteAsync(inspection.ToMarkdown());
    return inspection.Failed ? 1 : 0;
}

if (options.Scenario == BenchArgs.UplinkScenario)
{
    var uplink = await UplinkBench.RunAsync(options, MachineInfo.Read(options.Mosquitto), ct);
    await WriteAsync(uplink.ToMarkdown());
    return uplink.Failed ? 1 : 0;
}

if (options.Scenario == BenchArgs.HubScenario)
{
    var hub = await HubBench.RunAsync(options, MachineInfo.Read(options.Mosquitto), ct);
    await WriteAsync(hub.ToMarkdown());
    return hub.Failed ? 1 : 0;
}

if (options.Scenario == BenchArgs.CamerasScenario)
{
    var cameras = await CamerasBench.RunAsync(options, MachineInfo.Read(options.Mosquitto), ct);
    await WriteAsync(cameras.ToMarkdown());
    return cameras.Failed ? 1 : 0;
}

var report = new BenchReport { Args = options, Machine = MachineInfo.Read(options.Mosquitto) };
var timeout = TimeSpan.FromSeconds(10);
const string HallId = "bench";

// 4. Estimate accuracy: no MQTT, a discrete-event replay of morning peaks.
Console.Error.WriteLine($"[bench] estimate accuracy over {options.Mornings} mornings…");
report.Accuracy = EstimateAccuracyRun.Run(options.Mornings, options.Seed);

// The store's floor: what one commit costs on this disk with the box's settings.
Console.Error.WriteLine("[bench] SQLite commit floor…");
report.StoreSingle = StoreFloor.Run(WarmUp() * 2, 1);
report.Phase("sqlite", report.StoreSingle);
report.Phase("sqlite", StoreFloor.Run(WarmUp() * 2, 50));

// 1 and 2. The box: tickets, calls and the ping floor through its own broker.
var boxDll = options.Box ?? BoxTarget.FindBox();
report.BoxDll = boxDll;
if (boxDll is null || !File.Exists(boxDll))
{
    report.Note("Box part NOT RUN: Hall.FirmwareHost.dll not found (build it with `dotnet build firmware-host -c Release`, or pass --box PATH).");
}
else
{
    try
    {
        await RunSimulationAsync(boxDll);
        await RunBoxLatencyAsync(boxDll);
        await RunBoxThroughputAsync(boxDll);
    }
    catch (Exception e) when (!ct.IsCancellationRequested)
    {
        report.Fail($"box part: {e.GetType().Name}: {e.Message}");
    }
}

// 3. The same load through Mosquitto with a responder.
try
{
    await RunMosquittoAsync();
}
catch (System.ComponentModel.Win32Exception e)
{
    report.Note($"Mosquitto part NOT RUN: '{options.Mosquitto}' could not be started ({e.Message}); install the Debian package mosquitto.");
}
catch (Exception e) when (!ct.IsCancellationRequested)
{
    report.Fail($"Mosquitto part: {e.GetType().Name}: {e.Message}");
}

await WriteAsync(report.ToMarkdown());
return report.Failed ? 1 : 0;

// The results on stdout, and in --out FILE when given.
async Task WriteAsync(string markdown)
{
    Console.WriteLine(markdown);
    if (options.Out is { } outPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        await File.WriteAllTextAsync(outPath, markdown, CancellationToken.None);
        Console.Error.WriteLine($"[bench] written to {outPath}");
    }
}

// The hall simulator driving the real box through one morning, sped up: does every person get through?
async Task RunSimulationAsync(string dll)
{
    var scale = options.Quick ? 1440 : 360;
    Console.Error.WriteLine($"[bench] hall simulation: one morning at ×{scale} against the box…");
    await using var box = await BoxTarget.StartAsync(dll, HallId, kiosks: 4, displays: 2, ct);
    var simulation = new Hall.Devices.HallSimulator.HallSimulation(TimeProvider.System);
    using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
    limit.CancelAfter(TimeSpan.FromMinutes(3));
    report.Simulation = await simulation.RunAsync(
        new Hall.Devices.HallSimulator.SimulatorOptions { BrokerPort = box.Port, HallId = HallId, TimeScale = scale, Seed = options.Seed, Repeat = false },
        box.Fleet.Kiosks,
        box.Fleet.Callers,
        box.Fleet.Displays,
        limit.Token);
    report.SimulationScale = scale;
}

async Task RunBoxLatencyAsync(string dll)
{
    Console.Error.WriteLine($"[bench] starting the box ({dll})…");
    await using var box = await BoxTarget.StartAsync(dll, HallId, options.Kiosks, options.Displays, ct);
    await using var fleet = await ConnectedFleet.ConnectAsync(box, ct);
    report.BoxConnect = fleet.ConnectTime;

    Console.Error.WriteLine("[bench] box: warm-up…");
    await LoadRunner.ClosedLoopAsync("warm-up ping", fleet.All, Requests.Ping, 1, WarmUp(), int.MaxValue, timeout, ct);

    Console.Error.WriteLine("[bench] box: floor (ping, open loop)…");
    report.Floor = await LoadRunner.OpenLoopAsync("req/ping open loop", fleet.All, Requests.Ping, options.Rate, options.Phase, int.MaxValue, timeout, ct);
    report.Phase("box", report.Floor);

    var categories = await UsableCategoriesAsync(fleet);
    report.Categories = categories;
    if (categories.Count == 0)
    {
        return;
    }

    var budget = TicketBudget(categories);
    var warm = await LoadRunner.ClosedLoopAsync("warm-up tickets", fleet.Kiosks, Requests.Ticket(categories), 1, WarmUp(), Math.Min(200, budget / 10), timeout, ct);
    budget -= warm.Sent;

    Console.Error.WriteLine("[bench] box: tickets (open loop)…");
    report.Tickets = await LoadRunner.OpenLoopAsync("req/ticket open loop", fleet.Kiosks, Requests.Ticket(categories), options.Rate, options.Phase, budget, timeout, ct);
    report.Phase("box", report.Tickets);
    if (report.Tickets.Sent < options.Rate * options.Phase.TotalSeconds)
    {
        report.Note($"The ticket phase was cut to {report.Tickets.Sent} tickets by the 999-a-day limit of {categories.Count} categories.");
    }

    await SettleAsync(fleet, categories);
    Console.Error.WriteLine("[bench] box: caller next → display/call…");
    report.Calls = await CallLatency.RunAsync(fleet, HallId, options.CallRounds, timeout, ct);
    report.Phase("box", report.Calls);
}

async Task RunBoxThroughputAsync(string dll)
{
    // A fresh box: the open-loop run above used up most of the day's ticket numbers.
    Console.Error.WriteLine("[bench] starting a fresh box for the closed-loop maxima…");
    await using var box = await BoxTarget.StartAsync(dll, HallId, options.Kiosks, options.Displays, ct);
    await using var fleet = await ConnectedFleet.ConnectAsync(box, ct);
    await LoadRunner.ClosedLoopAsync("warm-up ping", fleet.All, Requests.Ping, 1, WarmUp(), int.MaxValue, timeout, ct);

    Console.Error.WriteLine("[bench] box: ping closed loop…");
    report.BoxPingMax = await LoadRunner.ClosedLoopAsync("req/ping closed loop (2 in flight per device)", fleet.All, Requests.Ping, 2, options.Phase, int.MaxValue, timeout, ct);
    report.Phase("box", report.BoxPingMax);

    var categories = await UsableCategoriesAsync(fleet);
    if (categories.Count == 0)
    {
        return;
    }

    // Below saturation: the same tickets at a fifth of the rate, to tell the cost of one ticket from queueing.
    var lowRate = options.Rate / 5;
    Console.Error.WriteLine($"[bench] box: tickets (open loop at {lowRate:F0}/s)…");
    report.TicketsLow = await LoadRunner.OpenLoopAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"req/ticket open loop at {lowRate:F0}/s"), fleet.Kiosks, Requests.Ticket(categories), lowRate, options.Phase, TicketBudget(categories) / 4, timeout, ct);
    report.Phase("box", report.TicketsLow);
    await SettleAsync(fleet, categories);

    Console.Error.WriteLine("[bench] box: tickets closed loop…");
    report.TicketsMax = await LoadRunner.ClosedLoopAsync("req/ticket closed loop (1 in flight per kiosk)", fleet.Kiosks, Requests.Ticket(categories), 1, options.Phase, TicketBudget(categories) - report.TicketsLow.Sent - 100, timeout, ct);
    report.Phase("box", report.TicketsMax);
}

async Task RunMosquittoAsync()
{
    Console.Error.WriteLine("[bench] starting Mosquitto…");
    await using var mosquitto = await MosquittoTarget.StartAsync(options.Mosquitto, HallId, options.Kiosks, options.Displays, ct);
    await using var fleet = await ConnectedFleet.ConnectAsync(mosquitto, ct);
    report.MosquittoConnect = fleet.ConnectTime;
    await LoadRunner.ClosedLoopAsync("warm-up ping", fleet.All, Requests.Ping, 1, WarmUp(), int.MaxValue, timeout, ct);

    Console.Error.WriteLine("[bench] Mosquitto: ping open loop…");
    report.MosquittoPing = await LoadRunner.OpenLoopAsync("req/ping open loop", fleet.All, Requests.Ping, options.Rate, options.Phase, int.MaxValue, timeout, ct);
    report.Phase("mosquitto", report.MosquittoPing);

    Console.Error.WriteLine("[bench] Mosquitto: ping closed loop…");
    report.MosquittoPingMax = await LoadRunner.ClosedLoopAsync("req/ping closed loop (2 in flight per device)", fleet.All, Requests.Ping, 2, options.Phase, int.MaxValue, timeout, ct);
    report.Phase("mosquitto", report.MosquittoPingMax);
}

// After an overload the box may still be working off requests whose senders gave up: wait (bounded) until a
// single ticket is answered within a second again, so that the next phase measures the box, not the backlog.
async Task SettleAsync(ConnectedFleet fleet, IReadOnlyList<string> categories)
{
    var kiosk = fleet.Kiosks[^1];
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    for (var i = 0; i < 60; i++)
    {
        var (name, id, payload) = Requests.Ticket(categories)(kiosk, i);
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await kiosk.RequestAsync(name, id, payload, TimeSpan.FromSeconds(30), ct);
            if (System.Diagnostics.Stopwatch.GetElapsedTime(t0) < TimeSpan.FromSeconds(1))
            {
                break;
            }
        }
        catch (TimeoutException)
        {
            // Still busy.
        }
    }

    var waited = System.Diagnostics.Stopwatch.GetElapsedTime(started);
    if (waited > TimeSpan.FromSeconds(2))
    {
        report.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"After the open-loop ticket phase the box needed {waited.TotalSeconds:F0} s to answer a single ticket within 1 s again."));
    }
}

TimeSpan WarmUp() => options.Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(2);

// Each category gives at most 999 tickets a day; leave a margin for the probes.
static int TicketBudget(IReadOnlyList<string> categories) => categories.Count * 990;

// The categories the box really serves: one ticket each from the first kiosk. None means the box cannot
// issue tickets (yet): the ticket and call parts are then reported as not run, with the box's answer.
async Task<IReadOnlyList<string>> UsableCategoriesAsync(ConnectedFleet fleet)
{
    var kiosk = fleet.Kiosks[0];
    var usable = new List<string>();
    string? lastRefusal = null;
    foreach (var category in BoxTarget.SeededCategories)
    {
        var id = kiosk.NewRequestId();
        try
        {
            var reply = await kiosk.RequestAsync(Topics.Requests.Ticket, id, HallJson.Serialize(new TicketRequest { RequestId = id, Ts = DateTimeOffset.Now, Category = category }), timeout, ct);
            if (reply.ErrorCode is null)
            {
                usable.Add(category);
            }
            else
            {
                lastRefusal = reply.ErrorCode;
            }
        }
        catch (TimeoutException)
        {
            lastRefusal = "no answer";
        }
    }

    if (usable.Count == 0 && !report.Notes.Any(n => n.Contains("Box ticket", StringComparison.Ordinal)))
    {
        report.Fail($"Box ticket and call parts NOT RUN: the box issued no ticket in any of {string.Join(", ", BoxTarget.SeededCategories)} (its answer: {lastRefusal}).");
    }

    return usable;
}
