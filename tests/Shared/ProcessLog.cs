using System.Text;

namespace Hall.Tests.Shared;

/// <summary>
/// The console output of a process under test (a box, a hub), and the errors in it that the test did not declare:
/// a test that runs a process fails when the process logged an error it did not expect.
/// </summary>
public sealed class ProcessLog
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _expected = [];

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>
    /// Errors logged (at error or critical level) that the test did not declare with <see cref="Expect"/>: each is the
    /// level line and its message, as the console formatter wrote them.
    /// </summary>
    public IReadOnlyList<string> UnexpectedErrors
    {
        get
        {
            var errors = new List<string>();
            StringBuilder? current = null;
            foreach (var line in Text.Split('\n'))
            {
                if (line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal))
                {
                    Flush();
                    current = new StringBuilder(line.TrimEnd());
                }
                else if (current is not null && line.StartsWith("      ", StringComparison.Ordinal))
                {
                    current.Append('\n').Append(line.TrimEnd());
                }
                else
                {
                    Flush();
                }
            }

            Flush();
            return errors;

            void Flush()
            {
                List<string> expected;
                lock (_expected)
                {
                    expected = [.. _expected];
                }

                if (current?.ToString() is { } entry && !expected.Any(e => entry.Contains(e, StringComparison.Ordinal)))
                {
                    errors.Add(entry);
                }

                current = null;
            }
        }
    }

    /// <summary>Declares errors the test provokes on purpose (a fragment of the logger's name or of the message).</summary>
    public void Expect(params string[] fragments)
    {
        lock (_expected)
        {
            _expected.AddRange(fragments);
        }
    }

    /// <summary>Drops what was logged so far: a start that failed for the test's own reason (a port taken) and is retried.</summary>
    public void Forget()
    {
        lock (_text)
        {
            _text.Clear();
        }
    }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.Append(line).Append('\n');
        }
    }
}
