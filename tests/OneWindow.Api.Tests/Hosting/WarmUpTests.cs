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
            settings: new Dictionary<string, string?>
            {
                ["Registry:WarmUp:Requests"] = "45", ["Registry:WarmUp:QuietPeriod"] = "00:00:00", ["Registry:WarmUp:MaxDuration"] = "00:10:00",
            });
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

    /// <summary>A JIT that compiles 50 methods between looks for its first four looks, then nothing.</summary>
    private sealed class ScriptedJit : JitActivity
    {
        private int _looks;

        public int Looks => Volatile.Read(ref _looks);

        public override long CompiledMethods() => Math.Min(Interlocked.Increment(ref _looks), 4) * 50L;
    }

    [Fact]
    public async Task The_warm_up_goes_on_past_its_requests_until_the_jit_is_quiet_and_no_rate_limit_refuses_it()
    {
        // A client's limit far below what the warm-up sends: its requests are counted under a partition of their own.
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(The_warm_up_goes_on_past_its_requests_until_the_jit_is_quiet_and_no_rate_limit_refuses_it),
            settings: new Dictionary<string, string?>
            {
                ["Registry:WarmUp:Requests"] = "30", ["Registry:WarmUp:QuietPeriod"] = "00:00:00.010",
                ["Registry:WarmUp:MaxDuration"] = "00:10:00", ["Limits:PerClient:PermitLimit"] = "10",
            },
            testServices: services => services.AddSingleton<JitActivity, ScriptedJit>());
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var warmUp = host.Services.GetRequiredService<WarmUp>();

        await warmUp.Completion.WaitAsync(TimeSpan.FromMinutes(5), Ct);

        // Past its 30 requests until the JIT went quiet (after the scripted compilations), each answered with success
        // although a client may send only 10 a minute.
        var (sent, succeeded) = warmUp.Result;
        Assert.True(sent >= 30, $"{sent} requests sent");
        Assert.Equal(sent, succeeded);
        Assert.True(((ScriptedJit)host.Services.GetRequiredService<JitActivity>()).Looks >= 5, "the warm-up looked at the JIT until it was quiet");
        Assert.Equal(0, host.Services.GetRequiredService<ValidatedTokens>().Count);
    }
}
