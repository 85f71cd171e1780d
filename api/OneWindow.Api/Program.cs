using OneWindow.Api.Auth;
using OneWindow.Api.Caching;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Data.Seeding;
using OneWindow.Api.Errors;
using OneWindow.Api.Features;
using OneWindow.Api.GraphQL;
using OneWindow.Api.Hosting;
using OneWindow.Api.Limits;

if (args.Length > 0 && SeedCommand.Names.Contains(args[0]))
{
    return await SeedCommand.RunAsync(args);
}
if (args.Length > 0 && RegisterCommands.Names.Contains(args[0]))
{
    return await RegisterCommands.RunAsync(args);
}

if (args.Length > 0 && args[0] == ResetDemoCommand.Name)
{
    return await ResetDemoCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(RegistryHost.Options(args));
builder.AddRegistryMode(args);
builder.AddRegistryStart();
if (builder.StartRefusal() is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 2;
}
builder.AddRegistryLogging();
builder.AddRegistryData();
builder.AddRegistryCache();
builder.AddRegistryAuth();
builder.AddRegistryErrors();
builder.AddRegistryHealth();
builder.AddRegistryOpenApi();
builder.AddRegistryGraphQL();
builder.AddRegistryLimits();
builder.AddRegistryFeatures();

var app = builder.Build();
app.UseRegistryOpenApiCache();
app.UseRegistryErrors();
app.UseRegistryAuth();
app.UseRegistryLimits();
app.UseRegistryInputChecks();
app.MapRegistryHealth();
app.MapRegistryAuth();
app.MapRegistryAssets();
app.MapRegistryOpenApi();
app.MapRegistryGraphQL();
app.MapRegistryFeatures();
app.MapRegistryHome();
app.MapRegistryBenchmarkCeiling();

app.PrintRegistryUrls();
return await app.RunRegistryAsync();

/// <summary>The host's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
