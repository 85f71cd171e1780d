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
/// The register's lifecycle rules of issue 18 over REST: queued seizures (轮候查封) and their order, the extension of a
/// seizure (续封), and Civil Code art. 406 (a mortgage's registered agreement against transfer).
/// </summary>
public sealed class LifecycleTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    /// <summary>The host's day: the fixture fixes its clock (the demo data's dates are fixed).</summary>
    private static DateOnly Today => ChinaTime.DateOf(AppFixture.DemoClock.GetUtcNow().UtcDateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<Restriction>> SeizuresAsync(string unitCode) => await fixture.ReadAsync(db => db.Restrictions.AsNoTracking()
        .Where(r => r.Unit!.UnitCode == unitCode && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active)
        .OrderBy(r => r.StartsOn).ToListAsync());

    private async Task SeizeAsync(string unitCode, string document, DateOnly? endsOn = null) =>
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unitCode }, documentNumber = document, endsOn = endsOn is { } e ? Day(e) : null,
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });

    private async Task<object> ExtensionAsync(string unitCode, string seizure, string document, DateOnly? endsOn) => new
    {
        unitCodes = new[] { unitCode }, seizureDocumentNumber = seizure, documentNumber = document, endsOn = endsOn is { } e ? Day(e) : null,
        materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureExtension),
    };

    private static string[] ReasonCodes(JsonElement status) =>
        [.. status.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];

    [Fact]
    public async Task A_second_seizure_is_queued_behind_the_first_an_extension_keeps_its_place_and_a_release_moves_the_queue_up()
    {
        var unit = await fixture.FreeHouseAsync();
        var firstEnd = Today.AddDays(100);
        await SeizeAsync(unit.UnitCode, "(2026)粤1202执轮1号", firstEnd);

        // 轮候查封: asked for three years from today, registered from the day after the first ends, for as many days.
        await SeizeAsync(unit.UnitCode, "(2026)粤1202执轮2号");
        var queued = (await SeizuresAsync(unit.UnitCode))[1];
        Assert.Equal("(2026)粤1202执轮2号", queued.DocumentNumber);
        Assert.Equal(firstEnd.AddDays(1), queued.StartsOn);
        Assert.Equal(Today.AddYears(3).AddDays(-1).DayNumber - Today.DayNumber, queued.EndsOn!.Value.DayNumber - queued.StartsOn.DayNumber);
        Assert.StartsWith("轮候查封", queued.Notes);
        var status = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.True(status.GetProperty("isSeized").GetBoolean());
        Assert.Equal([RestrictionVerdict.Seized, RestrictionVerdict.SeizureQueued], ReasonCodes(status));

        // 续封 before the first ends: from the day after its end; the queued seizure moves behind the extension.
        var extendedTo = firstEnd.AddDays(200);
        var extended = await fixture.Court.SubmittedAsync("seizure-extensions", await ExtensionAsync(unit.UnitCode, "(2026)粤1202执轮1号", "(2026)粤1202执轮1号之一", extendedTo));
        Assert.Equal("COMPLETED", extended.GetProperty("status").GetString());
        var chain = await SeizuresAsync(unit.UnitCode);
        Assert.Equal(["(2026)粤1202执轮1号", "(2026)粤1202执轮1号之一", "(2026)粤1202执轮2号"], chain.Select(s => s.DocumentNumber));
        Assert.Equal((firstEnd.AddDays(1), extendedTo), (chain[1].StartsOn, chain[1].EndsOn!.Value));
        Assert.Equal(extendedTo.AddDays(1), chain[2].StartsOn);
        Assert.Equal(queued.EndsOn.Value.DayNumber - queued.StartsOn.DayNumber, chain[2].EndsOn!.Value.DayNumber - chain[2].StartsOn.DayNumber);

        // 解封 of the first: the extension and the queue behind it move up; the second court's seizure keeps its length.
        await fixture.Court.SubmittedAsync("seizure-releases", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = "(2026)粤1202执轮1号", releaseDocumentNumber = "(2026)粤1202执恢轮1号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureRelease),
        });
        var after = await SeizuresAsync(unit.UnitCode);
        Assert.Equal(["(2026)粤1202执轮1号之一", "(2026)粤1202执轮2号"], after.Select(s => s.DocumentNumber));
        Assert.Equal(Today, after[0].StartsOn);
        Assert.Equal(Today.AddDays(199), after[0].EndsOn);
        Assert.Equal(Today.AddDays(200), after[1].StartsOn);
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("isSeized").GetBoolean());
    }

    [Fact]
    public async Task An_extension_needs_the_seizure_in_force_and_at_most_three_more_years()
    {
        var unit = await fixture.FreeHouseAsync();
        var end = Today.AddDays(30);
        await SeizeAsync(unit.UnitCode, "(2026)粤1202执续1号", end);

        var tooLong = await fixture.Court.RefusedAsync("seizure-extensions", await ExtensionAsync(unit.UnitCode, "(2026)粤1202执续1号", "(2026)粤1202执续1号之一", end.AddYears(3).AddDays(1)));
        var tooShort = await fixture.Court.RefusedAsync("seizure-extensions", await ExtensionAsync(unit.UnitCode, "(2026)粤1202执续1号", "(2026)粤1202执续1号之一", end));
        var unknown = await fixture.Court.RefusedAsync("seizure-extensions", await ExtensionAsync(unit.UnitCode, "(2026)粤1202执续9号", "(2026)粤1202执续9号之一", null));
        var notACourt = await fixture.Bank.SubmitAsync("seizure-extensions", await ExtensionAsync(unit.UnitCode, "(2026)粤1202执续1号", "x", null));

        Assert.Equal([("INVALID_TERM", "endsOn", "LONGER_THAN_THREE_YEARS")], tooLong);
        Assert.Equal([("INVALID_TERM", "endsOn", "ENDS_BEFORE_THE_SEIZURE_ENDS")], tooShort);
        Assert.Equal([("SEIZURE_NOT_FOUND", "unitCodes[0]", "seizureDocumentNumber")], unknown);
        await Problem.AssertAsync(notACourt, 403, "FORBIDDEN");
        Assert.Single(await SeizuresAsync(unit.UnitCode));

        // Without an end date: three years less a day from the day after the seizure ends.
        await fixture.Court.SubmittedAsync("seizure-extensions", await ExtensionAsync(unit.UnitCode, "(2026)粤1202执续1号", "(2026)粤1202执续1号之一", null));
        var extension = (await SeizuresAsync(unit.UnitCode))[^1];
        Assert.Equal((end.AddDays(1), end.AddDays(1).AddYears(3).AddDays(-1)), (extension.StartsOn, extension.EndsOn!.Value));
    }

    [Fact]
    public async Task A_mortgage_with_a_registered_agreement_against_transfer_needs_its_mortgagee_to_join_the_transfer()
    {
        var unit = await fixture.FreeHouseAsync();
        var body = await fixture.MortgageAsync(fixture.Bank, unit);
        body["transferAgreement"] = "FORBIDDEN";
        var number = (await fixture.Bank.SubmittedAsync("mortgage-registrations", body)).GetProperty("businessNumber").GetString()!;
        foreach (var step in new[] { "accept", "start-review", "record" })
        {
            await fixture.Staff.SteppedAsync(number, step);
        }

        var status = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.False(status.GetProperty("canTransfer").GetBoolean());
        Assert.True(status.GetProperty("canMortgage").GetBoolean());
        Assert.Equal([RestrictionVerdict.MortgageRestrictsTransfer, RestrictionVerdict.Mortgaged], ReasonCodes(status));
        var property = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/properties/{unit.UnitCode}", TestContext.Current.CancellationToken));
        Assert.Contains(property.GetProperty("rights").EnumerateArray(), r => r.GetProperty("transferAgreement").GetString() == "FORBIDDEN");

        var seller = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName));
        var materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer);
        object Transfer(object[]? mortgagees) => new
        {
            unitCode = unit.UnitCode,
            transferors = new[] { ApplicationCalls.Person(seller) },
            transferees = new[] { new { kind = "PERSON", name = "林买", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1988, 5, 6), 21).ToString() } },
            coOwnership = "SOLE",
            mortgagees,
            materials,
        };
        var certificate = await fixture.ReadAsync(db => db.Rights.Where(r => r.BusinessNumber == number).Select(r => r.CertificateNumber).FirstAsync());

        var without = await fixture.Agency.RefusedAsync("transfers", Transfer(null));
        var stranger = await fixture.Agency.RefusedAsync("transfers", Transfer([bank, ApplicationCalls.Organisation("别的银行", UnifiedSocialCreditCode.Create("91441202MA0000031").ToString())]));
        var joined = await fixture.Agency.SubmittedAsync("transfers", Transfer([bank]));

        Assert.Equal([("MORTGAGEE_MUST_JOIN", "mortgagees", certificate)], without);
        Assert.Equal([("NOT_A_MORTGAGEE_OF_RECORD", "mortgagees[1].idNumber", null)], stranger);
        // The bank is an applicant now: it confirms with its own identity like the seller and the buyer.
        Assert.Equal("AWAITING_CONFIRMATION", joined.GetProperty("status").GetString());
        Assert.Contains(joined.GetProperty("applicants").EnumerateArray(), a => a.GetProperty("role").GetString() == "MORTGAGEE");
    }

    [Fact]
    public async Task A_mortgage_does_not_stop_a_transfer_and_the_verdict_says_it_is_not_affected()
    {
        var unit = await fixture.MortgagedHouseAsync();

        var status = await fixture.Bank.RestrictionsAsync(unit.UnitCode);

        Assert.True(status.GetProperty("canTransfer").GetBoolean());
        var mortgaged = status.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("code").GetString() == RestrictionVerdict.Mortgaged);
        Assert.Contains("抵押权不受影响", mortgaged.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_mortgage_of_a_unit_under_an_objection_needs_the_written_undertaking()
    {
        // 实施细则 art. 84: the objection does not stop the mortgage, but the applicant undertakes in writing to bear the risk.
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.All(h => h.Party!.Kind == PartyKind.Person))
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Objection && r.EndsOn == null)));
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("canMortgage").GetBoolean());

        var without = await fixture.Bank.RefusedAsync("mortgage-registrations", await fixture.MortgageAsync(fixture.Bank, unit));
        var with = await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.MortgageAsync(
            fixture.Bank, unit, await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageRegistrationGeneral, "DISPOSAL_DESPITE_OBJECTION"),
            "DISPOSAL_DESPITE_OBJECTION"));

        Assert.Equal([("OBJECTION_UNDERTAKING_REQUIRED", "unitCodes[0]", null)], without);
        Assert.Contains(with.GetProperty("materials").EnumerateArray(), m => m.GetProperty("code").GetString() == "OBJECTION_UNDERTAKING");
    }

    [Fact]
    public async Task A_transfer_of_a_unit_under_an_objection_needs_the_written_undertaking()
    {
        // 实施细则 art. 84 holds for every disposal, a sale as much as a mortgage.
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.All(h => h.Party!.Kind == PartyKind.Person))
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Objection && r.EndsOn == null)));
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("canTransfer").GetBoolean());
        var sellers = (await fixture.HoldersAsync(unit.UnitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray();
        async Task<object> TransferAsync(params string[] circumstances) => new
        {
            unitCode = unit.UnitCode,
            transferors = sellers,
            transferees = new[] { new { kind = "PERSON", name = "林承诺", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1987, 2, 3), 41).ToString() } },
            coOwnership = "SOLE",
            circumstances,
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer, circumstances),
        };

        var without = await fixture.Agency.RefusedAsync("transfers", await TransferAsync());
        var with = await fixture.Agency.SubmittedAsync("transfers", await TransferAsync("DISPOSAL_DESPITE_OBJECTION"));

        Assert.Equal([("OBJECTION_UNDERTAKING_REQUIRED", "unitCode", null)], without);
        Assert.Contains(with.GetProperty("materials").EnumerateArray(), m => m.GetProperty("code").GetString() == "OBJECTION_UNDERTAKING");
    }

    private Task RecordedAsync(string number) => fixture.RecordedAsync(number);

    [Fact]
    public async Task A_banks_mortgage_notice_on_a_presold_home_becomes_its_mortgage_when_the_home_is_registered_to_the_buyer()
    {
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && !u.Rights.Any(r => r.Status == RightStatus.Active)
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.AdvanceNotice && r.BeneficiaryParty!.Kind == PartyKind.Person)));
        var buyer = await fixture.ReadAsync(db => db.Restrictions.Where(r => r.UnitId == unit.Id && r.Status == RestrictionStatus.Active).Select(r => r.BeneficiaryParty!).SingleAsync());
        var bankCode = await fixture.CreditCodeAsync(ApplicationsFixture.BankName);
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, bankCode);
        var materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageAdvanceNotice, "AUTHORISED_CHANNEL");
        object Notice(string unitCode, object mortgagor) => new
        {
            unitCode, mortgagors = new[] { mortgagor }, mortgagee = bank, securedAmountFen = 120_000_000L,
            debtStartsOn = "2025-11-20", debtEndsOn = "2055-11-19", circumstances = new[] { "AUTHORISED_CHANNEL" }, materials,
        };

        // Refused: a registered home (it takes a mortgage registration), and mortgagors who are not the notice's buyers.
        var registered = await fixture.FreeHouseAsync();
        var owner = (await fixture.HoldersAsync(registered.UnitCode))[0].Party;
        var notPresale = await fixture.Bank.RefusedAsync("mortgage-advance-notices", Notice(registered.UnitCode, ApplicationCalls.Person(owner)));
        var stranger = new { kind = "PERSON", name = "林陌生", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1985, 3, 4), 31).ToString() };
        var notTheBuyer = await fixture.Bank.RefusedAsync("mortgage-advance-notices", Notice(unit.UnitCode, stranger));
        Assert.Equal([("NOT_A_PRESALE_UNIT", "unitCode", null)], notPresale);
        Assert.Equal([("PURCHASE_NOTICE_REQUIRED", "unitCode", "mortgagors")], notTheBuyer);

        // The bank's notice next to the buyer's purchase notice.
        var notice = (await fixture.Bank.SubmittedAsync("mortgage-advance-notices", Notice(unit.UnitCode, ApplicationCalls.Person(buyer)))).GetProperty("businessNumber").GetString()!;
        await RecordedAsync(notice);
        var noticeCertificate = await fixture.ReadAsync(db => db.Restrictions.Where(r => r.BusinessNumber == notice).Select(r => r.DocumentNumber).SingleAsync());
        Assert.Equal(2, (await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("restrictions").GetArrayLength());
        var again = await fixture.Bank.RefusedAsync("mortgage-advance-notices", Notice(unit.UnitCode, ApplicationCalls.Person(buyer)));
        Assert.Contains(("UNIT_UNDER_ADVANCE_NOTICE", "unitCode", null), again);

        // The developer registers the home (首次登记), then it is transferred to the buyer: the notice becomes a mortgage.
        var building = await fixture.ReadAsync(db => db.Buildings.SingleAsync(b => b.Id == unit.BuildingId));
        var developer = ApplicationCalls.Organisation(ApplicationsFixture.DeveloperName, await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName));
        var first = await fixture.Developer.SubmittedAsync("first-registrations", new
        {
            landUnitCode = unit.UnitCode[..19] + "W00000000",
            owner = developer,
            building = new { number = building.BuildingNumber, name = building.Name, floors = building.Floors },
            units = new[] { new { unitCode = unit.UnitCode, location = unit.Location, floor = unit.Floor, roomNumber = unit.RoomNumber, area = unit.Area, interiorArea = unit.InteriorArea, use = unit.Use } },
            materials = await fixture.RequiredMaterialsAsync(fixture.Developer, BusinessType.FirstRegistration),
        });
        await RecordedAsync(first.GetProperty("businessNumber").GetString()!);
        var transfer = await fixture.Developer.SubmittedAsync("transfers", new
        {
            unitCode = unit.UnitCode,
            transferors = new[] { developer },
            transferees = new[] { ApplicationCalls.Person(buyer) },
            coOwnership = "SOLE",
            materials = await fixture.RequiredMaterialsAsync(fixture.Developer, BusinessType.Transfer),
        });
        var transferNumber = transfer.GetProperty("businessNumber").GetString()!;
        await RecordedAsync(transferNumber);

        var rights = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
            .Where(r => r.UnitId == unit.Id && r.Status == RightStatus.Active).ToListAsync());
        // (A mortgage of the building under construction may have become the developer's mortgage of the home at its
        // first registration; it stays, unaffected by the transfer.)
        var mortgage = Assert.Single(rights, r => r.Kind == RightKind.Mortgage && r.BusinessNumber == transferNumber);
        Assert.Equal(120_000_000L, mortgage.SecuredAmountFen);
        Assert.Equal((new DateOnly(2025, 11, 20), new DateOnly(2055, 11, 19)), (mortgage.TermStart!.Value, mortgage.TermEnd!.Value));
        Assert.NotEqual(noticeCertificate, mortgage.CertificateNumber);
        Assert.Equal([(HolderRole.Holder, bankCode), (HolderRole.Obligor, buyer.IdNumber)],
            mortgage.Holders.OrderBy(h => h.Position).Select(h => (h.Role, h.Party!.IdNumber)));
        Assert.Equal(buyer.IdNumber, Assert.Single(Assert.Single(rights, r => r.Kind == RightKind.LandUseAndHouseOwnership).Holders).Party!.IdNumber);
        var status = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.True(status.GetProperty("isMortgaged").GetBoolean());
        Assert.False(status.GetProperty("hasAdvanceNotice").GetBoolean());
    }

    [Fact]
    public async Task A_mortgaged_home_is_sold_with_its_mortgage_cancelled_and_the_buyers_new_mortgage_entered_in_one_transaction()
    {
        // 带押过户: the seller's mortgage to the demo bank ends, the buyer's new mortgage with the same bank begins.
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.All(h => h.Party!.Kind == PartyKind.Person))
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Mortgage && r.Authority == ApplicationsFixture.BankName)));
        var old = await fixture.ReadAsync(db => db.Rights.Where(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage).Select(r => r.CertificateNumber!).SingleAsync());
        var sellers = (await fixture.HoldersAsync(unit.UnitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray();
        var bankCode = await fixture.CreditCodeAsync(ApplicationsFixture.BankName);
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, bankCode);
        var buyer = new { kind = "PERSON", name = "林带押", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1990, 8, 9), 41).ToString() };
        var materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgagedTransfer);
        object Body(string certificate, object? newMortgage) => new
        {
            unitCode = unit.UnitCode, transferors = sellers, transferees = new[] { buyer }, coOwnership = "SOLE", priceFen = 300_000_000L,
            cancelledMortgage = new { certificateNumber = certificate, mortgagee = bank },
            newMortgage, materials,
        };
        var newMortgage = new { mortgagee = bank, securedAmountFen = 150_000_000L, debtStartsOn = "2025-11-20", debtEndsOn = "2050-11-19" };

        var wrongMortgage = await fixture.Bank.RefusedAsync("mortgaged-transfers", Body(
            CertificateNumber.Create('粤', 2020, "肇庆市", CertificateKind.Registration, 9_999_998).ToString(), newMortgage));
        var noNewMortgage = await fixture.Bank.RefusedAsync("mortgaged-transfers", Body(old, null));
        Assert.Equal([("MORTGAGE_NOT_FOUND", "unitCode", "cancelledMortgage.certificateNumber")], wrongMortgage);
        Assert.Contains(("FIELD_REQUIRED", "newMortgage.mortgagee", null), noNewMortgage);
        Assert.Contains(("FIELD_REQUIRED", "newMortgage.securedAmountFen", null), noNewMortgage);

        var number = (await fixture.Bank.SubmittedAsync("mortgaged-transfers", Body(old, newMortgage))).GetProperty("businessNumber").GetString()!;
        var application = await fixture.ConfirmedByEveryoneAsync(number);
        if (application.GetProperty("status").GetString() == "SUBMITTED")
        {
            await fixture.Staff.SteppedAsync(number, "accept");
        }
        await fixture.Staff.SteppedAsync(number, "start-review");

        // Checked as a whole at entry too: seized meanwhile, nothing of the three is entered.
        await SeizeAsync(unit.UnitCode, "(2026)粤1202执带1号", Today.AddDays(60));
        var refused = await fixture.Staff.StepAsync(number, "record");
        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal(old, await fixture.ReadAsync(db => db.Rights.Where(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage).Select(r => r.CertificateNumber!).SingleAsync()));
        Assert.Equal(sellers.Length, (await fixture.HoldersAsync(unit.UnitCode)).Count);
        await fixture.Court.SubmittedAsync("seizure-releases", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = "(2026)粤1202执带1号", releaseDocumentNumber = "(2026)粤1202执恢带1号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureRelease),
        });
        Assert.Equal("RECORDED", (await fixture.Staff.SteppedAsync(number, "record")).GetProperty("status").GetString());

        var rights = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
            .Where(r => r.UnitId == unit.Id && r.Status == RightStatus.Active).ToListAsync());
        Assert.Equal(buyer.idNumber, Assert.Single(Assert.Single(rights, r => r.Kind == RightKind.LandUseAndHouseOwnership).Holders).Party!.IdNumber);
        var mortgage = Assert.Single(rights, r => r.Kind == RightKind.Mortgage);
        Assert.NotEqual(old, mortgage.CertificateNumber);
        Assert.Equal((number, 150_000_000L), (mortgage.BusinessNumber, mortgage.SecuredAmountFen!.Value));
        Assert.Equal([(HolderRole.Holder, bankCode), (HolderRole.Obligor, buyer.idNumber)],
            mortgage.Holders.OrderBy(h => h.Position).Select(h => (h.Role, h.Party!.IdNumber)));
        var ended = await fixture.ReadAsync(db => db.Rights.Where(r => r.CertificateNumber == old && r.UnitId == unit.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(RightStatus.Ended, ended);
    }

    [Fact]
    public async Task A_first_registration_on_seized_land_carries_the_seizure_over_to_the_new_units()
    {
        // Decision 0019: a seizure of the land extends to the buildings on it; registering them takes nothing from the court.
        var land = await fixture.DevelopersLandAsync();
        await SeizeAsync(land.UnitCode, "(2026)粤1202执地1号", Today.AddDays(300));
        var (_, codes) = await fixture.RecordedNewBuildingAsync(land, "0096", 3);

        foreach (var code in codes)
        {
            var status = await fixture.Bank.RestrictionsAsync(code);
            Assert.True(status.GetProperty("isSeized").GetBoolean());
            var seizure = Assert.Single(await SeizuresAsync(code));
            Assert.Equal(("(2026)粤1202执地1号", Today.AddDays(300)), (seizure.DocumentNumber, seizure.EndsOn!.Value));
            Assert.StartsWith("土地使用权查封", seizure.Notes);
        }
        Assert.Single(await SeizuresAsync(land.UnitCode));

        // The court that seized releases the land and the new units in one release; the land is free for the next test.
        await fixture.Court.SubmittedAsync("seizure-releases", new
        {
            unitCodes = codes.Prepend(land.UnitCode).ToArray(), seizureDocumentNumber = "(2026)粤1202执地1号", releaseDocumentNumber = "(2026)粤1202执恢地1号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureRelease),
        });
        foreach (var code in codes.Prepend(land.UnitCode))
        {
            Assert.Empty(await SeizuresAsync(code));
        }
    }

    [Fact]
    public async Task The_holder_of_an_advance_notice_gives_it_up_and_only_the_holder_enters_it_at_once()
    {
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && !u.Rights.Any(r => r.Status == RightStatus.Active)
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.AdvanceNotice && r.BeneficiaryParty!.Kind == PartyKind.Person)));
        var notice = await fixture.ReadAsync(db => db.Restrictions.Include(r => r.BeneficiaryParty).SingleAsync(r => r.UnitId == unit.Id && r.Status == RestrictionStatus.Active));
        var buyer = notice.BeneficiaryParty!;
        using var holder = await fixture.PersonClientAsync(buyer.IdNumber, buyer.Name);
        var stranger = new { kind = "PERSON", name = "林旁人", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1979, 1, 2), 51).ToString() };
        using var strangerClient = await fixture.PersonClientAsync(stranger.idNumber, stranger.name);
        async Task<object> BodyAsync(HttpClient client, object party, string? document = null) => new
        {
            unitCode = unit.UnitCode, documentNumber = document ?? notice.DocumentNumber, holder = party,
            materials = await fixture.RequiredMaterialsAsync(client, BusinessType.AdvanceNoticeCancellation),
        };

        var notTheHolder = await strangerClient.RefusedAsync("advance-notice-cancellations", await BodyAsync(strangerClient, stranger));
        var unknown = await holder.RefusedAsync("advance-notice-cancellations", await BodyAsync(holder, ApplicationCalls.Person(buyer),
            CertificateNumber.Create('粤', 2024, "肇庆市", CertificateKind.Registration, 9_999_997).ToString()));
        var byABank = await fixture.Bank.RefusedAsync("advance-notice-cancellations", await BodyAsync(fixture.Bank, ApplicationCalls.Person(buyer)));
        Assert.Equal([("APPLICANT_NOT_HOLDER", "holder", "unitCode")], notTheHolder);
        Assert.Equal([("ADVANCE_NOTICE_NOT_FOUND", "unitCode", "documentNumber")], unknown);
        Assert.Equal([("APPLICANT_NOT_CALLER", "holder", null)], byABank);
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("hasAdvanceNotice").GetBoolean());

        // The buyer, signed in with the ID number of record, gives it up: entered at once.
        var done = await holder.SubmittedAsync("advance-notice-cancellations", await BodyAsync(holder, ApplicationCalls.Person(buyer)));
        Assert.Equal("COMPLETED", done.GetProperty("status").GetString());
        Assert.False((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("hasAdvanceNotice").GetBoolean());
        var released = await fixture.ReadAsync(db => db.Restrictions.AsNoTracking().SingleAsync(r => r.Id == notice.Id));
        Assert.Equal((RestrictionStatus.Released, done.GetProperty("businessNumber").GetString()), (released.Status, released.ReleaseDocumentNumber));
    }

    [Fact]
    public async Task A_mortgage_is_changed_under_a_new_certificate_and_an_assignment_names_the_new_lender()
    {
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Mortgage && r.Authority == ApplicationsFixture.BankName)
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage && r.Holders.Count(h => h.Role == HolderRole.Obligor) == 1)));
        var old = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
            .SingleAsync(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage));
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName));
        var mortgagors = old.Holders.Where(h => h.Role == HolderRole.Obligor).Select(h => ApplicationCalls.Person(h.Party!)).ToArray();
        var newEnd = old.TermEnd!.Value.AddYears(5);
        var changeMaterials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageChange, "AUTHORISED_CHANNEL");
        var assignmentMaterials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageAssignment);
        object Change(long? amount, string? endsOn, object? assignee = null) => new
        {
            certificateNumber = old.CertificateNumber, unitCodes = new[] { unit.UnitCode }, mortgagee = bank,
            mortgagors = assignee is null ? mortgagors : null, assignee, securedAmountFen = amount, debtEndsOn = endsOn,
            circumstances = assignee is null ? new[] { "AUTHORISED_CHANNEL" } : [],
            materials = assignee is null ? changeMaterials : assignmentMaterials,
        };

        var nothing = await fixture.Bank.RefusedAsync("mortgage-changes", Change(null, null));
        var same = await fixture.Bank.RefusedAsync("mortgage-changes", Change(old.SecuredAmountFen, null));
        var toItself = await fixture.Bank.RefusedAsync("mortgage-changes", Change(null, null, bank));
        Assert.Equal([("NOTHING_TO_CHANGE", "securedAmountFen", null)], nothing);
        Assert.Equal([("NOTHING_TO_CHANGE", "securedAmountFen", null)], same);
        Assert.Equal([("DUPLICATE_PARTY", "assignee.idNumber", "ASSIGNEE_IS_THE_MORTGAGEE")], toItself);

        // 抵押权变更: a longer term and a higher amount, under a new certificate of registration.
        var changed = await fixture.Bank.SubmittedAsync("mortgage-changes", Change(old.SecuredAmountFen + 10_000_000L, Day(newEnd)));
        var number = changed.GetProperty("businessNumber").GetString()!;
        Assert.Equal("MORTGAGE_CHANGE", changed.GetProperty("businessType").GetString());
        await RecordedAsync(number);
        var now = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
            .SingleAsync(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage));
        Assert.NotEqual(old.CertificateNumber, now.CertificateNumber);
        Assert.Equal((number, old.SecuredAmountFen + 10_000_000L, newEnd, old.TermStart), (now.BusinessNumber, now.SecuredAmountFen, now.TermEnd!.Value, now.TermStart));
        Assert.Equal(old.Holders.OrderBy(h => h.Position).Select(h => (h.Role, h.Party!.IdNumber)), now.Holders.OrderBy(h => h.Position).Select(h => (h.Role, h.Party!.IdNumber)));
        Assert.Equal(RightStatus.Ended, await fixture.ReadAsync(db => db.Rights.Where(r => r.Id == old.Id).Select(r => r.Status).SingleAsync()));

        // 抵押权转移: the bank and the assignee apply; the assignee confirms with its own identity like any applicant.
        var assignee = ApplicationCalls.Organisation("肇庆示范资产管理有限公司", UnifiedSocialCreditCode.Create("91441202MA0000047").ToString());
        old = now;
        var assignment = await fixture.Bank.SubmittedAsync("mortgage-changes", Change(null, null, assignee));
        Assert.Equal("MORTGAGE_ASSIGNMENT", assignment.GetProperty("businessType").GetString());
        Assert.Equal("AWAITING_CONFIRMATION", assignment.GetProperty("status").GetString());
        Assert.Contains(assignment.GetProperty("applicants").EnumerateArray(), a => a.GetProperty("role").GetString() == "TRANSFEREE");
    }
}
