using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// A retried submission gets the first answer; the same key with another request is refused; concurrent duplicates
/// create one application; a bulk request stores each item on its own, with a result per item, and a retry of it
/// creates nothing more.
/// </summary>
public sealed class IdempotencyAndBulkTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private Task<JsonObject> MortgageAsync(object[]? materials = null) => fixture.MortgageAsync(fixture.Bank, null, materials);

    private Task<int> ApplicationsForAsync(string unitCode) =>
        fixture.ReadAsync(db => db.ApplicationUnits.CountAsync(u => u.UnitCode == unitCode));

    [Fact]
    public async Task Retry_with_the_same_key_returns_the_first_answer_and_another_body_is_refused()
    {
        var body = await MortgageAsync();
        var key = Guid.NewGuid().ToString();

        var first = await fixture.Bank.SubmitAsync("mortgage-registrations", body, key);
        var again = await fixture.Bank.SubmitAsync("mortgage-registrations", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(
            (await Json.ReadAsync(first)).GetProperty("businessNumber").GetString(),
            (await Json.ReadAsync(again)).GetProperty("businessNumber").GetString());
        Assert.Equal(1, await ApplicationsForAsync(body["unitCodes"]![0]!.GetValue<string>()));

        var changed = body.DeepClone().AsObject();
        changed["securedAmountFen"] = 20_000_001L;
        await Problem.AssertAsync(await fixture.Bank.SubmitAsync("mortgage-registrations", changed, key), 409, "IDEMPOTENCY_KEY_REUSED");
        // The same key on another operation is another request too.
        await Problem.AssertAsync(await fixture.Bank.SubmitAsync("transfers", new { unitCode = "x" }, key), 409, "IDEMPOTENCY_KEY_REUSED");
        // Keys belong to their partner: another partner's identical key is a new request.
        var agency = await fixture.Agency.SubmitAsync("mortgage-registrations", body, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, agency.StatusCode);
    }

    [Fact]
    public async Task Concurrent_duplicates_create_exactly_one_application()
    {
        var body = await MortgageAsync();
        var key = Guid.NewGuid().ToString();
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fixture.App.CreateClientAsync("demo-bank")));

        var responses = await Task.WhenAll(clients.Select(c => c.SubmitAsync("mortgage-registrations", body, key)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.All(s => s == 201), string.Join(",", statuses));
        var numbers = await Task.WhenAll(responses.Select(async r => (await Json.ReadAsync(r)).GetProperty("businessNumber").GetString()));
        Assert.Single(numbers.Distinct());
        Assert.Equal(1, await ApplicationsForAsync(body["unitCodes"]![0]!.GetValue<string>()));
        Assert.Equal(7, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
    }

    [Fact]
    public async Task Concurrent_submissions_for_one_unit_with_different_keys_store_one()
    {
        var body = await MortgageAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fixture.App.CreateClientAsync("demo-bank")));

        var responses = await Task.WhenAll(clients.Select(c => c.SubmitAsync("mortgage-registrations", body)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await Problem.AssertAsync(refused, 422, "APPLICATION_INVALID");
            Assert.Equal([("PENDING_APPLICATION_EXISTS", "unitCodes[0]", null)], ApplicationCalls.Errors(problem));
        }
        Assert.Equal(1, await ApplicationsForAsync(body["unitCodes"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bulk_stores_the_valid_items_and_reports_each_refused_one()
    {
        var materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageRegistrationGeneral);
        var items = new JsonArray();
        for (var i = 0; i < 30; i++)
        {
            items.Add(await MortgageAsync(materials));
        }
        items[3]!["securedAmountFen"] = -5;
        items[7]!["unitCodes"] = new JsonArray(JsonValue.Create((await fixture.SeizedHouseAsync()).UnitCode));
        items[11] = items[10]!.DeepClone();
        items[12] = null;
        var key = Guid.NewGuid().ToString();

        var response = await Json.ReadAsync(await fixture.Bank.SubmitAsync("mortgage-registrations/bulk", new { items }, key));

        Assert.Equal(26, response.GetProperty("accepted").GetInt32());
        Assert.Equal(4, response.GetProperty("rejected").GetInt32());
        var results = response.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 30), results.Select(r => r.GetProperty("index").GetInt32()));
        List<(string?, string?)> Errors(int i) =>
            [.. results[i].GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString()))];
        Assert.Equal([("INVALID_AMOUNT", "items[3].securedAmountFen")], Errors(3));
        // A seized unit (whose owners are not the item's mortgagors either).
        Assert.Contains(("UNIT_SEIZED", "items[7].unitCodes[0]"), Errors(7));
        // The same unit as item 10, which comes first in the request and is stored.
        Assert.Equal([("PENDING_APPLICATION_EXISTS", "items[11].unitCodes[0]")], Errors(11));
        Assert.Equal([("FIELD_REQUIRED", "items[12]")], Errors(12));
        var numbers = results.Where(r => r.GetProperty("accepted").GetBoolean()).Select(r => r.GetProperty("application").GetProperty("businessNumber").GetString()).ToList();
        Assert.Equal(26, numbers.Distinct().Count());
        Assert.Equal(26, await fixture.ReadAsync(db => db.Applications.CountAsync(a => numbers.Contains(a.BusinessNumber))));

        // The retry answers the same and stores nothing more.
        var retry = await fixture.Bank.SubmitAsync("mortgage-registrations/bulk", new { items }, key);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(response.GetRawText(), (await Json.ReadAsync(retry)).GetRawText());
        Assert.Equal(26, await fixture.ReadAsync(db => db.Applications.CountAsync(a => numbers.Contains(a.BusinessNumber))));
    }

    [Fact]
    public async Task Bulk_refuses_too_many_items_and_GraphQL_gives_a_result_per_item()
    {
        var tooMany = new { items = Enumerable.Range(0, 1001).Select(_ => new { }).ToArray() };
        var problem = await Problem.AssertAsync(await fixture.Bank.SubmitAsync("mortgage-registrations/bulk", tooMany), 400, "TOO_MANY_ITEMS");
        Assert.Equal("items", problem.GetProperty("field").GetString());

        var good = await MortgageAsync();
        var bad = await MortgageAsync();
        bad["debtEndsOn"] = "2000-01-01";
        var answer = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(
            "mutation($input: BulkMortgageRegistrationInput!, $key: String) { submitMortgageRegistrations(input: $input, idempotencyKey: $key) { accepted rejected results { index accepted application { businessNumber } errors { code field } } } }",
            new { input = new { items = new[] { good, bad } }, key = Guid.NewGuid().ToString() }));
        var payload = answer.GetProperty("data").GetProperty("submitMortgageRegistrations");
        Assert.Equal((1, 1), (payload.GetProperty("accepted").GetInt32(), payload.GetProperty("rejected").GetInt32()));
        Assert.Equal("items[1].debtEndsOn", payload.GetProperty("results")[1].GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task GraphQL_submission_takes_the_key_as_an_argument_and_replays()
    {
        var body = await MortgageAsync();
        var key = Guid.NewGuid().ToString();
        const string mutation = "mutation($input: MortgageRegistrationInput!, $key: String) { submitMortgageRegistration(input: $input, idempotencyKey: $key) { application { businessNumber } errors { code } replayed } }";

        var first = (await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(mutation, new { input = body, key }))).GetProperty("data").GetProperty("submitMortgageRegistration");
        var second = (await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(mutation, new { input = body, key }))).GetProperty("data").GetProperty("submitMortgageRegistration");
        var missing = (await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(mutation, new { input = body }))).GetProperty("data").GetProperty("submitMortgageRegistration");

        Assert.False(first.GetProperty("replayed").GetBoolean());
        Assert.True(second.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.GetProperty("application").GetProperty("businessNumber").GetString(), second.GetProperty("application").GetProperty("businessNumber").GetString());
        Assert.Equal("IDEMPOTENCY_KEY_REQUIRED", missing.GetProperty("errors")[0].GetProperty("code").GetString());
        // The REST retry of the same request with the same key gets the same answer.
        var rest = await fixture.Bank.SubmitAsync("mortgage-registrations", body, key);
        Assert.Equal(first.GetProperty("application").GetProperty("businessNumber").GetString(), (await Json.ReadAsync(rest)).GetProperty("businessNumber").GetString());
    }
}
