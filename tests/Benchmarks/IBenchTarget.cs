namespace Hall.Benchmarks;

/// <summary>A broker the benchmark drives: the box (its embedded broker and services) or Mosquitto with a responder.</summary>
public interface IBenchTarget : IAsyncDisposable
{
    string Name { get; }

    string Host { get; }

    int Port { get; }

    string HallId { get; }

    Fleet Fleet { get; }
}
