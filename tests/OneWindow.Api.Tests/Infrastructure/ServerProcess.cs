using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>Small helpers for the private servers the tests start: free ports, commands, waiting for a port.</summary>
internal static class ServerProcess
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a command to completion (as <paramref name="user"/> when we are root) and fails with its output.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> arguments, string? user = null)
    {
        var start = Start(file, arguments, user, redirect: true);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    public static ProcessStartInfo Start(string file, IEnumerable<string> arguments, string? user, bool redirect)
    {
        ProcessStartInfo start;
        if (user is not null && IsRoot)
        {
            start = new ProcessStartInfo("runuser") { ArgumentList = { "-u", user, "--", file } };
        }
        else
        {
            start = new ProcessStartInfo(file);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.RedirectStandardOutput = redirect;
        start.RedirectStandardError = redirect;
        start.UseShellExecute = false;
        return start;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
