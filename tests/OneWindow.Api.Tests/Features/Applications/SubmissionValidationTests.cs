using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>A valid mortgage registration, and the units each refusal needs, prepared once for the class.</summary>
public sealed class SubmissionValidationFixture(RegistryFixture registry) : ApplicationsFixture(registry)
{
    public JsonObject Valid { get; private set; } = null!;
    public Dictionary<string, string> Units { get; } = [];
    public Dictionary<string, JsonNode> People { get; } = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var free = await FreeHouseAsync();
        var owner = (await HoldersAsync(free.UnitCode))[0].Party;
        Valid = JsonSerializer.SerializeToNode(new
        {
            mortgageKind = "GENERAL",
            unitCodes = new[] { free.UnitCode },
            mortgagors = new[] { ApplicationCalls.Person(owner) },
            mortgagee = ApplicationCalls.Organisation(BankName, await CreditCodeAsync(BankName)),
            securedAmountFen = 50_000_000L,
            debtStartsOn = "2025-11-20",
            debtEndsOn = "2035-11-19",
            materials = await RequiredMaterialsAsync(Bank, BusinessType.MortgageRegistrationGeneral),
        })!.AsObject();
        Units["free"] = free.UnitCode;
        Units["seized"] = (await SeizedHouseAsync()).UnitCode;
        Units["presale"] = (await PresaleUnitAsync()).UnitCode;
        Units["land"] = (await DevelopersLandAsync()).UnitCode;
        var shared = await FreeHouseAsync(holders: 2);
        Units["shared"] = shared.UnitCode;
        People["sharedFirst"] = JsonSerializer.SerializeToNode(ApplicationCalls.Person((await HoldersAsync(shared.UnitCode))[0].Party))!;
        // The demo region's advance notices protect pre-sale buyers.
        var noticed = await TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == Domain.Restrictions.RestrictionKind.AdvanceNotice)));
        Units["noticed"] = noticed.UnitCode;
        var other = await FreeHouseAsync();
        People["stranger"] = JsonSerializer.SerializeToNode(ApplicationCalls.Person((await HoldersAsync(other.UnitCode))[0].Party))!;
    }

    /// <summary>A copy of the valid body with <paramref name="path"/> (dotted, with [i]) set to <paramref name="json"/>; "-" removes it.</summary>
    public JsonObject With(string path, string json)
    {
        var body = Valid.DeepClone().AsObject();
        var value = json == "-" ? null : Resolve(json);
        var parts = path.Split('.');
        JsonNode node = body;
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Part(parts[i]);
            var last = i == parts.Length - 1;
            if (index is { } at)
            {
                var array = node[name]!.AsArray();
                if (last)
                {
                    array[at] = value;
                }
                else
                {
                    node = array[at]!;
                }
            }
            else if (last)
            {
                if (value is null)
                {
                    node.AsObject().Remove(name);
                }
                else
                {
                    node[name] = value;
                }
            }
            else
            {
                node = node[name]!;
            }
        }
        return body;
    }

    /// <summary>JSON, or "@name" for a unit (or "@units:a,b") or a person the fixture prepared.</summary>
    private JsonNode? Resolve(string json) => json.Trim('"') is ['@', .. var name]
        ? name switch
        {
            var key when Units.TryGetValue(key, out var code) => JsonValue.Create(code),
            var key when key.StartsWith("units:", StringComparison.Ordinal) => JsonSerializer.SerializeToNode(key[6..].Split(',').Select(k => Units[k]).ToArray()),
            var key => People[key].DeepClone(),
        }
        : JsonNode.Parse(json);

    private static (string Name, int? Index) Part(string part)
    {
        var open = part.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? (part, null) : (part[..open], int.Parse(part[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Every way a submission is refused: a stable code and the field's path, all reasons at once, nothing stored, never a 500.</summary>
public sealed class SubmissionValidationTests(SubmissionValidationFixture fixture) : IClassFixture<SubmissionValidationFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("mortgageKind", "-", "FIELD_REQUIRED", "mortgageKind", null)]
    [InlineData("mortgageKind", "\"ORDINARY\"", "INVALID_MORTGAGE_KIND", "mortgageKind", null)]
    [InlineData("unitCodes", "[]", "FIELD_REQUIRED", "unitCodes", null)]
    [InlineData("unitCodes[0]", "\"441202001001GB00001F0001010\"", "INVALID_UNIT_CODE", "unitCodes[0]", "LENGTH")]
    [InlineData("unitCodes[0]", "\"441202001001GA00001F00010101\"", "INVALID_UNIT_CODE", "unitCodes[0]", "PARCEL_COMBINATION")]
    [InlineData("unitCodes", "\"@units:free,free\"", "DUPLICATE_UNIT", "unitCodes[1]", null)]
    [InlineData("unitCodes[0]", "\"441202099001GB00001F00010101\"", "UNIT_NOT_FOUND", "unitCodes[0]", null)]
    [InlineData("mortgagors[0].kind", "\"ROBOT\"", "INVALID_PARTY_KIND", "mortgagors[0].kind", null)]
    [InlineData("mortgagors[0].name", "\"\"", "FIELD_REQUIRED", "mortgagors[0].name", null)]
    [InlineData("mortgagors[0].idNumber", "\"44120219850315101X\"", "INVALID_ID_NUMBER", "mortgagors[0].idNumber", "CHECK_CHARACTER")]
    [InlineData("mortgagors[0].phone", "\"call me\"", "INVALID_PHONE", "mortgagors[0].phone", null)]
    [InlineData("mortgagors[0].sharePercent", "50", "INVALID_SHARE", "mortgagors[0].sharePercent", "NOT_APPLICABLE")]
    [InlineData("mortgagee.idNumber", "\"91441202MA0000001A\"", "INVALID_CREDIT_CODE", "mortgagee.idNumber", "CHECK_CHARACTER")]
    [InlineData("securedAmountFen", "-1", "INVALID_AMOUNT", "securedAmountFen", "POSITIVE_FEN")]
    [InlineData("debtEndsOn", "\"2035-02-30\"", "INVALID_DATE", "debtEndsOn", "YYYY_MM_DD")]
    [InlineData("debtEndsOn", "\"2020-01-01\"", "INVALID_TERM", "debtEndsOn", "ENDS_BEFORE_IT_STARTS")]
    [InlineData("materials[0].materialId", "\"no-such-upload\"", "MATERIAL_NOT_FOUND", "materials[0].materialId", null)]
    [InlineData("materials[0].code", "\"COURT_RULING\"", "MATERIAL_NOT_APPLICABLE", "materials[0].code", null)]
    [InlineData("circumstances", "[\"MORTGAGEE_ALONE\"]", "UNKNOWN_CIRCUMSTANCE", "circumstances", "MORTGAGEE_ALONE")]
    [InlineData("unitCodes[0]", "\"@seized\"", "UNIT_SEIZED", "unitCodes[0]", null)]
    [InlineData("unitCodes[0]", "\"@noticed\"", "UNIT_UNDER_ADVANCE_NOTICE", "unitCodes[0]", null)]
    [InlineData("unitCodes[0]", "\"@presale\"", "NO_OWNERSHIP_RIGHT", "unitCodes[0]", null)]
    [InlineData("unitCodes[0]", "\"@land\"", "MORTGAGE_KIND_NOT_APPLICABLE", "unitCodes[0]", "BUILDING_UNDER_CONSTRUCTION_EXPECTED")]
    [InlineData("mortgageKind", "\"BUILDING_UNDER_CONSTRUCTION\"", "MORTGAGE_KIND_NOT_APPLICABLE", "unitCodes[0]", "NOT_A_BUILDING_UNDER_CONSTRUCTION")]
    [InlineData("mortgagors[0]", "\"@stranger\"", "APPLICANT_NOT_HOLDER", "mortgagors[0]", "unitCodes[0]")]
    [InlineData("mortgagors[0].name", "\"王冒名\"", "PARTY_NAME_MISMATCH", "mortgagors[0].name", "unitCodes[0]")]
    [InlineData("notes", "\"\\u0007bell\"", "INVALID_TEXT", "notes", "CONTROL_CHARACTERS")]
    public async Task Each_refusal_has_its_code_and_field(string path, string value, string code, string field, string? reason)
    {
        var errors = await fixture.Bank.RefusedAsync("mortgage-registrations", fixture.With(path, value));

        Assert.Contains((code, field, reason), errors);
    }

    [Theory]
    [InlineData("mortgage-registrations", "unitCodes", "many-units", "TOO_MANY_UNITS", "unitCodes")]
    [InlineData("mortgage-registrations", "mortgagors", "many-parties", "TOO_MANY_PARTIES", "mortgagors")]
    [InlineData("mortgage-registrations", "materials", "many-materials", "TOO_MANY_MATERIALS", "materials")]
    [InlineData("mortgage-registrations", "materials", "same-material-twice", "DUPLICATE_MATERIAL", "materials[1]")]
    [InlineData("transfers", null, "{\"unitCode\":\"441202001001GB00001F00010101\",\"coOwnership\":\"ALL\"}", "INVALID_CO_OWNERSHIP", "coOwnership")]
    [InlineData("first-registrations", null, "{\"landUnitCode\":\"441202001001GB00006W00000000\",\"building\":{\"number\":\"12\",\"floors\":3}}", "INVALID_BUILDING_NUMBER", "building.number")]
    [InlineData("first-registrations", null, "{\"landUnitCode\":\"441202001001GB00001F00010101\"}", "NOT_A_LAND_UNIT", "landUnitCode")]
    [InlineData("advance-notices", null, "{\"unitCode\":\"441202001001GB00006W00000000\"}", "NOT_A_HOUSE", "unitCode")]
    [InlineData("mortgage-cancellations", null, "{\"certificateNumber\":\"粤(2017)肇庆市不动产权第0000001号\",\"unitCodes\":[\"441202001001GB00001F00010101\"]}", "INVALID_CERTIFICATE_NUMBER", "certificateNumber")]
    [InlineData("mortgage-cancellations", null, "{\"certificateNumber\":\"粤(2017)肇庆市不动产证明第0000001号\",\"unitCodes\":[\"441202001001GB00001F00010101\"]}", "CIRCUMSTANCE_REQUIRED", "circumstances")]
    [InlineData("objections", null, "{\"unitCode\":\"441202001001GB00001F00010101\",\"objector\":{\"kind\":\"PERSON\",\"name\":\"林\",\"idNumber\":\"110101199003074514\"}}", "FIELD_REQUIRED", "matter")]
    public async Task Other_types_and_limits_have_their_codes_too(string path, string? field, string body, string code, string expectedField)
    {
        JsonNode request = field is null ? JsonNode.Parse(body)! : fixture.Valid.DeepClone();
        switch (body)
        {
            case "many-units":
                request[field!] = new JsonArray([.. Enumerable.Range(0, 5001).Select(i => JsonValue.Create($"441202001001GB00001F0001{i:D4}"))]);
                break;
            case "many-parties":
                request[field!] = new JsonArray([.. Enumerable.Range(0, 21).Select(_ => fixture.People["stranger"].DeepClone())]);
                break;
            case "many-materials":
                request[field!] = new JsonArray([.. Enumerable.Range(0, 201).Select(i => JsonNode.Parse($"{{\"materialId\":\"m{i}\",\"code\":\"IDENTITY\"}}"))]);
                break;
            case "same-material-twice":
                request[field!] = new JsonArray(fixture.Valid["materials"]![0]!.DeepClone(), fixture.Valid["materials"]![0]!.DeepClone());
                break;
        }

        var errors = await (path is "mortgage-registrations" ? fixture.Bank : fixture.Agency).RefusedAsync(path, request);

        Assert.Contains(errors, e => e.Code == code && e.Field == expectedField);
    }

    [Fact]
    public async Task Co_owners_must_all_apply()
    {
        var body = fixture.With("unitCodes[0]", "\"@shared\"");
        body["mortgagors"] = new JsonArray(fixture.People["sharedFirst"].DeepClone());

        var errors = await fixture.Bank.RefusedAsync("mortgage-registrations", body);

        Assert.Contains(("HOLDER_NOT_APPLYING", "unitCodes[0]", "mortgagors"), errors);
    }

    [Fact]
    public async Task A_bank_applies_as_the_mortgagee_and_the_same_party_cannot_be_on_both_sides()
    {
        var other = ApplicationCalls.Organisation("岭南示范银行股份有限公司肇庆分行", UnifiedSocialCreditCode.Create("91441202MA0000011").ToString());
        var foreign = await fixture.Bank.RefusedAsync("mortgage-registrations", fixture.With("mortgagee", JsonSerializer.Serialize(other)));
        Assert.Equal([("APPLICANT_NOT_CALLER", "mortgagee", null)], foreign);

        var body = fixture.Valid.DeepClone().AsObject();
        body["mortgagee"] = body["mortgagors"]![0]!.DeepClone();
        var same = await fixture.Bank.RefusedAsync("mortgage-registrations", body);
        Assert.Contains(("DUPLICATE_PARTY", "mortgagee.idNumber", "MORTGAGEE_IS_A_MORTGAGOR"), same);
    }

    [Fact]
    public async Task Every_reason_is_told_at_once_in_Chinese_or_in_English()
    {
        var body = fixture.With("securedAmountFen", "0");
        body["debtStartsOn"] = "tomorrow";
        body["materials"] = new JsonArray();
        body["mortgagors"]![0]!["idNumber"] = "123";

        var english = await Problem.AssertAsync(await fixture.Bank.SubmitAsync("mortgage-registrations", body, language: "en"), 422, "APPLICATION_INVALID");
        var errors = ApplicationCalls.Errors(english);

        Assert.Contains(errors, e => e.Code == "INVALID_AMOUNT");
        Assert.Contains(errors, e => e.Code == "INVALID_DATE" && e.Field == "debtStartsOn");
        Assert.Contains(errors, e => e.Code == "INVALID_ID_NUMBER" && e.Field == "mortgagors[0].idNumber");
        Assert.Equal("The application failed validation; see errors.", english.GetProperty("title").GetString());
        Assert.Equal("The amount is invalid (a positive whole number of fen).",
            english.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("code").GetString() == "INVALID_AMOUNT").GetProperty("message").GetString());

        var chinese = await Problem.AssertAsync(await fixture.Bank.SubmitAsync("mortgage-registrations", fixture.With("materials", "[]")), 422, "APPLICATION_INVALID");
        Assert.Equal(
            ["APPLICATION_FORM", "IDENTITY", "MAIN_CREDIT_CONTRACT", "MORTGAGE_CONTRACT", "TITLE_CERTIFICATE"],
            ApplicationCalls.Errors(chinese).Where(e => e.Code == "MATERIAL_MISSING").Select(e => e.Reason).Order());
        Assert.Equal("缺少必需的申请材料。", chinese.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Refused_submissions_store_nothing()
    {
        var before = await fixture.ReadAsync(db => Task.FromResult((db.Applications.Count(), db.IdempotencyRecords.Count(), db.Rights.Count())));

        await fixture.Bank.RefusedAsync("mortgage-registrations", fixture.With("unitCodes[0]", "\"@seized\""));
        await fixture.Bank.RefusedAsync("mortgage-registrations", fixture.With("mortgagors", "[]"));

        Assert.Equal(before, await fixture.ReadAsync(db => Task.FromResult((db.Applications.Count(), db.IdempotencyRecords.Count(), db.Rights.Count()))));
    }

    [Theory]
    [InlineData(null, "IDEMPOTENCY_KEY_REQUIRED")]
    [InlineData("has spaces", "INVALID_IDEMPOTENCY_KEY")]
    [InlineData("密钥", "INVALID_IDEMPOTENCY_KEY")]
    public async Task Submissions_need_a_well_formed_idempotency_key(string? key, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications/mortgage-registrations") { Content = JsonContent.Create(fixture.Valid) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        await Problem.AssertAsync(await fixture.Bank.SendAsync(request, Ct), 400, code);
    }

    [Theory]
    [InlineData("mortgage-registrations", "{ not json")]
    [InlineData("mortgage-registrations", "[1, 2, 3]")]
    [InlineData("mortgage-registrations", "{\"unitCodes\": 42}")]
    [InlineData("mortgage-registrations", "{\"securedAmountFen\": \"a lot\"}")]
    [InlineData("mortgage-registrations/bulk", "{\"items\": [null, 7]}")]
    [InlineData("first-registrations", "{\"units\": [{\"area\": \"big\"}]}")]
    [InlineData("transfers", "null")]
    public async Task Malformed_bodies_are_bad_requests_never_500(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/applications/{path}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await fixture.Bank.SendAsync(request, Ct);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
