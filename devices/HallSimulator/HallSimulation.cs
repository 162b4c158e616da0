using System.Collections.Concurrent;
using Hall.Contract;
using Hall.DeviceRegistry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hall.Devices.HallSimulator;

/// <summary>
/// A busy hall in a box: kiosks issue tickets to people arriving through a morning peak, callers call,
/// serve (log-normal service times), recall and skip, displays watch the calls, all as real MQTT clients
/// with the credentials the box issued. Every person's printed estimate and real wait is kept in
/// <see cref="Journeys"/> so that the box's estimate can be judged.
/// </summary>
public sealed class HallSimulation
{
    private const int ConnectAttempts = 10;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private long _callsSeen;
    private long _statesSeen;

    public HallSimulation(TimeProvider time, ILogger<HallSimulation>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Everyone who came so far; readable while the run goes on.</summary>
    public JourneyBook Journeys { get; } = new();

    /// <summary>
    /// Connects every device, then plays the hall until <paramref name="cancellationToken"/> fires or, when
    /// <see cref="SimulatorOptions.Repeat"/> is off, until the session's last person has been served.
    /// Cancellation ends the run normally with a report. Throws when a device cannot connect.
    /// </summary>
    public async Task<SimulationReport> RunAsync(
        SimulatorOptions options,
        IReadOnlyList<DeviceCredentials> kiosks,
        IReadOnlyList<DeviceCredentials> callers,
        IReadOnlyList<DeviceCredentials> displays,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(kiosks);
        ArgumentNullException.ThrowIfNull(callers);
        ArgumentNullException.ThrowIfNull(displays);
        options.Validate();
        if (kiosks.Count == 0)
        {
            throw new ArgumentException("The hall simulator needs at least one kiosk to issue tickets.", nameof(kiosks));
        }

        if (callers.FirstOrDefault(c => string.IsNullOrEmpty(c.Counter)) is { } unbound)
        {
            throw new ArgumentException($"Caller {unbound.DeviceId} is not bound to a counter; enroll it with one.", nameof(callers));
        }

        var arrivals = options.Arrivals ?? ArrivalProfile.MorningPeak();
        var categories = options.Categories ?? CategoryProfile.Defaults();
        var mix = new CategoryMix(categories);
        var services = new ServiceTimeModel(categories);
        var random = new Random(options.Seed);
        var clock = new HallClock(_time, options.TimeScale);

        var kioskDevices = kiosks.Select(c => Device(options, c)).ToArray();
        var callerDevices = callers.Select(c => (Device: Device(options, c), Counter: c.Counter!, Random: new Random(random.Next()))).ToArray();
        var displayDevices = displays.Select(c => Device(options, c)).ToArray();
        var all = kioskDevices.Concat(callerDevices.Select(c => c.Device)).Concat(displayDevices).ToArray();
        try
        {
            await ConnectAllAsync(options, all, cancellationToken);
            foreach (var display in displayDevices)
            {
                display.MessageReceived += OnDisplayMessage;
                await display.SubscribeAsync([$"hall/{options.HallId}/display/#", $"hall/{options.HallId}/counter/+/state"], cancellationToken);
            }

            Log.Connected(_logger, kioskDevices.Length, callerDevices.Length, displayDevices.Length, options.BrokerHost, options.BrokerPort, options.HallId, options.TimeScale);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var callerLoops = callerDevices
                .Select(c => Task.Run(() => CallerLoopAsync(options, services, categories, clock, c.Device, c.Counter, c.Random, stop.Token), CancellationToken.None))
                .ToArray();
            try
            {
                await ArrivalLoopAsync(options, arrivals, mix, clock, kioskDevices, random, stop.Token);
                if (!options.Repeat)
                {
                    await DrainAsync(options, clock, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped from outside: report what happened so far.
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(callerLoops);
            }

            using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Task.WhenAll(all.Select(d => d.DisconnectAsync(options.Firmware, leave.Token)));
        }
        finally
        {
            foreach (var device in all)
            {
                await device.DisposeAsync();
            }
        }

        var report = Report(clock);
        Log.Stopped(_logger, report.People, report.TicketsIssued, report.Called, report.Finished, report.Accuracy.MeanAbsoluteErrorMinutes, report.Accuracy.Compared);
        return report;
    }

    private SimulatedDevice Device(SimulatorOptions options, DeviceCredentials credentials) =>
        new(options.HallId, credentials.DeviceId, credentials.Username, credentials.Password, _time);

    private async Task ConnectAllAsync(SimulatorOptions options, SimulatedDevice[] devices, CancellationToken cancellationToken)
    {
        // A few at a time: 200 devices connecting at once would measure the connect storm, not the hall.
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(devices.Select(async device =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await device.ConnectAsync(options.BrokerHost, options.BrokerPort, options.Firmware, cancellationToken, options.BoxCertificateSha256);
                        return;
                    }
                    catch (Exception e) when (attempt < ConnectAttempts && !cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
                    {
                        // The box may still be starting its broker.
                        Log.ConnectRetry(_logger, device.DeviceId, attempt, e.Message);
                        await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), _time, cancellationToken);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task ArrivalLoopAsync(SimulatorOptions options, ArrivalProfile arrivals, CategoryMix mix, HallClock clock, SimulatedDevice[] kiosks, Random random, CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>();
        for (var session = 1; !cancellationToken.IsCancellationRequested; session++)
        {
            Log.SessionStarted(_logger, session, arrivals.ExpectedArrivals());
            var sessionStart = clock.Elapsed;
            var generator = new ArrivalGenerator(arrivals, random);
            var t = TimeSpan.Zero;
            while (generator.Next(t) is { } at)
            {
                t = at;
                await clock.WaitUntilAsync(sessionStart + at, cancellationToken);
                var category = mix.Pick(random).Category;
                var kiosk = kiosks[random.Next(kiosks.Length)];
                var person = Journeys.Arrive(category, clock.Now, kiosk.DeviceId);
                inFlight.RemoveAll(task => task.IsCompleted);
                inFlight.Add(TakeTicketAsync(options, kiosk, person, cancellationToken));
            }

            await Task.WhenAll(inFlight);
            if (!options.Repeat)
            {
                return;
            }

            await clock.WaitUntilAsync(sessionStart + arrivals.Length, cancellationToken);
        }
    }

    private async Task TakeTicketAsync(SimulatorOptions options, SimulatedDevice kiosk, PersonJourney person, CancellationToken cancellationToken)
    {
        var requestId = kiosk.NewRequestId();
        var request = new TicketRequest { RequestId = requestId, Ts = _time.GetLocalNow(), Category = person.Category };
        var reply = await SendAsync(options, kiosk, "kiosk", Topics.Requests.Ticket, requestId, HallJson.Serialize(request), cancellationToken);
        if (reply is null)
        {
            Journeys.Refused(person, "timeout");
        }
        else if (reply.ErrorCode is { } code)
        {
            Journeys.Refused(person, code);
        }
        else if (reply.Read<TicketReply>() is { } ticket)
        {
            Journeys.Issued(person, ticket.TicketNo, ticket.WaitingAhead, ticket.EstimatedWaitMinutes, _time.GetUtcNow());
        }
    }

    private async Task CallerLoopAsync(SimulatorOptions options, ServiceTimeModel services, IReadOnlyList<CategoryProfile> categories, HallClock clock, SimulatedDevice caller, string counter, Random random, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var reply = await CounterAsync(options, caller, "next", cancellationToken);
                if (reply is null || reply.ErrorCode is not null)
                {
                    if (reply?.ErrorCode == ErrorCodes.CounterBusy)
                    {
                        // Left over from an earlier run: close it so that "next" works.
                        await CounterAsync(options, caller, "finish", cancellationToken);
                    }
                    else if (reply?.ErrorCode == ErrorCodes.CounterPaused)
                    {
                        await CounterAsync(options, caller, "resume", cancellationToken);
                    }

                    await clock.WaitAsync(options.PollInterval, cancellationToken);
                    continue;
                }

                var ticketNo = reply.Read<CounterStateMessage>()?.TicketNo;
                if (ticketNo is null)
                {
                    await clock.WaitAsync(options.PollInterval, cancellationToken);
                    continue;
                }

                var person = Journeys.Called(ticketNo, counter, _time.GetUtcNow());
                var category = person?.Category ?? categories.FirstOrDefault(c => ticketNo.StartsWith(c.Category, StringComparison.Ordinal))?.Category ?? categories[0].Category;
                if (random.NextDouble() < options.NoShowProbability)
                {
                    await clock.WaitAsync(options.RecallWait, cancellationToken);
                    await RecallAsync(options, caller, ticketNo, counter, cancellationToken);
                    await clock.WaitAsync(options.RecallWait, cancellationToken);
                    if (await CounterAsync(options, caller, "skip", cancellationToken) is { ErrorCode: null })
                    {
                        Journeys.Skipped(ticketNo, _time.GetUtcNow());
                    }
                    else
                    {
                        await FinishAsync(options, caller, ticketNo, cancellationToken);
                    }
                }
                else
                {
                    if (random.NextDouble() < options.RecallProbability)
                    {
                        await clock.WaitAsync(options.RecallWait / 2, cancellationToken);
                        await RecallAsync(options, caller, ticketNo, counter, cancellationToken);
                    }

                    await clock.WaitAsync(services.Sample(category, random), cancellationToken);
                    await FinishAsync(options, caller, ticketNo, cancellationToken);
                }

                await clock.WaitAsync(options.CallerPause, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task RecallAsync(SimulatorOptions options, SimulatedDevice caller, string ticketNo, string counter, CancellationToken cancellationToken)
    {
        if (await CounterAsync(options, caller, "recall", cancellationToken) is { ErrorCode: null })
        {
            Journeys.Called(ticketNo, counter, _time.GetUtcNow());
        }
    }

    private async Task FinishAsync(SimulatorOptions options, SimulatedDevice caller, string ticketNo, CancellationToken cancellationToken)
    {
        if (await CounterAsync(options, caller, "finish", cancellationToken) is { ErrorCode: null })
        {
            Journeys.Finished(ticketNo, _time.GetUtcNow());
        }
    }

    private Task<DeviceReply?> CounterAsync(SimulatorOptions options, SimulatedDevice caller, string cmd, CancellationToken cancellationToken)
    {
        var requestId = caller.NewRequestId();
        var request = new CounterRequest { RequestId = requestId, Ts = _time.GetLocalNow(), Cmd = cmd };
        return SendAsync(options, caller, "caller", Topics.Requests.Counter, requestId, HallJson.Serialize(request), cancellationToken);
    }

    /// <summary>One request; a refusal is counted and returned, a lost answer is counted and gives null.</summary>
    private async Task<DeviceReply?> SendAsync(SimulatorOptions options, SimulatedDevice device, string role, string name, string requestId, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await device.RequestAsync(name, requestId, payload, options.RequestTimeout, cancellationToken);
            if (reply.ErrorCode is { } code)
            {
                _errors.AddOrUpdate($"{role}:{code}", 1, (_, n) => n + 1);
                Log.Refused(_logger, device.DeviceId, name, code);
            }

            return reply;
        }
        catch (TimeoutException)
        {
            _errors.AddOrUpdate($"{role}:timeout", 1, (_, n) => n + 1);
            Log.RequestFailed(_logger, device.DeviceId, name, "no answer in time");
            return null;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The run is stopping; whatever the client threw, it is not the box's fault.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _errors.AddOrUpdate($"{role}:failed:{e.GetType().Name}", 1, (_, n) => n + 1);
            Log.RequestFailed(_logger, device.DeviceId, name, e.Message);
            return null;
        }
    }

    private async Task DrainAsync(SimulatorOptions options, HallClock clock, CancellationToken cancellationToken)
    {
        var until = clock.Elapsed + options.DrainLimit;
        while (clock.Elapsed < until && Journeys.Snapshot().Any(p => p.IssuedAt is not null && p.FinishedAt is null))
        {
            await clock.WaitAsync(options.PollInterval, cancellationToken);
        }
    }

    private void OnDisplayMessage(SimulatedDevice display, string topic, System.Buffers.ReadOnlySequence<byte> payload, long receivedTimestamp)
    {
        if (topic.EndsWith("/display/call", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _callsSeen);
        }
        else if (topic.EndsWith("/state", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _statesSeen);
        }
    }

    private SimulationReport Report(HallClock clock)
    {
        var people = Journeys.Snapshot();
        return new SimulationReport
        {
            People = people.Count,
            TicketsIssued = people.Count(p => p.TicketNo is not null),
            TicketsRefused = people.Count(p => p.RefusedCode is not null),
            Called = people.Count(p => p.CalledAt is not null),
            Finished = people.Count(p => p.FinishedAt is not null && !p.Skipped),
            Skipped = people.Count(p => p.Skipped),
            Recalls = people.Sum(p => p.Recalls),
            CallsSeenByDisplays = Interlocked.Read(ref _callsSeen),
            CounterStatesSeenByDisplays = Interlocked.Read(ref _statesSeen),
            Errors = new Dictionary<string, int>(_errors, StringComparer.Ordinal),
            Accuracy = Journeys.Accuracy(),
            RealElapsed = clock.RealElapsed,
            HallElapsed = clock.Elapsed,
            Journeys = people,
        };
    }
}
