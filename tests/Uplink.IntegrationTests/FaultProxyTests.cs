using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hall.Tests.Shared;

namespace Hall.Uplink.IntegrationTests;

public sealed class FaultProxyTests
{
    // A hang guard, not a timing assertion: every wait in these tests ends long before it unless something is broken.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(8 * 1024 * 1024, 0)]
    [InlineData(1024 * 1024, 1)]
    public async Task Bytes_pass_through_unchanged_both_ways(int size, int delayMs)
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = new FaultProxy(server.Endpoint);
        proxy.DelayPerChunk = TimeSpan.FromMilliseconds(delayMs);
        await proxy.StartAsync();
        var payload = RandomNumberGenerator.GetBytes(size);

        using var client = await ConnectAsync(proxy);
        var stream = client.GetStream();
        var write = Task.Run(async () =>
        {
            await stream.WriteAsync(payload);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        var echoed = await ReadToEndAsync(stream).WaitAsync(Bound);
        await write.WaitAsync(Bound);

        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(echoed));
        Assert.Equal(size, proxy.BytesUp);
        Assert.Equal(size, proxy.BytesDown);
        Assert.Equal(1, proxy.Connections);
        Assert.Equal(0, proxy.Cuts);
    }

    [Fact]
    public async Task Https_round_trip_passes_through()
    {
        using var certificate = SelfSignedCertificate();
        var pinned = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        await using var server = LoopbackServer.Start(async (stream, token) =>
        {
            await using var tls = new SslStream(stream);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, token);
            var body = await ReadHttpRequestBodyAsync(tls, token);
            var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
            await tls.WriteAsync(head, token);
            await tls.WriteAsync(body, token);
            await tls.ShutdownAsync();
        });
        await using var proxy = new FaultProxy(server.Endpoint);
        await proxy.StartAsync();
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString(HashAlgorithmName.SHA256) == pinned,
            },
        };
        using var http = new HttpClient(handler) { Timeout = Bound };
        var payload = RandomNumberGenerator.GetBytes(512 * 1024);
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await http.PostAsync(new Uri($"https://127.0.0.1:{proxy.Port}/uplink/batches"), content);
        var answer = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(answer));
        Assert.True(proxy.BytesUp > payload.Length, "TLS records and headers go up with the body");
        Assert.True(proxy.BytesDown > payload.Length, "and come down with the answer");
    }

    [Fact]
    public async Task CutUpstreamAfter_resets_in_the_middle_of_a_request()
    {
        const int CutAt = 100_000;
        var received = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackServer.Start(async (stream, token) =>
        {
            long total = 0;
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, token)) > 0)
                    total += read;
            }
            finally
            {
                received.TrySetResult(total);
            }
        });
        await using var proxy = new FaultProxy(server.Endpoint);
        await proxy.StartAsync();
        var cut = proxy.CutUpstreamAfter(CutAt);

        using var client = await ConnectAsync(proxy);
        var stream = client.GetStream();
        await Assert.ThrowsAnyAsync<IOException>(() => WriteThenReadAsync(stream, new byte[4 * 1024 * 1024]).WaitAsync(Bound));

        await cut.WaitAsync(Bound);
        Assert.True(await received.Task.WaitAsync(Bound) <= CutAt);
        Assert.Equal(CutAt, proxy.BytesUp);
        Assert.Equal(1, proxy.Cuts);
    }

    [Fact]
    public async Task CutDownstreamAfter_resets_in_the_middle_of_an_answer()
    {
        const int CutAt = 300_000;
        await using var server = LoopbackServer.Start(async (stream, token) =>
        {
            var request = new byte[1];
            await stream.ReadExactlyAsync(request, token);
            await stream.WriteAsync(new byte[2 * 1024 * 1024], token);
            await stream.CopyToAsync(Stream.Null, token); // until the client goes
        });
        await using var proxy = new FaultProxy(server.Endpoint);
        await proxy.StartAsync();
        var cut = proxy.CutDownstreamAfter(CutAt);

        using var client = await ConnectAsync(proxy);
        var stream = client.GetStream();
        long got = 0;
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await stream.WriteAsync(new byte[] { 1 });
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Bound)) > 0)
                got += read;
        });

        await cut.WaitAsync(Bound);
        Assert.True(got <= CutAt, $"read {got} bytes past the cut");
        Assert.Equal(CutAt, proxy.BytesDown);
        Assert.Equal(1, proxy.BytesUp);
        Assert.Equal(1, proxy.Cuts);
    }

    [Fact]
    public async Task Refusing_resets_new_connections_before_they_reach_the_target()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = new FaultProxy(server.Endpoint) { Refusing = true };
        await proxy.StartAsync();

        // The reset can beat the connect's completion, or come at the first read: either way the link is down at once.
        var failure = await Record.ExceptionAsync(async () =>
        {
            using var refused = await ConnectAsync(proxy);
            await WriteThenReadAsync(refused.GetStream(), [1, 2, 3]).WaitAsync(Bound);
        });
        Assert.True(failure is IOException or SocketException, $"expected a reset, got {failure?.GetType().Name ?? "none"}");

        Assert.Equal(0, server.Accepted);
        Assert.Equal(1, proxy.Refused);

        proxy.Refusing = false;
        using var accepted = await ConnectAsync(proxy);
        Assert.Equal([7, 8, 9], await RoundTripAsync(accepted.GetStream(), [7, 8, 9]));
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task CutAll_resets_every_live_connection()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = new FaultProxy(server.Endpoint);
        await proxy.StartAsync();
        var clients = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = await ConnectAsync(proxy);
                clients.Add(client);
                Assert.Equal([(byte)i], await RoundTripAsync(client.GetStream(), [(byte)i]));
            }

            Assert.Equal(3, proxy.CutAll());

            foreach (var client in clients)
                await Assert.ThrowsAnyAsync<IOException>(() => WriteThenReadAsync(client.GetStream(), [1]).WaitAsync(Bound));
            Assert.Equal(3, proxy.Cuts);
            await Eventually(() => proxy.LiveConnections == 0);

            using var after = await ConnectAsync(proxy);
            Assert.Equal([42], await RoundTripAsync(after.GetStream(), [42]));
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    [Fact]
    public async Task Target_can_move_while_running()
    {
        await using var first = LoopbackServer.Echo();
        await using var second = LoopbackServer.Echo();
        await using var proxy = new FaultProxy(first.Endpoint);
        await proxy.StartAsync();

        using (var client = await ConnectAsync(proxy))
            Assert.Equal([1], await RoundTripAsync(client.GetStream(), [1]));
        proxy.Target = second.Endpoint;
        using (var client = await ConnectAsync(proxy))
            Assert.Equal([2], await RoundTripAsync(client.GetStream(), [2]));

        Assert.Equal(1, first.Accepted);
        Assert.Equal(1, second.Accepted);
    }

    [Fact]
    public async Task An_unreachable_target_resets_the_client()
    {
        IPEndPoint closed;
        await using (var gone = LoopbackServer.Echo())
            closed = gone.Endpoint;
        await using var proxy = new FaultProxy(closed);
        await proxy.StartAsync();

        // As with a refusing proxy, the reset can beat the connect's completion or come at the first read.
        var failure = await Record.ExceptionAsync(async () =>
        {
            using var client = await ConnectAsync(proxy);
            await WriteThenReadAsync(client.GetStream(), [1]).WaitAsync(Bound);
        });
        Assert.True(failure is IOException or SocketException, $"expected a reset, got {failure?.GetType().Name ?? "none"}");
        Assert.Equal(1, proxy.UpstreamConnectFailures);
    }

    [Fact]
    public async Task RandomCuts_cut_at_random_offsets_and_intact_connections_stay_intact()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = new FaultProxy(server.Endpoint);
        await proxy.StartAsync();
        proxy.RandomCuts(new Random(20_000), 10_000, 150_000);
        var payload = RandomNumberGenerator.GetBytes(64 * 1024);
        var failed = 0;
        var succeeded = 0;

        for (var attempt = 0; attempt < 200 && proxy.Cuts < 10; attempt++)
        {
            using var client = await ConnectAsync(proxy);
            try
            {
                var echoed = await RoundTripAsync(client.GetStream(), payload);
                Assert.Equal(SHA256.HashData(payload), SHA256.HashData(echoed));
                succeeded++;
            }
            catch (IOException)
            {
                failed++;
            }
        }

        Assert.True(proxy.Cuts >= 10, $"only {proxy.Cuts} cuts");
        Assert.True(failed >= 1 && failed <= proxy.Cuts, $"{failed} failures for {proxy.Cuts} cuts");
        Assert.True(succeeded >= 1, "some connections got through between cuts");

        proxy.Disarm();
        var cutsBefore = proxy.Cuts;
        using var clean = await ConnectAsync(proxy);
        Assert.Equal(payload, await RoundTripAsync(clean.GetStream(), payload));
        Assert.Equal(cutsBefore, proxy.Cuts);
    }

    [Fact]
    public async Task Throttle_never_lets_more_through_than_rate_times_elapsed_plus_burst()
    {
        const int Size = 256 * 1024;
        const long Rate = 128 * 1024;
        await using var server = LoopbackServer.Start(async (stream, token) =>
        {
            var buffer = new byte[Size];
            await stream.ReadExactlyAsync(buffer, token);
            await stream.WriteAsync(new byte[] { 1 }, token);
            await stream.CopyToAsync(Stream.Null, token);
        });
        await using var proxy = new FaultProxy(server.Endpoint) { BytesPerSecond = Rate };
        await proxy.StartAsync();

        using var client = await ConnectAsync(proxy);
        var ack = await WriteThenReadAsync(client.GetStream(), new byte[Size]).WaitAsync(Bound);

        Assert.Equal(1, ack);
        var up = proxy.UpThrottle!;
        Assert.Equal(Rate, up.BytesPerSecond);
        Assert.Equal(Size, up.BytesAdmitted);
        Assert.True(up.MaxExcessBytes <= 0, $"{up.MaxExcessBytes} bytes over rate × elapsed + burst");
        Assert.True(up.Waits > 0, "the bucket never made the sender wait");
        Assert.Equal(1, proxy.DownThrottle!.BytesAdmitted);

        proxy.BytesPerSecond = null;
        Assert.Null(proxy.UpThrottle);
    }

    [Fact]
    public async Task Dispose_resets_live_connections_and_stops_listening()
    {
        await using var server = LoopbackServer.Start((stream, token) => stream.CopyToAsync(Stream.Null, token)); // never answers
        var proxy = new FaultProxy(server.Endpoint) { BytesPerSecond = 1024 };
        await proxy.StartAsync();
        var endpoint = proxy.Endpoint;
        using var client = await ConnectAsync(proxy);
        var stream = client.GetStream();
        var stuck = WriteThenReadAsync(stream, new byte[64 * 1024]); // held by a 1 KiB/s throttle

        await proxy.DisposeAsync().AsTask().WaitAsync(Bound);

        await Assert.ThrowsAnyAsync<IOException>(() => stuck.WaitAsync(Bound));
        using var late = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => late.ConnectAsync(endpoint).WaitAsync(Bound));
    }

    private static async Task<TcpClient> ConnectAsync(FaultProxy proxy)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(proxy.Endpoint).WaitAsync(Bound);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Writes, then reads once: a reset shows up as an IOException from one or the other.</summary>
    private static async Task<int> WriteThenReadAsync(NetworkStream stream, byte[] data)
    {
        await stream.WriteAsync(data);
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer);
        return read > 0 ? read : throw new InvalidOperationException("clean end of stream where a reset was expected");
    }

    private static async Task<byte[]> RoundTripAsync(NetworkStream stream, byte[] data)
    {
        var write = stream.WriteAsync(data).AsTask();
        var echoed = new byte[data.Length];
        try
        {
            await stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(Bound);
        }
        catch (EndOfStreamException exception)
        {
            throw new IOException("ended early", exception);
        }
        finally
        {
            try
            {
                await write.WaitAsync(Bound);
            }
            catch (IOException)
            {
                // the read has the story
            }
        }

        return echoed;
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var all = new MemoryStream();
        await stream.CopyToAsync(all);
        return all.ToArray();
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=hub.test", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>Just enough HTTP/1.1 for one request with a Content-Length body.</summary>
    private static async Task<byte[]> ReadHttpRequestBodyAsync(Stream stream, CancellationToken token)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int headerEnd;
        while ((headerEnd = received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(buffer, token);
            if (read == 0)
                throw new EndOfStreamException("request headers cut short");
            received.Write(buffer, 0, read);
        }

        var headers = Encoding.ASCII.GetString(received.GetBuffer(), 0, headerEnd);
        var lengthLine = headers.Split("\r\n").Single(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        var body = new byte[length];
        var already = (int)received.Length - (headerEnd + 4);
        received.GetBuffer().AsSpan(headerEnd + 4, already).CopyTo(body);
        await stream.ReadExactlyAsync(body.AsMemory(already), token);
        return body;
    }
}
