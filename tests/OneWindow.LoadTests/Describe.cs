using System.Net.Sockets;

namespace OneWindow.LoadTests;

/// <summary>Short, one-line descriptions of failures for the console.</summary>
internal static class Describe
{
    /// <summary>A stable name for counting failures of one kind: the exception type and, where known, its cause.</summary>
    public static string Kind(Exception e) => e switch
    {
        TaskCanceledException { InnerException: TimeoutException } => "timeout",
        HttpRequestException { InnerException: SocketException socket } => $"HttpRequestException ({socket.SocketErrorCode})",
        HttpRequestException http => $"HttpRequestException ({http.HttpRequestError})",
        _ => e.GetType().Name,
    };

    /// <summary>The message with its innermost cause, which is usually the useful part ("Connection refused").</summary>
    public static string Exception(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return ReferenceEquals(inner, e) || e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? OneLine(e.Message)
            : $"{OneLine(e.Message)} ({OneLine(inner.Message)})";
    }

    /// <summary>The start of a response body, on one line.</summary>
    public static string Excerpt(string body, int length = 300)
    {
        var line = OneLine(body).Trim();
        if (line.Length == 0)
        {
            return "(empty body)";
        }
        return line.Length <= length ? line : line[..length] + "…";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
