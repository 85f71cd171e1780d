using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Auth;
using OneWindow.Api.Hosting;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Hosting;

/// <summary>The warm-up an instance runs on itself, over Kestrel, before it reports ready (Hosting/WarmUp.cs).</summary>
public sealed class WarmUpTests(RegistryFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_warm_up_reads_through_the_whole_pipeline_with_its_own_token_and_forgets_it_before_ready()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(The_warm_up_reads_through_the_whole_pipeline_with_its_own_token_and_forgets_it_before_ready),
            settings: new Dictionary<string, string?> { ["Registry:WarmUp:Requests"] = "45", ["Registry:WarmUp:MaxDuration"] = "00:10:00" });
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var warmUp = host.Services.GetRequiredService<WarmUp>();

        await warmUp.Completion.WaitAsync(TimeSpan.FromMinutes(5), Ct);
        using var client = host.CreateClient();
        using var ready = await client.GetAsync("/health/ready", Ct);

        // Property reads, verdicts and GraphQL queries in turn, each answered with success: the token was accepted,
        // its scopes were enough, and no rate limit refused them.
        Assert.Equal((45, 45), warmUp.Result);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(0, host.Services.GetRequiredService<ValidatedTokens>().Count);
    }

    [Fact]
    public async Task Under_a_test_server_there_is_no_address_and_no_warm_up()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Under_a_test_server_there_is_no_address_and_no_warm_up));
        using var client = host.CreateClient();

        await host.Services.GetRequiredService<WarmUp>().Completion.WaitAsync(TimeSpan.FromMinutes(5), Ct);
        using var ready = await client.GetAsync("/health/ready", Ct);

        Assert.Equal((0, 0), host.Services.GetRequiredService<WarmUp>().Result);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
