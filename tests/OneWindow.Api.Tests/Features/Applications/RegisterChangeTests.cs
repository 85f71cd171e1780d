using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// Every other business type end to end: submitted by the partner who files it, through the staff steps where it has
/// them (immediate types are recorded at once), and the register and the restriction verdict change accordingly.
/// </summary>
public sealed class RegisterChangeTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> ThroughStaffAsync(string number)
    {
        foreach (var step in new[] { "accept", "start-review", "record", "prepare-certificate" })
        {
            await fixture.Staff.SteppedAsync(number, step);
        }
        return await fixture.Staff.SteppedAsync(number, "complete");
    }

    [Fact]
    public async Task Bank_cancels_its_mortgage_at_once_and_the_unit_is_no_longer_mortgaged()
    {
        var unit = await fixture.MortgagedHouseAsync();
        var mortgage = await fixture.ReadAsync(db => db.Rights.Include(r => r.Holders).ThenInclude(h => h.Party)
            .SingleAsync(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active));
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("isMortgaged").GetBoolean());

        var done = await fixture.Bank.SubmittedAsync("mortgage-cancellations", new
        {
            certificateNumber = mortgage.CertificateNumber,
            unitCodes = new[] { unit.UnitCode },
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            circumstances = new[] { "MORTGAGEE_ALONE" },
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageCancellation, "MORTGAGEE_ALONE"),
        });

        Assert.Equal("COMPLETED", done.GetProperty("status").GetString());
        Assert.Equal(["SUBMITTED", "RECORDED", "COMPLETED"], done.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("status").GetString()));
        Assert.Equal(["RIGHT_ENDED", "RESTRICTION_RELEASED"], done.GetProperty("recorded").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var verdict = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.False(verdict.GetProperty("isMortgaged").GetBoolean());
        Assert.True(verdict.GetProperty("canTransfer").GetBoolean());
        var ended = await fixture.ReadAsync(db => db.Rights.SingleAsync(r => r.Id == mortgage.Id));
        Assert.Equal(RightStatus.Ended, ended.Status);
    }

    [Fact]
    public async Task Bank_cannot_cancel_another_banks_mortgage_nor_an_unknown_certificate()
    {
        var theirs = await fixture.MortgagedHouseAsync("岭南示范银行股份有限公司肇庆分行");
        var certificate = await fixture.ReadAsync(db => db.Rights.Where(r => r.Unit!.UnitCode == theirs.UnitCode && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active)
            .Select(r => r.CertificateNumber).SingleAsync());
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName));
        var materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageCancellation, "MORTGAGEE_ALONE");

        var foreign = await fixture.Bank.RefusedAsync("mortgage-cancellations", new
        {
            certificateNumber = certificate, unitCodes = new[] { theirs.UnitCode }, mortgagee = bank, circumstances = new[] { "MORTGAGEE_ALONE" }, materials,
        });
        var unknown = await fixture.Bank.RefusedAsync("mortgage-cancellations", new
        {
            certificateNumber = CertificateNumber.Create('粤', 2020, "肇庆市", CertificateKind.Registration, 9_999_999).ToString(),
            unitCodes = new[] { theirs.UnitCode }, mortgagee = bank, circumstances = new[] { "MORTGAGEE_ALONE" }, materials,
        });
        var undecided = await fixture.Bank.RefusedAsync("mortgage-cancellations", new
        {
            certificateNumber = certificate, unitCodes = new[] { theirs.UnitCode }, mortgagee = bank, circumstances = new[] { "MORTGAGEE_ALONE", "JOINT_APPLICATION" }, materials,
        });

        Assert.Contains(("MORTGAGE_NOT_HELD_BY_CALLER", "unitCodes[0]", null), foreign);
        Assert.Contains(("APPLICANT_NOT_HOLDER", "mortgagee", "unitCodes[0]"), foreign);
        Assert.Contains(("MORTGAGE_NOT_FOUND", "unitCodes[0]", "certificateNumber"), unknown);
        Assert.Contains(undecided, e => e.Code == "CONFLICTING_CIRCUMSTANCES" && e.Field == "circumstances");
        Assert.True((await fixture.Bank.RestrictionsAsync(theirs.UnitCode)).GetProperty("isMortgaged").GetBoolean());
    }

    [Fact]
    public async Task Developer_registers_a_new_building_and_its_units_enter_the_register()
    {
        var land = await fixture.DevelopersLandAsync();
        var parcel = land.UnitCode[..19];
        var units = Enumerable.Range(1, 24).Select(i => new
        {
            unitCode = parcel + "F0099" + (i / 5 + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + (i % 5 + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            location = $"测试新建99幢{i}号",
            floor = i / 5 + 1,
            roomNumber = $"{i / 5 + 1}0{i % 5 + 1}",
            area = 88.5m + i,
            interiorArea = 70.25m,
            use = "住宅",
        }).ToArray();
        var body = new
        {
            landUnitCode = land.UnitCode,
            owner = ApplicationCalls.Organisation(ApplicationsFixture.DeveloperName, await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName)),
            building = new { number = "0099", name = "99幢", floors = 5 },
            units,
            materials = await fixture.RequiredMaterialsAsync(fixture.Developer, BusinessType.FirstRegistration),
        };

        var construction = await fixture.ReadAsync(db => db.Rights.CountAsync(r => r.UnitId == land.Id && r.Status == RightStatus.Active && r.MortgageKind == MortgageKind.BuildingUnderConstruction));
        var submitted = await fixture.Developer.SubmittedAsync("first-registrations", body);
        Assert.Equal(24, submitted.GetProperty("unitCount").GetInt32());
        Assert.StartsWith("测试新建99幢1号", submitted.GetProperty("summary").GetString());
        var again = await fixture.Developer.RefusedAsync("first-registrations", body);
        Assert.Equal(24, again.Count(e => e.Code == "PENDING_APPLICATION_EXISTS"));
        var completed = await ThroughStaffAsync(submitted.GetProperty("businessNumber").GetString()!);
        Assert.Equal(5, completed.GetProperty("deadline").GetProperty("workingDays").GetInt32());

        // 24 titles, and per mortgage of the building under construction on the land (实施细则 art. 78) a mortgage right
        // and its restriction on each unit, and its end on the land when no building of the parcel is still under construction.
        var landEnded = !await fixture.ReadAsync(db => db.Buildings.AnyAsync(b => b.ParcelId == land.ParcelId && b.Stage == BuildingStage.UnderConstruction));
        Assert.Equal(24 + construction * (48 + (landEnded ? 2 : 0)), completed.GetProperty("recordedCount").GetInt32());
        var property = await Json.ReadAsync(await fixture.Developer.GetAsync($"/api/v1/properties/{units[3].unitCode}", Ct));
        Assert.Equal("测试新建99幢4号", property.GetProperty("location").GetString());
        var right = property.GetProperty("rights")[0];
        Assert.Equal("LAND_USE_AND_HOUSE_OWNERSHIP", right.GetProperty("kind").GetString());
        Assert.Equal(ApplicationsFixture.DeveloperName, right.GetProperty("holders")[0].GetProperty("name").GetString());
        var certificates = await fixture.ReadAsync(db => db.Rights.Where(r => r.BusinessNumber == submitted.GetProperty("businessNumber").GetString() && r.Kind == RightKind.LandUseAndHouseOwnership).Select(r => r.CertificateNumber).ToListAsync());
        Assert.Equal(24, certificates.Distinct().Count());
        Assert.All(certificates, c => Assert.Equal(CertificateKind.Title, CertificateNumber.Parse(c!).Kind));

        var twice = await fixture.Developer.RefusedAsync("first-registrations", body);
        Assert.Equal(24, twice.Count(e => e.Code == "UNIT_ALREADY_REGISTERED"));
    }

    [Fact]
    public async Task First_registration_checks_the_land_the_parcel_and_the_building()
    {
        var land = await fixture.DevelopersLandAsync();
        var other = await fixture.FreeHouseAsync();
        var body = new
        {
            landUnitCode = land.UnitCode,
            owner = ApplicationCalls.Organisation("肇庆示范不动产登记代理有限公司", await fixture.CreditCodeAsync("肇庆示范不动产登记代理有限公司")),
            building = new { number = "0098", floors = 3 },
            units = new object[]
            {
                new { unitCode = other.UnitCode, location = "x", area = 10m, use = "住宅" },
                new { unitCode = land.UnitCode[..19] + "F00970101", location = "x", area = 10m, use = "住宅" },
                new { unitCode = land.UnitCode[..19] + "F00980101", location = "x", area = -1m, use = "住宅" },
                new { unitCode = land.UnitCode[..19] + "F00980102", location = "x", area = 10m, interiorArea = 11m, use = "住宅", floor = 9 },
            },
            materials = Array.Empty<object>(),
        };

        var errors = await fixture.Agency.RefusedAsync("first-registrations", body);

        Assert.Contains(("UNIT_NOT_ON_PARCEL", "units[0].unitCode", "landUnitCode"), errors);
        Assert.Contains(("UNIT_NOT_IN_BUILDING", "units[1].unitCode", "building.number"), errors);
        Assert.Contains(errors, e => e.Code == "INVALID_AREA" && e.Field == "units[2].area");
        Assert.Contains(errors, e => e.Code == "INVALID_AREA" && e.Field == "units[3].interiorArea");
        Assert.Contains(errors, e => e.Code == "INVALID_FLOOR" && e.Field == "units[3].floor");
        var landErrors = await fixture.Agency.RefusedAsync("first-registrations", new
        {
            landUnitCode = land.UnitCode, body.owner, body.building,
            units = new[] { new { unitCode = land.UnitCode[..19] + "F00980101", location = "x", area = 10m, use = "住宅" } },
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.FirstRegistration),
        });
        Assert.Equal([("LAND_RIGHT_NOT_HELD", "owner", "landUnitCode")], landErrors);
    }

    [Fact]
    public async Task Owner_transfers_a_unit_the_old_title_ends_and_the_buyers_hold_it_in_shares()
    {
        var unit = await fixture.FreeHouseAsync();
        var seller = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var buyers = new[]
        {
            new { kind = "PERSON", name = "陈新", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1990, 1, 2), 11).ToString(), sharePercent = 60m },
            new { kind = "PERSON", name = "陈新二", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1991, 3, 4), 12).ToString(), sharePercent = 40m },
        };

        var submitted = await fixture.Agency.SubmittedAsync("transfers", new
        {
            unitCode = unit.UnitCode,
            transferors = new[] { ApplicationCalls.Person(seller) },
            transferees = buyers,
            coOwnership = "IN_SHARES",
            priceFen = 150_000_000L,
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer),
        });
        // The agency files as agent: the seller and both buyers confirm with their own accounts before staff see it.
        Assert.Equal("AWAITING_CONFIRMATION", submitted.GetProperty("status").GetString());
        Assert.True(submitted.GetProperty("filedAsAgent").GetBoolean());
        Assert.Contains("AGENT_APPLIES", submitted.GetProperty("circumstances").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("SUBMITTED", (await fixture.ConfirmedByEveryoneAsync(submitted.GetProperty("businessNumber").GetString()!)).GetProperty("status").GetString());
        await ThroughStaffAsync(submitted.GetProperty("businessNumber").GetString()!);

        var rights = await fixture.ReadAsync(db => db.Rights.Include(r => r.Holders).ThenInclude(h => h.Party)
            .Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == RightKind.LandUseAndHouseOwnership).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(RightStatus.Ended, rights[^2].Status);
        Assert.Equal(RightStatus.Active, rights[^1].Status);
        Assert.Equal(CoOwnership.InShares, rights[^1].CoOwnership);
        Assert.Equal([("陈新", 60m), ("陈新二", 40m)], rights[^1].Holders.OrderBy(h => h.Position).Select(h => (h.Party!.Name, h.SharePercent!.Value)));
    }

    [Fact]
    public async Task Shares_must_add_up_and_a_seized_unit_cannot_be_transferred()
    {
        var seized = await fixture.SeizedHouseAsync();
        var seller = (await fixture.HoldersAsync(seized.UnitCode))[0].Party;
        var errors = await fixture.Agency.RefusedAsync("transfers", new
        {
            unitCode = seized.UnitCode,
            transferors = new[] { ApplicationCalls.Person(seller) },
            transferees = new[]
            {
                new { kind = "PERSON", name = "甲", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1990, 1, 2), 13).ToString(), sharePercent = 60m },
                new { kind = "PERSON", name = "乙", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1990, 1, 2), 15).ToString(), sharePercent = 30m },
            },
            coOwnership = "IN_SHARES",
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer),
        });

        Assert.Contains(("INVALID_SHARES", "transferees", "SHARES_MUST_ADD_UP_TO_100"), errors);
        var refused = await fixture.Agency.RefusedAsync("transfers", new
        {
            unitCode = seized.UnitCode,
            transferors = new[] { ApplicationCalls.Person(seller) },
            transferees = new[] { new { kind = "PERSON", name = "甲", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1990, 1, 2), 13).ToString() } },
            coOwnership = "SOLE",
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer),
        });
        Assert.Contains(("UNIT_SEIZED", "unitCode", null), refused);
    }

    [Fact]
    public async Task Court_seizes_a_unit_at_once_then_releases_it()
    {
        var unit = await fixture.FreeHouseAsync();
        var materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure);

        var seized = await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unit.UnitCode },
            documentNumber = "(2025)粤1202执777号",
            materials,
        });

        Assert.Equal("COMPLETED", seized.GetProperty("status").GetString());
        var verdict = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.True(verdict.GetProperty("isSeized").GetBoolean());
        Assert.False(verdict.GetProperty("canTransfer").GetBoolean());
        Assert.False(verdict.GetProperty("canMortgage").GetBoolean());
        var restriction = await fixture.ReadAsync(db => db.Restrictions.SingleAsync(r => r.BusinessNumber == seized.GetProperty("businessNumber").GetString()));
        Assert.Equal(ApplicationsFixture.CourtName, restriction.Authority);
        Assert.Equal(new DateOnly(2028, 11, 19), restriction.EndsOn);

        var wrong = await fixture.Court.RefusedAsync("seizure-releases", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = "(2025)粤1202执1号", releaseDocumentNumber = "(2025)粤1202执恢1号", materials,
        });
        Assert.Equal([("SEIZURE_NOT_FOUND", "unitCodes[0]", "seizureDocumentNumber")], wrong);

        var released = await fixture.Court.SubmittedAsync("seizure-releases", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = "(2025)粤1202执777号", releaseDocumentNumber = "(2025)粤1202执恢777号", materials,
        });
        Assert.Equal("COMPLETED", released.GetProperty("status").GetString());
        Assert.False((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("isSeized").GetBoolean());
        Assert.Equal("(2025)粤1202执恢777号", await fixture.ReadAsync(db => db.Restrictions.Where(r => r.Id == restriction.Id).Select(r => r.ReleaseDocumentNumber).SingleAsync()));
    }

    [Fact]
    public async Task Objection_filed_by_an_agency_waits_for_the_objector_is_deemed_accepted_and_a_registrar_enters_it_and_it_blocks_nothing()
    {
        var unit = await fixture.FreeHouseAsync();
        var objector = new { kind = "PERSON", name = "林异议", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1970, 6, 1), 21).ToString() };

        var done = await fixture.Agency.SubmittedAsync("objections", new
        {
            unitCode = unit.UnitCode,
            objector,
            matter = "房屋所有权归属争议",
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Objection),
        });

        // Nobody's word alone puts an objection on a title: the objector confirms, the registry deems it accepted
        // (due the same working day) and a registrar enters it.
        Assert.Equal("AWAITING_CONFIRMATION", done.GetProperty("status").GetString());
        Assert.False((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("hasObjection").GetBoolean());
        var number = done.GetProperty("businessNumber").GetString()!;
        var accepted = await fixture.ConfirmedByEveryoneAsync(number);
        Assert.Equal("ACCEPTED", accepted.GetProperty("status").GetString());
        Assert.Equal("2025-11-20", accepted.GetProperty("deadline").GetProperty("dueDate").GetString());
        Assert.False((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("hasObjection").GetBoolean());
        await fixture.Staff.SteppedAsync(number, "start-review");
        await fixture.Staff.SteppedAsync(number, "record");
        var verdict = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.True(verdict.GetProperty("hasObjection").GetBoolean());
        Assert.True(verdict.GetProperty("canTransfer").GetBoolean());
        var restriction = await fixture.ReadAsync(db => db.Restrictions.SingleAsync(r => r.BusinessNumber == done.GetProperty("businessNumber").GetString()));
        Assert.Equal(RestrictionKind.Objection, restriction.Kind);
        Assert.Equal(restriction.StartsOn.AddDays(15), restriction.EndsOn);
    }

    [Fact]
    public async Task Developer_sells_a_presale_unit_under_an_advance_notice_and_the_notice_then_blocks_other_disposals()
    {
        var unit = await fixture.PresaleUnitAsync();
        var buyer = new { kind = "PERSON", name = "黄预购", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1988, 8, 8), 31).ToString() };
        var developer = ApplicationCalls.Organisation(ApplicationsFixture.DeveloperName, await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName));

        var submitted = await fixture.Developer.SubmittedAsync("advance-notices", new
        {
            unitCode = unit.UnitCode,
            transferors = new[] { developer },
            transferees = new[] { buyer },
            contractNumber = "YS-2025-0001",
            materials = await fixture.RequiredMaterialsAsync(fixture.Developer, BusinessType.AdvanceNotice),
        });
        await fixture.ConfirmedByEveryoneAsync(submitted.GetProperty("businessNumber").GetString()!);
        await ThroughStaffAsync(submitted.GetProperty("businessNumber").GetString()!);

        var verdict = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.True(verdict.GetProperty("hasAdvanceNotice").GetBoolean());
        var again = await fixture.Developer.RefusedAsync("advance-notices", new
        {
            unitCode = unit.UnitCode,
            transferors = new[] { developer },
            transferees = new[] { new { kind = "PERSON", name = "另一人", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1988, 8, 8), 33).ToString() } },
            materials = await fixture.RequiredMaterialsAsync(fixture.Developer, BusinessType.AdvanceNotice),
        });
        Assert.Equal([("UNIT_UNDER_ADVANCE_NOTICE", "unitCode", null)], again);
    }

    [Fact]
    public async Task Under_a_buyers_advance_notice_only_that_buyer_takes_the_unit_and_nobody_mortgages_it()
    {
        var unit = await fixture.FreeHouseAsync();
        var sellers = (await fixture.HoldersAsync(unit.UnitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray();
        var buyer = new { kind = "PERSON", name = "钟预告", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1986, 6, 6), 51).ToString() };
        var stranger = new { kind = "PERSON", name = "另买人", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1986, 6, 6), 53).ToString() };
        var notice = (await fixture.Agency.SubmittedAsync("advance-notices", new
        {
            unitCode = unit.UnitCode, transferors = sellers, transferees = new[] { buyer }, contractNumber = "ESF-2025-0051",
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.AdvanceNotice),
        })).GetProperty("businessNumber").GetString()!;
        await fixture.ConfirmedByEveryoneAsync(notice);
        await ThroughStaffAsync(notice);
        var materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer);
        object Transfer(object transferee) => new { unitCode = unit.UnitCode, transferors = sellers, transferees = new[] { transferee }, coOwnership = "SOLE", materials };

        // A disposal without the notice holder's consent has no effect on the right (Civil Code art. 221): refused.
        var toStranger = await fixture.Agency.RefusedAsync("transfers", Transfer(stranger));
        var mortgage = await fixture.Bank.RefusedAsync("mortgage-registrations", await fixture.MortgageAsync(fixture.Bank, unit));
        var toBuyer = await fixture.Agency.SubmittedAsync("transfers", Transfer(buyer));

        Assert.Equal([("UNIT_UNDER_ADVANCE_NOTICE", "unitCode", null)], toStranger);
        Assert.Equal([("UNIT_UNDER_ADVANCE_NOTICE", "unitCodes[0]", null)], mortgage);
        Assert.Equal("AWAITING_CONFIRMATION", toBuyer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Recording_checks_the_register_again_and_refuses_what_no_longer_holds()
    {
        var (number, unitCode) = await fixture.BankMortgageAsync();
        await fixture.Staff.SteppedAsync(number, "accept");
        await fixture.Staff.SteppedAsync(number, "start-review");
        // A court seizes the unit while the mortgage is under review.
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unitCode }, documentNumber = "(2025)粤1202执888号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });

        var problem = await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "record"), 409, "REGISTER_CHANGED");

        Assert.Contains(("UNIT_SEIZED", "unitCodes[0]", null), ApplicationCalls.Errors(problem));
        var returned = await fixture.Staff.SteppedAsync(number, "return", "该不动产已被查封，不予登记。");
        Assert.Equal("RETURNED", returned.GetProperty("status").GetString());
        Assert.Equal(0, await fixture.ReadAsync(db => db.Rights.CountAsync(r => r.BusinessNumber == number)));
    }
}
