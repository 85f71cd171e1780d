using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// The kinds added for the register's lifecycle, submitted over GraphQL end to end with their refusals as typed
/// errors (LifecycleTests covers them over REST): 续封, 预告登记注销, 抵押权变更 and 抵押权转移, 带押过户 and
/// 预购商品房抵押预告登记.
/// </summary>
public sealed class LifecycleGraphQLTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private static DateOnly Today => ChinaTime.DateOf(AppFixture.DemoClock.GetUtcNow().UtcDateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Submits over GraphQL with a fresh idempotency key; the mutation's payload.</summary>
    private static async Task<JsonElement> SubmitAsync(HttpClient client, string operation, string inputType, object input)
    {
        var query = $"mutation($input: {inputType}!, $key: String) {{ {operation}(input: $input, idempotencyKey: $key) {{ application {{ businessNumber businessType status }} errors {{ code field reason }} }} }}";
        var answer = await Json.ReadAsync(await client.PostGraphQLAsync(query, new { input, key = Guid.NewGuid().ToString("N") }));
        Assert.False(answer.TryGetProperty("errors", out var top), top.ToString());
        return answer.GetProperty("data").GetProperty(operation);
    }

    private static List<(string? Code, string? Field, string? Reason)> Errors(JsonElement payload) =>
        [.. payload.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString(), e.GetProperty("reason").GetString()))];

    private static string? Status(JsonElement payload) =>
        payload.GetProperty("application").ValueKind == JsonValueKind.Null ? null : payload.GetProperty("application").GetProperty("status").GetString();

    [Fact]
    public async Task A_court_extends_its_seizure_over_GraphQL_and_an_unknown_or_too_long_extension_is_refused()
    {
        var unit = await fixture.FreeHouseAsync();
        var end = Today.AddDays(60);
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unit.UnitCode }, documentNumber = "(2026)粤1202执图1号", endsOn = Day(end),
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });
        var materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureExtension);
        object Extension(string seizure, DateOnly? endsOn) => new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = seizure, documentNumber = seizure + "之一", endsOn = endsOn is { } e ? Day(e) : null, materials,
        };

        var tooLong = await SubmitAsync(fixture.Court, "submitSeizureExtension", "SeizureExtensionInput", Extension("(2026)粤1202执图1号", end.AddYears(3).AddDays(1)));
        var unknown = await SubmitAsync(fixture.Court, "submitSeizureExtension", "SeizureExtensionInput", Extension("(2026)粤1202执图9号", null));
        var extended = await SubmitAsync(fixture.Court, "submitSeizureExtension", "SeizureExtensionInput", Extension("(2026)粤1202执图1号", end.AddDays(365)));

        Assert.Equal([("INVALID_TERM", "endsOn", "LONGER_THAN_THREE_YEARS")], Errors(tooLong));
        Assert.Null(Status(tooLong));
        Assert.Equal([("SEIZURE_NOT_FOUND", "unitCodes[0]", "seizureDocumentNumber")], Errors(unknown));
        Assert.Empty(Errors(extended));
        Assert.Equal(("SEIZURE_EXTENSION", "COMPLETED"), (extended.GetProperty("application").GetProperty("businessType").GetString(), Status(extended)));
        var seizures = await fixture.ReadAsync(db => db.Restrictions.AsNoTracking()
            .Where(r => r.UnitId == unit.Id && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active).OrderBy(r => r.StartsOn).ToListAsync());
        Assert.Equal((end.AddDays(1), end.AddDays(365)), (seizures[^1].StartsOn, seizures[^1].EndsOn!.Value));
        // The verdict after the change: still seized.
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("isSeized").GetBoolean());
    }

    [Fact]
    public async Task The_holder_gives_up_an_advance_notice_over_GraphQL_and_nobody_else_can()
    {
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && !u.Rights.Any(r => r.Status == RightStatus.Active)
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.AdvanceNotice && r.BeneficiaryParty!.Kind == PartyKind.Person)));
        var notice = await fixture.ReadAsync(db => db.Restrictions.Include(r => r.BeneficiaryParty).SingleAsync(r => r.UnitId == unit.Id && r.Status == RestrictionStatus.Active));
        var buyer = notice.BeneficiaryParty!;
        using var holder = await fixture.PersonClientAsync(buyer.IdNumber, buyer.Name);
        async Task<object> Body(HttpClient client, string? document = null) => new
        {
            unitCode = unit.UnitCode, documentNumber = document ?? notice.DocumentNumber, holder = ApplicationCalls.Person(buyer),
            materials = await fixture.RequiredMaterialsAsync(client, BusinessType.AdvanceNoticeCancellation),
        };

        var byABank = await SubmitAsync(fixture.Bank, "submitAdvanceNoticeCancellation", "AdvanceNoticeCancellationInput", await Body(fixture.Bank));
        var unknown = await SubmitAsync(holder, "submitAdvanceNoticeCancellation", "AdvanceNoticeCancellationInput",
            await Body(holder, CertificateNumber.Create('粤', 2024, "肇庆市", CertificateKind.Registration, 9_999_996).ToString()));
        Assert.Equal([("APPLICANT_NOT_CALLER", "holder", null)], Errors(byABank));
        Assert.Equal([("ADVANCE_NOTICE_NOT_FOUND", "unitCode", "documentNumber")], Errors(unknown));
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("hasAdvanceNotice").GetBoolean());

        var done = await SubmitAsync(holder, "submitAdvanceNoticeCancellation", "AdvanceNoticeCancellationInput", await Body(holder));

        Assert.Equal(("ADVANCE_NOTICE_CANCELLATION", "COMPLETED"), (done.GetProperty("application").GetProperty("businessType").GetString(), Status(done)));
        Assert.False((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("hasAdvanceNotice").GetBoolean());
    }

    [Fact]
    public async Task A_mortgage_change_and_an_assignment_go_in_over_GraphQL_with_their_refusals()
    {
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Mortgage && r.Authority == ApplicationsFixture.BankName)
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage && r.Holders.Count(h => h.Role == HolderRole.Obligor) == 1)));
        var old = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
            .SingleAsync(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage));
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName));
        var mortgagors = old.Holders.Where(h => h.Role == HolderRole.Obligor).Select(h => ApplicationCalls.Person(h.Party!)).ToArray();
        var changeMaterials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageChange, "AUTHORISED_CHANNEL");
        var assignmentMaterials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageAssignment);
        object Change(long? amount, object? assignee = null) => new
        {
            certificateNumber = old.CertificateNumber, unitCodes = new[] { unit.UnitCode }, mortgagee = bank,
            mortgagors = assignee is null ? mortgagors : null, assignee, securedAmountFen = amount,
            circumstances = assignee is null ? new[] { "AUTHORISED_CHANNEL" } : [],
            materials = assignee is null ? changeMaterials : assignmentMaterials,
        };

        var nothing = await SubmitAsync(fixture.Bank, "submitMortgageChange", "MortgageChangeInput", Change(old.SecuredAmountFen));
        var toItself = await SubmitAsync(fixture.Bank, "submitMortgageChange", "MortgageChangeInput", Change(null, bank));
        Assert.Equal([("NOTHING_TO_CHANGE", "securedAmountFen", null)], Errors(nothing));
        Assert.Equal([("DUPLICATE_PARTY", "assignee.idNumber", "ASSIGNEE_IS_THE_MORTGAGEE")], Errors(toItself));

        var changed = await SubmitAsync(fixture.Bank, "submitMortgageChange", "MortgageChangeInput", Change(old.SecuredAmountFen + 5_000_000L));
        Assert.Empty(Errors(changed));
        var number = changed.GetProperty("application").GetProperty("businessNumber").GetString()!;
        Assert.Equal("MORTGAGE_CHANGE", changed.GetProperty("application").GetProperty("businessType").GetString());
        await fixture.RecordedAsync(number);
        var now = await fixture.ReadAsync(db => db.Rights.AsNoTracking()
            .SingleAsync(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage));
        Assert.Equal(old.SecuredAmountFen + 5_000_000L, now.SecuredAmountFen);
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("isMortgaged").GetBoolean());

        old = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party).SingleAsync(r => r.Id == now.Id));
        var assignee = ApplicationCalls.Organisation("肇庆示范资产管理有限公司", UnifiedSocialCreditCode.Create("91441202MA0000047").ToString());
        var assignment = await SubmitAsync(fixture.Bank, "submitMortgageChange", "MortgageChangeInput", Change(null, assignee));
        Assert.Empty(Errors(assignment));
        Assert.Equal(("MORTGAGE_ASSIGNMENT", "AWAITING_CONFIRMATION"), (assignment.GetProperty("application").GetProperty("businessType").GetString(), Status(assignment)));
    }

    [Fact]
    public async Task A_plain_transfer_leaves_the_mortgage_as_it_is_and_makes_the_new_owner_its_obligor()
    {
        var unit = await fixture.FreeHouseAsync();
        var mortgage = (await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.MortgageAsync(fixture.Bank, unit))).GetProperty("businessNumber").GetString()!;
        await fixture.RecordedAsync(mortgage);
        var before = await fixture.ReadAsync(db => db.Rights.AsNoTracking().SingleAsync(r => r.BusinessNumber == mortgage));
        var seller = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var buyer = new { kind = "PERSON", name = "林承接", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1986, 9, 9), 41).ToString() };
        var transfer = (await fixture.Agency.SubmittedAsync("transfers", new
        {
            unitCode = unit.UnitCode, transferors = new[] { ApplicationCalls.Person(seller) }, transferees = new[] { buyer }, coOwnership = "SOLE",
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer),
        })).GetProperty("businessNumber").GetString()!;

        await fixture.RecordedAsync(transfer);

        // The same mortgage (certificate, amount, term, mortgagee), its obligor now the buyer: over REST and GraphQL.
        var property = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/properties/{unit.UnitCode}", TestContext.Current.CancellationToken));
        var right = property.GetProperty("rights").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "MORTGAGE");
        Assert.Equal((before.CertificateNumber, before.SecuredAmountFen), (right.GetProperty("certificateNumber").GetString(), right.GetProperty("securedAmountFen").GetInt64()));
        Assert.Equal([buyer.idNumber], right.GetProperty("holders").EnumerateArray().Where(h => h.GetProperty("role").GetString() == "OBLIGOR")
            .Select(h => h.GetProperty("idNumber").GetString()));
        Assert.Contains(right.GetProperty("holders").EnumerateArray(), h => h.GetProperty("role").GetString() == "HOLDER" && h.GetProperty("name").GetString() == ApplicationsFixture.BankName);
        var graph = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(
            "query($unit: String) { property(unitCode: $unit) { rights { kind certificateNumber holders { role idNumber } } } }", new { unit = unit.UnitCode }));
        var graphRight = graph.GetProperty("data").GetProperty("property").GetProperty("rights").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "MORTGAGE");
        Assert.Equal([buyer.idNumber], graphRight.GetProperty("holders").EnumerateArray().Where(h => h.GetProperty("role").GetString() == "OBLIGOR")
            .Select(h => h.GetProperty("idNumber").GetString()));

        // The register's history shows it: an amendment of the mortgage right, after the transfer's entries.
        var entries = await fixture.ReadAsync(db => db.RegisterEntries.AsNoTracking().Where(e => e.UnitId == unit.Id).OrderBy(e => e.Sequence).ToListAsync());
        var amendment = Assert.Single(entries, e => e.Kind == RegisterEntryKind.RightAmended);
        Assert.Equal((before.Id, transfer), (amendment.RightId, amendment.BusinessNumber));
        Assert.Equal(entries[^1].Sequence, amendment.Sequence);
        Assert.Equal(RightStatus.Active, await fixture.ReadAsync(db => db.Rights.Where(r => r.Id == before.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_mortgaged_transfer_goes_in_over_GraphQL_as_one_application_with_its_refusals()
    {
        // 带押过户: the seller's mortgage to the demo bank ends and the buyer's new mortgage with the same bank begins.
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.All(h => h.Party!.Kind == PartyKind.Person))
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Mortgage && r.Authority == ApplicationsFixture.BankName)));
        var old = await fixture.ReadAsync(db => db.Rights.Where(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage).Select(r => r.CertificateNumber!).SingleAsync());
        var sellers = (await fixture.HoldersAsync(unit.UnitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray();
        var bankCode = await fixture.CreditCodeAsync(ApplicationsFixture.BankName);
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, bankCode);
        var buyer = new { kind = "PERSON", name = "林图带押", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1991, 3, 5), 57).ToString() };
        var materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgagedTransfer);
        object Body(string certificate, object? newMortgage) => new
        {
            unitCode = unit.UnitCode, transferors = sellers, transferees = new[] { buyer }, coOwnership = "SOLE", priceFen = 280_000_000L,
            cancelledMortgage = new { certificateNumber = certificate, mortgagee = bank },
            newMortgage, materials,
        };
        var newMortgage = new { mortgagee = bank, securedAmountFen = 140_000_000L, debtStartsOn = "2025-12-01", debtEndsOn = "2050-11-30" };

        var wrongMortgage = await SubmitAsync(fixture.Bank, "submitMortgagedTransfer", "MortgagedTransferInput",
            Body(CertificateNumber.Create('粤', 2020, "肇庆市", CertificateKind.Registration, 9_999_997).ToString(), newMortgage));
        var noNewMortgage = await SubmitAsync(fixture.Bank, "submitMortgagedTransfer", "MortgagedTransferInput", Body(old, null));
        Assert.Equal([("MORTGAGE_NOT_FOUND", "unitCode", "cancelledMortgage.certificateNumber")], Errors(wrongMortgage));
        Assert.Null(Status(wrongMortgage));
        Assert.Contains(("FIELD_REQUIRED", "newMortgage.mortgagee", null), Errors(noNewMortgage));
        Assert.Null(Status(noNewMortgage));

        var submitted = await SubmitAsync(fixture.Bank, "submitMortgagedTransfer", "MortgagedTransferInput", Body(old, newMortgage));
        Assert.Empty(Errors(submitted));
        Assert.Equal("MORTGAGED_TRANSFER", submitted.GetProperty("application").GetProperty("businessType").GetString());
        var number = submitted.GetProperty("application").GetProperty("businessNumber").GetString()!;
        var application = await fixture.ConfirmedByEveryoneAsync(number);
        if (application.GetProperty("status").GetString() == "SUBMITTED")
        {
            await fixture.Staff.SteppedAsync(number, "accept");
        }
        await fixture.Staff.SteppedAsync(number, "start-review");
        Assert.Equal("RECORDED", (await fixture.Staff.SteppedAsync(number, "record")).GetProperty("status").GetString());

        // All three entered together: the buyer owns the home, the new mortgage names the buyer, the old one ended.
        var rights = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
            .Where(r => r.UnitId == unit.Id && r.Status == RightStatus.Active).ToListAsync());
        Assert.Equal(buyer.idNumber, Assert.Single(Assert.Single(rights, r => r.Kind == RightKind.LandUseAndHouseOwnership).Holders).Party!.IdNumber);
        var mortgage = Assert.Single(rights, r => r.Kind == RightKind.Mortgage);
        Assert.Equal((number, 140_000_000L), (mortgage.BusinessNumber, mortgage.SecuredAmountFen!.Value));
        Assert.Equal(RightStatus.Ended, await fixture.ReadAsync(db => db.Rights.Where(r => r.CertificateNumber == old && r.UnitId == unit.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_banks_mortgage_notice_on_a_presold_home_goes_in_over_GraphQL_next_to_the_buyers_notice_only()
    {
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && !u.Rights.Any(r => r.Status == RightStatus.Active)
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.AdvanceNotice && r.BeneficiaryParty!.Kind == PartyKind.Person)));
        var buyer = await fixture.ReadAsync(db => db.Restrictions.Where(r => r.UnitId == unit.Id && r.Status == RestrictionStatus.Active).Select(r => r.BeneficiaryParty!).SingleAsync());
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName));
        var materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageAdvanceNotice, "AUTHORISED_CHANNEL");
        object Notice(string unitCode, object mortgagor) => new
        {
            unitCode, mortgagors = new[] { mortgagor }, mortgagee = bank, securedAmountFen = 110_000_000L,
            debtStartsOn = "2025-12-01", debtEndsOn = "2055-11-30", circumstances = new[] { "AUTHORISED_CHANNEL" }, materials,
        };
        var registered = await fixture.FreeHouseAsync();
        var owner = (await fixture.HoldersAsync(registered.UnitCode))[0].Party;
        var stranger = new { kind = "PERSON", name = "林图陌生", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1986, 4, 5), 33).ToString() };

        var notPresale = await SubmitAsync(fixture.Bank, "submitMortgageAdvanceNotice", "MortgageAdvanceNoticeInput", Notice(registered.UnitCode, ApplicationCalls.Person(owner)));
        var notTheBuyer = await SubmitAsync(fixture.Bank, "submitMortgageAdvanceNotice", "MortgageAdvanceNoticeInput", Notice(unit.UnitCode, stranger));
        Assert.Equal([("NOT_A_PRESALE_UNIT", "unitCode", null)], Errors(notPresale));
        Assert.Equal([("PURCHASE_NOTICE_REQUIRED", "unitCode", "mortgagors")], Errors(notTheBuyer));
        Assert.Null(Status(notTheBuyer));

        var submitted = await SubmitAsync(fixture.Bank, "submitMortgageAdvanceNotice", "MortgageAdvanceNoticeInput", Notice(unit.UnitCode, ApplicationCalls.Person(buyer)));
        Assert.Empty(Errors(submitted));
        Assert.Equal("MORTGAGE_ADVANCE_NOTICE", submitted.GetProperty("application").GetProperty("businessType").GetString());
        await fixture.RecordedAsync(submitted.GetProperty("application").GetProperty("businessNumber").GetString()!);

        Assert.Equal(2, (await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("restrictions").GetArrayLength());
        var again = await SubmitAsync(fixture.Bank, "submitMortgageAdvanceNotice", "MortgageAdvanceNoticeInput", Notice(unit.UnitCode, ApplicationCalls.Person(buyer)));
        Assert.Contains(("UNIT_UNDER_ADVANCE_NOTICE", "unitCode", null), Errors(again));
    }
}
