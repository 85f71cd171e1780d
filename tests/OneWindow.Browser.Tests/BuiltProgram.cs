using System.Net;
using System.Net.Sockets;

namespace OneWindow.Browser.Tests;

/// <summary>
/// Where the tests find the built host and the repository, and a free loopback port for a host of their own: what
/// the browser fixture, the doc test and the start tests share.
/// </summary>
public static class BuiltProgram
{
    private static DirectoryInfo Output => new(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));

    /// <summary>tests/OneWindow.Browser.Tests/bin/&lt;Configuration&gt;/net10.0/ → the repository's root.</summary>
    public static string RepositoryRoot => Output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>The build configuration these tests were built in (Debug, Release), which the host was built in too.</summary>
    public static string Configuration => Output.Parent!.Name;

    /// <summary>api/OneWindow.Api/bin/&lt;Configuration&gt;/net10.0/OneWindow.Api.dll</summary>
    public static string Path => System.IO.Path.Combine(RepositoryRoot, "api", "OneWindow.Api", "bin", Configuration, Output.Name, "OneWindow.Api.dll");

    /// <summary>portal-samples/&lt;name&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;name&gt;.dll, built before these tests (a project reference).</summary>
    public static string SamplePath(string name) =>
        System.IO.Path.Combine(RepositoryRoot, "portal-samples", name, "bin", Configuration, Output.Name, name + ".dll");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
