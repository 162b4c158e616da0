using System.Diagnostics;
using System.Globalization;

namespace Hall.Benchmarks;

/// <summary>
/// CPU time and memory of a process and its children, from Linux's /proc. A tree's figure is the process's own
/// utime+stime, plus its reaped children's (cutime+cstime), plus the live children's: a child that exits during a
/// window moves its whole time into the parent's cutime when reaped, so a difference of two samples counts every
/// child exactly once, restarted ones included.
/// </summary>
internal static class ProcCpu
{
    /// <summary>Clock ticks per second of the times in /proc/[pid]/stat (USER_HZ, 100 on Linux).</summary>
    public static double TicksPerSecond { get; } = ReadClockTicks();

    /// <summary>Own and children's CPU seconds of <paramref name="pid"/>, and how many children were alive; null when it is gone.</summary>
    public static TreeCpu? Tree(int pid)
    {
        if (Stat(pid) is not { } self)
        {
            return null;
        }

        var children = self.ReapedChildren;
        var alive = 0;
        foreach (var child in ChildrenOf(pid))
        {
            if (Stat(child) is { } c)
            {
                children += c.Own + c.ReapedChildren;
                alive++;
            }
        }

        return new TreeCpu(self.Own, children, alive);
    }

    /// <summary>The direct children of <paramref name="pid"/> now.</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && Stat(candidate) is { } stat && stat.ParentId == pid)
            {
                found.Add(candidate);
            }
        }

        return found;
    }

    /// <summary>CPU seconds the whole machine has been busy since boot: all of /proc/stat's "cpu" line but idle and iowait.</summary>
    public static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // cpu user nice system idle iowait irq softirq steal [guest guest_nice, already inside user and nice]
        var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (ticks.Sum() - ticks[3] - ticks[4]) / TicksPerSecond;
    }

    /// <summary>Resident memory now (VmRSS) in MiB; 0 when unknown.</summary>
    public static double RssMiB(int pid) => KiB($"/proc/{pid}/status", "VmRSS:") / 1024.0;

    /// <summary>Peak resident memory (VmHWM) in MiB; 0 when unknown.</summary>
    public static double PeakRssMiB(int pid) => KiB($"/proc/{pid}/status", "VmHWM:") / 1024.0;

    /// <summary>
    /// Proportional resident memory now (Pss) in MiB: shared pages (ffmpeg's many libraries) divided among the
    /// processes that share them, so a sum over processes is what they really take. 0 when unknown.
    /// </summary>
    public static double PssMiB(int pid) => KiB($"/proc/{pid}/smaps_rollup", "Pss:") / 1024.0;

    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // exited between listing and reading
        }

        // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Ticks(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
        return new ProcStat(
            int.Parse(fields[4 - 3], CultureInfo.InvariantCulture),
            Ticks(14) + Ticks(15),
            Ticks(16) + Ticks(17));
    }

    private static long KiB(string file, string key)
    {
        try
        {
            var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static double ReadClockTicks()
    {
        try
        {
            var info = new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(info);
            var text = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit(5000);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }

    private readonly record struct ProcStat(int ParentId, double Own, double ReapedChildren);
}
