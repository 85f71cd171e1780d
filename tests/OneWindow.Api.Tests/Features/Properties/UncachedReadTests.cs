using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Properties;

/// <summary>
/// How many SQL statements an uncached property read costs on PostgreSQL (issue 20: at most 2), over REST and GraphQL.
/// Counted, not timed: each read is of a unit no request has read before, so its view is not in any cache.
/// </summary>
public sealed class UncachedReadTests(RegistryFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Every statement the host sends while it handles a request, with its text (for the failure message). Statements
    /// of background jobs (outbox, backfills, pruning) have no request and are not counted.
    /// </summary>
    private sealed class StatementLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public IHttpContextAccessor? Requests { get; set; }

        private void Record(DbCommand command)
        {
            if (Requests?.HttpContext is not null)
            {
                _texts.Enqueue(command.CommandText);
            }
        }

        public IReadOnlyList<string> Texts => [.. _texts];

        public void Reset() => _texts.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private async Task<(RegistryApp Host, HttpClient Client, StatementLog Log)> StartAsync(string purpose)
    {
        var log = new StatementLog();
        // The event publisher's timer waits a day here, so none of its statements land inside a counted request.
        var settings = new Dictionary<string, string?> { ["Events:PublishInterval"] = "1.00:00:00" };
        var host = await RegistryApp.CreateAsync(fixture, purpose, settings: settings, clock: AppFixture.DemoClock,
            testServices: services => services.AddSingleton<IInterceptor>(provider =>
            {
                log.Requests = provider.GetRequiredService<IHttpContextAccessor>();
                return log;
            }));
        var client = await host.CreateClientAsync();
        // Warms what every request of a client pays once (the token's client status), not any unit.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/properties/nope", Ct)).StatusCode);
        return (host, client, log);
    }

    private static string Describe(StatementLog log) => string.Join("\n---\n", log.Texts);

    [Fact]
    public async Task An_uncached_REST_property_read_costs_at_most_two_statements()
    {
        var (host, client, log) = await StartAsync(nameof(An_uncached_REST_property_read_costs_at_most_two_statements));
        await using var owned = host;
        using var owner = client;
        await using var db = host.CreateDbContext();
        var mortgaged = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Mortgage, skip: 3);
        var seized = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Seizure, skip: 3);

        foreach (var code in new[] { mortgaged, seized })
        {
            log.Reset();
            using var response = await client.GetAsync($"/api/v1/properties/{code}", Ct);
            var body = await Json.ReadAsync(response);

            Assert.Equal(code, body.GetProperty("unitCode").GetString());
            Assert.NotEmpty(body.GetProperty("rights").EnumerateArray());
            Assert.NotEmpty(body.GetProperty("rights")[0].GetProperty("holders").EnumerateArray());
            Assert.NotEmpty(body.GetProperty("restrictions").EnumerateArray());
            // At least the view itself: the log does see the request's statements.
            Assert.True(log.Texts.Count is >= 1 and <= 2, $"{log.Texts.Count} statements:\n{Describe(log)}");
        }
    }

    [Fact]
    public async Task An_uncached_GraphQL_property_read_costs_at_most_two_statements()
    {
        var (host, client, log) = await StartAsync(nameof(An_uncached_GraphQL_property_read_costs_at_most_two_statements));
        await using var owned = host;
        using var owner = client;
        await using var db = host.CreateDbContext();
        var mortgaged = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Mortgage, skip: 4);
        var seized = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Seizure, skip: 4);
        const string query = "query($c: String!) { property(unitCode: $c) { unitCode location area use rights { kind certificateNumber holders { name } } restrictions { kind inForce } } }";

        foreach (var code in new[] { mortgaged, seized })
        {
            log.Reset();
            var body = await Json.ReadAsync(await client.PostGraphQLAsync(query, new { c = code }));

            Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
            var property = body.GetProperty("data").GetProperty("property");
            Assert.Equal(code, property.GetProperty("unitCode").GetString());
            Assert.NotEmpty(property.GetProperty("rights")[0].GetProperty("holders").EnumerateArray());
            Assert.NotEmpty(property.GetProperty("restrictions").EnumerateArray());
            // At least the view itself: the log does see the request's statements.
            Assert.True(log.Texts.Count is >= 1 and <= 2, $"{log.Texts.Count} statements:\n{Describe(log)}");
        }
    }

    [Fact]
    public async Task Uncached_nodes_of_rights_on_several_units_cost_two_statements()
    {
        var (host, client, log) = await StartAsync(nameof(Uncached_nodes_of_rights_on_several_units_cost_two_statements));
        await using var owned = host;
        using var owner = client;
        await using var db = host.CreateDbContext();
        var rights = await db.Rights
            .Where(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.Any())
            .OrderBy(r => r.Id).Skip(40).Take(4)
            .Select(r => new { r.Id, r.Unit!.UnitCode })
            .ToListAsync(Ct);
        Assert.Equal(4, rights.Select(r => r.UnitCode).Distinct().Count());
        var ids = rights.Select(r => GlobalId.Encode(GlobalId.Right, r.Id)).ToArray();

        log.Reset();
        var body = await Json.ReadAsync(await client.PostGraphQLAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Right { kind holders { name } } } }", new { ids }));

        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var nodes = body.GetProperty("data").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(ids, nodes.Select(n => n.GetProperty("id").GetString()).ToArray());
        Assert.All(nodes, n => Assert.NotEmpty(n.GetProperty("holders").EnumerateArray()));
        // The rights' units, then the four units' views.
        Assert.True(log.Texts.Count == 2, $"{log.Texts.Count} statements:\n{Describe(log)}");
    }

    [Fact]
    public async Task An_uncached_read_of_an_unknown_unit_costs_one_statement()
    {
        var (host, client, log) = await StartAsync(nameof(An_uncached_read_of_an_unknown_unit_costs_one_statement));
        await using var owned = host;
        using var owner = client;

        log.Reset();
        using var response = await client.GetAsync("/api/v1/properties/441202999999GB99999F99999999", Ct);

        await Problem.AssertAsync(response, 404, "PROPERTY_NOT_FOUND");
        Assert.True(log.Texts.Count == 1, $"{log.Texts.Count} statements:\n{Describe(log)}");
    }

    [Fact]
    public async Task Pooled_connections_keep_their_prepared_statements_and_skip_the_reset_unless_the_connection_string_says()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Pooled_connections_keep_their_prepared_statements_and_skip_the_reset_unless_the_connection_string_says));
        await using var scope = host.Services.CreateAsyncScope();
        var used = new Npgsql.NpgsqlConnectionStringBuilder(
            scope.ServiceProvider.GetRequiredService<OneWindow.Api.Data.RegistryDbContext>().Database.GetDbConnection().ConnectionString);
        var operators = new Npgsql.NpgsqlConnectionStringBuilder(
            OneWindow.Api.Data.RegistryDataExtensions.ForPooledReads(host.ConnectionString + ";No Reset On Close=false;Max Auto Prepare=0"));

        Assert.Equal((64, true), (used.MaxAutoPrepare, used.NoResetOnClose));
        Assert.Equal((0, false), (operators.MaxAutoPrepare, operators.NoResetOnClose));
    }
}

