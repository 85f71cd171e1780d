namespace OneWindow.Api.Data;

/// <summary>
/// The configuration the host's commands (<c>verify-register</c>, <c>export-checkpoint</c>, <c>reset-demo</c>) read
/// to find the register: appsettings.json beside the program, then environment variables, as the host reads them.
/// </summary>
public static class CommandConfiguration
{
    public static IConfiguration Build() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
}
