using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Api.Tests.Infrastructure;
using static OneWindow.Api.Tests.Limits.LimitsHosts;

namespace OneWindow.Api.Tests.Limits;

/// <summary>GraphQL query cost: measured before execution, capped per request, and spent from a per-caller budget kept in Redis.</summary>
public sealed class QueryCostTests(RegistryFixture fixture)
{
    [Fact]
    public async Task Query_over_the_maximum_is_refused_before_any_SQL_runs()
    {
        var statements = new StatementCounter();
        var settings = Settings();
        settings["GraphQL:MaxComplexity"] = "1000";
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Query_over_the_maximum_is_refused_before_any_SQL_runs), settings: settings,
            testServices: services => services.AddSingleton<IInterceptor>(statements));
        using var client = await host.CreateClientAsync("demo-bank");
        // Warms what every request pays once (the token's client status).
        await GraphQLAsync(client, "{ apiVersion }");
        statements.Reset();

        var (status, body, code) = await GraphQLAsync(client,
            "{ searchProperties(location: \"端州\", first: 100) { edges { node { unitCode rights { kind holders { name } } } } } }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_COMPLEX", code);
        Assert.Equal(0, statements.Count);
        var cost = Cost(body);
        Assert.True(cost.GetProperty("requested").GetInt64() > 1000);
        Assert.Equal(1000, cost.GetProperty("maximum").GetInt32());
        // Nothing was spent: the whole budget but the warm-up's 1 is left.
        Assert.Equal(1_000_000 - 1, cost.GetProperty("remaining").GetInt64());
    }

    [Fact]
    public async Task Budget_is_spent_until_a_query_would_go_over_it_which_is_refused_before_any_SQL()
    {
        var statements = new StatementCounter();
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Budget_is_spent_until_a_query_would_go_over_it_which_is_refused_before_any_SQL),
            settings: Settings(budget: 100), testServices: services => services.AddSingleton<IInterceptor>(statements));
        using var client = await host.CreateClientAsync("demo-bank");

        for (var i = 1; i <= 3; i++)
        {
            var (status, body, code) = await GraphQLAsync(client, QueryCosting(30));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(code);
            var cost = Cost(body);
            Assert.Equal(30, cost.GetProperty("requested").GetInt64());
            Assert.Equal(100, cost.GetProperty("budget").GetInt64());
            Assert.Equal(100 - (30 * i), cost.GetProperty("remaining").GetInt64());
            Assert.InRange(cost.GetProperty("resetSeconds").GetInt32(), 1, 7 * 24 * 3600);
        }
        statements.Reset();
        using var refused = await client.PostGraphQLAsync(QueryCosting(30), language: "en");
        var refusedBody = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        var smaller = await GraphQLAsync(client, QueryCosting(10));
        var spent = await GraphQLAsync(client, "{ __typename }");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(0, statements.Count);
        var error = refusedBody.GetProperty("errors")[0];
        Assert.Equal("QUERY_BUDGET_EXCEEDED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(30, error.GetProperty("extensions").GetProperty("cost").GetInt64());
        Assert.Equal(10, error.GetProperty("extensions").GetProperty("remaining").GetInt64());
        Assert.False(refusedBody.TryGetProperty("data", out _));
        var refusedCost = Cost(refusedBody);
        Assert.Equal(10, refusedCost.GetProperty("remaining").GetInt64());
        Assert.Equal(refusedCost.GetProperty("resetSeconds").GetInt32(), (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        Assert.Equal(HttpStatusCode.OK, smaller.Status);
        Assert.Equal(0, Cost(smaller.Body).GetProperty("remaining").GetInt64());
        Assert.Equal(HttpStatusCode.TooManyRequests, spent.Status);
        Assert.Equal("QUERY_BUDGET_EXCEEDED", spent.Code);
    }

    [Fact]
    public async Task Two_hosts_on_one_Redis_share_one_budget()
    {
        await using var a = await RegistryApp.CreateAsync(fixture, nameof(Two_hosts_on_one_Redis_share_one_budget), settings: Settings(budget: 100));
        await using var b = a.Twin();
        var token = await a.TokenAsync("demo-bank");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        foreach (var client in new[] { clientA, clientB })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        var first = await GraphQLAsync(clientA, QueryCosting(40));
        var second = await GraphQLAsync(clientB, QueryCosting(40));
        var third = await GraphQLAsync(clientA, QueryCosting(40));

        Assert.Equal(60, Cost(first.Body).GetProperty("remaining").GetInt64());
        Assert.Equal(20, Cost(second.Body).GetProperty("remaining").GetInt64());
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("QUERY_BUDGET_EXCEEDED", third.Code);
    }

    [Fact]
    public async Task Budgets_are_leased_in_blocks_and_two_hosts_together_never_spend_more_than_the_budget()
    {
        const int budget = 2_000;
        const int cost = 40;
        const int block = budget / 20;
        await using var a = await RegistryApp.CreateAsync(fixture, nameof(Budgets_are_leased_in_blocks_and_two_hosts_together_never_spend_more_than_the_budget), settings: Settings(budget: budget));
        await using var b = a.Twin();
        var token = await a.TokenAsync("demo-bank");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        foreach (var client in new[] { clientA, clientB })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        var spent = 0;
        var refusals = 0;
        for (var i = 0; i < budget / cost + 10; i++)
        {
            var answer = await GraphQLAsync(i % 2 == 0 ? clientA : clientB, QueryCosting(cost));
            if (answer.Status == HttpStatusCode.OK)
            {
                spent += cost;
                Assert.InRange(Cost(answer.Body).GetProperty("remaining").GetInt64(), 0, budget - cost);
            }
            else
            {
                Assert.Equal("QUERY_BUDGET_EXCEEDED", answer.Code);
                refusals++;
            }
        }

        // What one host leased and did not spend counts as spent: at most a block per host is lost, never exceeded.
        Assert.InRange(spent, budget - 2 * block - cost, budget);
        Assert.True(refusals >= 10);
    }

    [Fact]
    public async Task Concurrent_queries_at_a_windows_start_share_one_budget_lease_at_a_time_and_none_is_refused_within_the_budget()
    {
        const int budget = 2_000;
        const int cost = 40;
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Concurrent_queries_at_a_windows_start_share_one_budget_lease_at_a_time_and_none_is_refused_within_the_budget), settings: Settings(budget: budget));
        using var client = await host.CreateClientAsync("demo-bank");

        // 80 % of the budget at once: each query leasing a block of its own would take all of it and refuse some.
        var answers = await Task.WhenAll(Enumerable.Range(0, budget * 4 / 5 / cost).Select(_ => GraphQLAsync(client, QueryCosting(cost))));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
    }

    [Fact]
    public async Task Each_client_has_its_own_budget_and_anonymous_callers_the_anonymous_one()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Each_client_has_its_own_budget_and_anonymous_callers_the_anonymous_one),
            settings: Settings(budget: 50, anonymousBudget: 20));
        using var bank = await host.CreateClientAsync("demo-bank");
        using var agency = await host.CreateClientAsync("demo-agency");
        using var anonymous = host.CreateClient();

        var bankSpent = await GraphQLAsync(bank, QueryCosting(50));
        var agencyFirst = await GraphQLAsync(agency, QueryCosting(30));
        var anonymousFirst = await GraphQLAsync(anonymous, QueryCosting(15));
        var anonymousOver = await GraphQLAsync(anonymous, QueryCosting(15));

        Assert.Equal(0, Cost(bankSpent.Body).GetProperty("remaining").GetInt64());
        Assert.Equal(20, Cost(agencyFirst.Body).GetProperty("remaining").GetInt64());
        Assert.Equal(20, Cost(anonymousFirst.Body).GetProperty("budget").GetInt64());
        Assert.Equal(5, Cost(anonymousFirst.Body).GetProperty("remaining").GetInt64());
        Assert.Equal("QUERY_BUDGET_EXCEEDED", anonymousOver.Code);
    }

    [Fact]
    public async Task List_sizes_come_from_first_and_ids_and_the_default_page()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(List_sizes_come_from_first_and_ids_and_the_default_page), settings: Settings());
        using var client = await host.CreateClientAsync("demo-bank");
        string[] ids;
        await using (var db = host.CreateDbContext())
        {
            ids = [.. (await db.Units.OrderBy(u => u.Id).Take(3).Select(u => u.UnitCode).ToListAsync(Ct)).Select(code => GlobalId.Encode(GlobalId.Property, code))];
        }
        async Task<long> CostOf(string query, object? variables = null)
        {
            var (status, body, code) = await GraphQLAsync(client, query, variables);
            Assert.True(status == HttpStatusCode.OK, $"{status} {code} {body}");
            return Cost(body).GetProperty("requested").GetInt64();
        }

        // searchProperties 1 + edges 1 + (node 1 + unitCode 1) per item.
        var ten = await CostOf("{ searchProperties(location: \"端州\", first: 10) { edges { node { unitCode } } } }");
        const string ByVariable = "query ($n: Int) { searchProperties(location: \"端州\", first: $n) { edges { node { unitCode } } } }";
        var byVariable = await CostOf(ByVariable, new { n = 10 });
        // The same document again (cached), with another size: its cost is measured again, not remembered.
        var byVariableAgain = await CostOf(ByVariable, new { n = 3 });
        // A variable that sizes nothing: measured once with its document, the same whatever its value.
        const string ByLocation = "query ($l: String!) { searchProperties(location: $l, first: 10) { edges { node { unitCode } } } }";
        var byLocation = await CostOf(ByLocation, new { l = "端州" });
        var byLocationAgain = await CostOf(ByLocation, new { l = "星湖" });
        var defaultPage = await CostOf("{ searchProperties(location: \"端州\") { edges { node { unitCode } } } }");
        // nodes 1 + id 1 per id.
        var nodes = await CostOf("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal(22, ten);
        Assert.Equal(22, byVariable);
        Assert.Equal(8, byVariableAgain);
        Assert.Equal((22, 22), (byLocation, byLocationAgain));
        Assert.Equal(42, defaultPage);
        Assert.Equal(4, nodes);
    }
}
