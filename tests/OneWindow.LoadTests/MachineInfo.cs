using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace OneWindow.LoadTests;

/// <summary>What the figures were measured on, for the Markdown report.</summary>
internal static class MachineInfo
{
    public static int Processors => Environment.ProcessorCount;

    /// <summary>The first "model name" of /proc/cpuinfo, or "unknown" (not Linux, or an ARM kernel without one).</summary>
    public static string ProcessorModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: fall through.
        }
        return "unknown";
    }

    /// <summary>The distribution's name from /etc/os-release with the kernel's release, or the runtime's description.</summary>
    public static string OperatingSystem()
    {
        try
        {
            var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
            foreach (var line in File.ReadLines("/etc/os-release"))
            {
                if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                {
                    return $"{line["PRETTY_NAME=".Length..].Trim('"')}, Linux {kernel}";
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: the runtime's description is all there is.
        }
        return RuntimeInformation.OSDescription;
    }

    /// <summary>
    /// The machine's aggregate CPU counters from /proc/stat (busy and total jiffies over all cores), or null where
    /// there is none. The difference of two readings tells how busy the whole machine was in between.
    /// </summary>
    public static (long Busy, long Total)? CpuCounters()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/stat"))
            {
                if (!line.StartsWith("cpu ", StringComparison.Ordinal))
                {
                    continue;
                }
                // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                long busy = 0, total = 0;
                for (var i = 1; i < fields.Length && i <= 8; i++)
                {
                    var value = long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
                    total += value;
                    if (i is not 4 and not 5)
                    {
                        busy += value;
                    }
                }
                return (busy, total);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            // Not Linux, or an unexpected format: no machine-wide figure.
        }
        return null;
    }

    /// <summary>How busy the whole machine was between two readings, in percent of one core (200 % = 2 cores busy).</summary>
    public static double? BusyPercent((long Busy, long Total)? before, (long Busy, long Total)? after) =>
        before is { } b && after is { } a && a.Total > b.Total
            ? 100d * Processors * (a.Busy - b.Busy) / (a.Total - b.Total)
            : null;

    public static string Runtime => $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture})";

    public static string Memory => $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024d * 1024 * 1024):0.0} GiB available";

    /// <summary>
    /// The command that reproduces the run: the documented <c>dotnet run</c> form with the arguments as given
    /// (secrets masked) and the configuration this build was made in.
    /// </summary>
    public static string CommandLine(IReadOnlyList<string> printableArgs)
    {
        var configuration = typeof(MachineInfo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var builder = new StringBuilder($"dotnet run --project tests/OneWindow.LoadTests -c {configuration} --");
        foreach (var arg in printableArgs)
        {
            builder.Append(' ').Append(Quote(arg));
        }
        return builder.ToString();
    }

    private static string Quote(string arg)
    {
        foreach (var c in arg)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c, StringComparison.Ordinal)))
            {
                return "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
            }
        }
        return arg.Length == 0 ? "''" : arg;
    }
}
