using OneWindow.Api.Auth;
using OneWindow.Api.Data;

namespace OneWindow.Api.Hosting;

/// <summary>
/// Whether this host may run the embedded demo (the SQLite file, the demo region, the demo clients and people with
/// their published secrets): in Development, or when started with the <c>--demo</c> command-line switch.
/// Note: the switch is read from the command line only (never from environment variables or appsettings), so a
/// production deployment cannot fall into the demo by a missing or stray setting; everywhere else a missing
/// connection string or key-protection certificate stops the start (<see cref="RegistryModeExtensions.StartRefusal"/>).
/// </summary>
public sealed record RegistryMode(bool Demo)
{
    /// <summary>The command-line switch; <c>--demo=true</c> (what WebApplicationFactory passes for a setting "demo") counts too.</summary>
    public const string DemoSwitch = "--demo";

    public static bool DemoRequested(IEnumerable<string> args) => args.Any(arg =>
        arg.Equals(DemoSwitch, StringComparison.OrdinalIgnoreCase) || arg.Equals(DemoSwitch + "=true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The mode decided by <see cref="RegistryModeExtensions.AddRegistryMode"/>; Development alone when it was not called (tools, design time).</summary>
    public static RegistryMode Of(WebApplicationBuilder builder) =>
        builder.Host.Properties.TryGetValue(typeof(RegistryMode), out var mode) && mode is RegistryMode known
            ? known
            : new RegistryMode(builder.Environment.IsDevelopment());
}

public static class RegistryModeExtensions
{
    /// <summary>Decides the mode from the environment and the command line; the other <c>AddRegistry*</c> read it.</summary>
    public static WebApplicationBuilder AddRegistryMode(this WebApplicationBuilder builder, string[] args)
    {
        var mode = new RegistryMode(builder.Environment.IsDevelopment() || RegistryMode.DemoRequested(args));
        builder.Host.Properties[typeof(RegistryMode)] = mode;
        builder.Services.AddSingleton(mode);
        return builder;
    }

    /// <summary>
    /// Why this host must not start, in one line for stderr, or null: outside Development and <c>--demo</c>, the
    /// register's connection string and the certificate that encrypts the key ring are required.
    /// </summary>
    public static string? StartRefusal(this WebApplicationBuilder builder)
    {
        var mode = RegistryMode.Of(builder);
        return RegistryDataExtensions.DatabaseRefusal(builder.Configuration, mode)
            ?? RegistryAuth.KeyProtectionRefusal(builder.Configuration, mode)
            ?? Features.Webhooks.WebhooksFeature.ProductionRefusal(builder.Configuration, builder.Environment);
    }
}
