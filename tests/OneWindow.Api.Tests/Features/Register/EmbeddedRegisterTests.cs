using System.Net;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Register;

/// <summary>Checkpoints and the register check on the embedded default (SQLite, no Redis).</summary>
public sealed class EmbeddedRegisterTests : IAsyncLifetime
{
    private EmbeddedApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new EmbeddedApp();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task On_SQLite_staff_take_two_checkpoints_and_the_register_verifies_against_the_newest()
    {
        using var staff = await PersonSignIn.ClientAsync(_app, "demo-staff");

        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsync("/api/v1/register/checkpoints", null, Ct)).StatusCode);
        var second = await Json.ReadAsync(await staff.PostAsync("/api/v1/register/checkpoints", null, Ct));
        var first = await Json.ReadAsync(await staff.GetAsync("/api/v1/register/checkpoints/1", Ct));
        Assert.Equal(first.GetProperty("hash").GetString(), second.GetProperty("previousHash").GetString());
        Assert.Equal(first.GetProperty("root").GetString(), second.GetProperty("root").GetString());

        var report = await Json.ReadAsync(await staff.GetAsync("/api/v1/register/verification", Ct));
        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
        Assert.Equal(2, report.GetProperty("checkpoint").GetProperty("sequence").GetInt64());
        Assert.Equal(3000, report.GetProperty("unitsChecked").GetInt64());
    }
}
