using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Configuration;

/// <summary>The operator's edits on the embedded default (SQLite, no Redis): the same optimistic versions.</summary>
public sealed class EmbeddedConfigurationTests : IAsyncLifetime
{
    private EmbeddedApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new EmbeddedApp(ConfigurationSteps.Settings);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task On_SQLite_an_operator_replaces_the_catalogue_and_a_stale_version_is_refused()
    {
        using var operatorClient = await PersonSignIn.ClientAsync(_app, "demo-operator");
        var (content, version) = await ConfigurationSteps.ReadAsync(operatorClient, "materials-catalogue");
        Assert.Equal(0, version);

        var edited = ConfigurationSteps.WithRequirement(content, "AdvanceNotice", "ADVANCE_NOTICE_AGREEMENT", "Optional");
        var saved = await Json.ReadAsync(await ConfigurationSteps.ReplaceAsync(operatorClient, "materials-catalogue", edited, "\"0\""));

        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.Equal(("OPTIONAL", "ALWAYS_OPTIONAL"), await ConfigurationSteps.LineAsync(operatorClient, "ADVANCE_NOTICE", "ADVANCE_NOTICE_AGREEMENT"));
        await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(operatorClient, "materials-catalogue", content, "\"0\""), 409, "CONCURRENT_CHANGE");
        Assert.Equal((edited, 1), await ConfigurationSteps.ReadAsync(operatorClient, "materials-catalogue"));

        var (calendar, calendarVersion) = await ConfigurationSteps.ReadAsync(operatorClient, "holiday-calendar");
        var replaced = await Json.ReadAsync(await ConfigurationSteps.ReplaceAsync(operatorClient, "holiday-calendar", calendar, $"\"{calendarVersion}\""));
        Assert.Equal(calendarVersion + 1, replaced.GetProperty("version").GetInt32());
    }
}
