using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneWindow.Api.Tests.Features.Partners;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Tests.Features.Configuration;

/// <summary>
/// How a saved document reaches the other instances when nothing announces it (no Redis): by the version check every
/// Configuration:RefreshInterval. And what an instance does with a stored document that no longer parses.
/// </summary>
public sealed class ConfigurationPropagationTests(RegistryFixture fixture)
{
    private const string Catalogue = "materials-catalogue";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_Redis_another_host_sees_a_change_within_the_refresh_interval()
    {
        await using var a = await RegistryApp.CreateAsync(fixture, "config_polling", redis: false, settings: ConfigurationSteps.Settings, clock: AppFixture.DemoClock);
        await using var b = a.Twin();
        using var operatorA = await PersonSignIn.ClientAsync(a, "demo-operator");
        using var bankB = await b.CreateClientAsync("demo-bank");
        Assert.Equal(("REQUIRED", "ALWAYS_REQUIRED"), await ConfigurationSteps.LineAsync(bankB, "SEIZURE", "COURT_RULING"));

        // Nothing stored yet: the shipped catalogue, version 0, and no row was written at start.
        var (content, version) = await ConfigurationSteps.ReadAsync(operatorA, Catalogue);
        Assert.Equal((MaterialCatalogue.DefaultJson, 0), (content, version));
        await using (var db = a.CreateDbContext())
        {
            Assert.False(await db.ConfigurationDocuments.AnyAsync(Ct));
        }
        var edited = ConfigurationSteps.WithRequirement(content, "Seizure", "COURT_RULING", "Optional");
        await Json.ReadAsync(await ConfigurationSteps.ReplaceAsync(operatorA, Catalogue, edited, "\"0\""));

        await ConfigurationSteps.EventuallyAsync(
            () => ConfigurationSteps.LineAsync(bankB, "SEIZURE", "COURT_RULING"), ("OPTIONAL", "ALWAYS_OPTIONAL"),
            within: ConfigurationSteps.RefreshInterval + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task With_Redis_another_host_hears_of_a_change_long_before_its_interval()
    {
        var tenMinutes = new Dictionary<string, string?> { ["Configuration:RefreshInterval"] = "00:10:00" };
        await using var a = await RegistryApp.CreateAsync(fixture, "config_announced", settings: tenMinutes, clock: AppFixture.DemoClock);
        await using var b = a.Twin();
        using var operatorA = await PersonSignIn.ClientAsync(a, "demo-operator");
        using var bankB = await b.CreateClientAsync("demo-bank");
        Assert.Equal(("REQUIRED", "ALWAYS_REQUIRED"), await ConfigurationSteps.LineAsync(bankB, "SEIZURE_RELEASE", "COURT_RULING"));

        var (content, version) = await ConfigurationSteps.ReadAsync(operatorA, Catalogue);
        var edited = ConfigurationSteps.WithRequirement(content, "SeizureRelease", "COURT_RULING", "Optional");
        await Json.ReadAsync(await ConfigurationSteps.ReplaceAsync(operatorA, Catalogue, edited, $"\"{version}\""));

        // Only the announcement on Redis can explain B seeing it before ten minutes.
        await ConfigurationSteps.EventuallyAsync(
            () => ConfigurationSteps.LineAsync(bankB, "SEIZURE_RELEASE", "COURT_RULING"), ("OPTIONAL", "ALWAYS_OPTIONAL"),
            within: TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_stored_document_that_no_longer_parses_is_logged_and_the_last_good_one_stays_in_use()
    {
        var logs = new LogCapture();
        await using var app = await RegistryApp.CreateAsync(fixture, "config_broken", redis: false, settings: ConfigurationSteps.Settings,
            clock: AppFixture.DemoClock, testServices: services => services.AddSingleton<ILoggerProvider>(logs));
        using var operatorClient = await PersonSignIn.ClientAsync(app, "demo-operator");
        using var bank = await app.CreateClientAsync("demo-bank");
        var (content, _) = await ConfigurationSteps.ReadAsync(operatorClient, Catalogue);
        await Json.ReadAsync(await ConfigurationSteps.ReplaceAsync(operatorClient, Catalogue,
            ConfigurationSteps.WithRequirement(content, "Objection", "INTEREST_EVIDENCE", "Optional"), "\"0\""));
        Assert.Equal(("OPTIONAL", "ALWAYS_OPTIONAL"), await ConfigurationSteps.LineAsync(bank, "OBJECTION", "INTEREST_EVIDENCE"));

        // Someone edits the row by hand, past the validation of the API.
        await using (var db = app.CreateDbContext())
        {
            var row = await db.ConfigurationDocuments.SingleAsync(d => d.Name == Catalogue, Ct);
            row.Content = "{ \"materials\": [";
            row.Version = 2;
            await db.SaveChangesAsync(Ct);
        }

        // Reads go on succeeding while the host finds out (at its next version check).
        await ConfigurationSteps.EventuallyAsync(
            async () =>
            {
                Assert.Equal(("OPTIONAL", "ALWAYS_OPTIONAL"), await ConfigurationSteps.LineAsync(bank, "OBJECTION", "INTEREST_EVIDENCE"));
                return logs.Lines.Any(line => line.Contains("materials-catalogue version 2 does not parse", StringComparison.Ordinal));
            },
            true, within: ConfigurationSteps.RefreshInterval + TimeSpan.FromSeconds(10));
        // Still served, from version 1; the operator sees what is stored and can replace it.
        Assert.Equal(("OPTIONAL", "ALWAYS_OPTIONAL"), await ConfigurationSteps.LineAsync(bank, "OBJECTION", "INTEREST_EVIDENCE"));
        Assert.Single(logs.Lines, line => line.Contains("version 2 does not parse", StringComparison.Ordinal));
        var (stored, version) = await ConfigurationSteps.ReadAsync(operatorClient, Catalogue);
        Assert.Equal(("{ \"materials\": [", 2), (stored, version));
        await Json.ReadAsync(await ConfigurationSteps.ReplaceAsync(operatorClient, Catalogue, content, "\"2\""));
        Assert.Equal(("REQUIRED", "ALWAYS_REQUIRED"), await ConfigurationSteps.LineAsync(bank, "OBJECTION", "INTEREST_EVIDENCE"));
    }
}
