using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

public sealed class WriteMatrixFixture(RegistryFixture registry) : ApplicationsFixture(registry);

/// <summary>
/// Who may change the register, and how: every submission type filed by every demo identity, on its own right and on
/// someone else's. Each row says what happens — refused (with its code), entered at once (COMPLETED), waiting for the
/// other applicants' confirmation, deemed accepted for a registrar (ACCEPTED), or submitted for staff — and, whatever
/// happens, a right of someone who has not said so is never taken: the register is checked after every row.
/// </summary>
public sealed class WriteMatrixTests(WriteMatrixFixture fixture) : IClassFixture<WriteMatrixFixture>
{
    private const string OtherBank = "岭南示范银行股份有限公司肇庆分行";
    private const string OtherCourt = "肇庆市中级人民法院";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A submission: who sends it, where, and whose right it touches (what must stay in force unless it completes).</summary>
    private sealed record Filing(HttpClient Client, string Path, object Body, Func<Task<bool>> RightStillInForce);

    [Theory]
    // 抵押权注销: only the bank that holds the mortgage of record, cancelling alone through its own client, enters at once.
    [InlineData("cancel-mortgagee-alone", "bank", "own", "COMPLETED")]
    [InlineData("cancel-mortgagee-alone", "bank", "other", "MORTGAGE_NOT_HELD_BY_CALLER")]
    [InlineData("cancel-mortgagee-alone", "agency", "other", "AWAITING_CONFIRMATION")]
    [InlineData("cancel-mortgagee-alone", "citizen", "other", "APPLICANT_NOT_CALLER")]
    [InlineData("cancel-mortgagee-alone", "developer", "other", "APPLICANT_NOT_CALLER")]
    [InlineData("cancel-mortgagee-alone", "court", "other", "FORBIDDEN")]
    [InlineData("cancel-mortgagee-alone", "verifier", "other", "FORBIDDEN")]
    [InlineData("cancel-joint", "bank", "own", "AWAITING_CONFIRMATION")]
    [InlineData("cancel-mortgagor-alone", "owner", "own", "ACCEPTED")]
    [InlineData("cancel-mortgagor-alone", "citizen", "other", "APPLICANT_NOT_CALLER")]
    // 抵押权首次登记: a joint application; the bank is the mortgagee by its own credit code.
    [InlineData("mortgage", "bank", "own", "AWAITING_CONFIRMATION")]
    [InlineData("mortgage-in-branch", "bank", "own", "SUBMITTED")]
    [InlineData("mortgage", "bank", "other", "APPLICANT_NOT_CALLER")]
    [InlineData("mortgage", "agency", "other", "AWAITING_CONFIRMATION")]
    [InlineData("mortgage", "owner", "own", "AWAITING_CONFIRMATION")]
    [InlineData("mortgage", "citizen", "other", "APPLICANT_NOT_CALLER")]
    [InlineData("mortgage", "court", "other", "FORBIDDEN")]
    // 首次登记: the developer on its own land.
    [InlineData("first-registration", "developer", "own", "SUBMITTED")]
    [InlineData("first-registration", "bank", "other", "APPLICANT_NOT_CALLER")]
    [InlineData("first-registration", "agency", "other", "AWAITING_CONFIRMATION")]
    // 转移登记 and 预告登记: joint applications of seller and buyer.
    [InlineData("transfer", "owner", "own", "AWAITING_CONFIRMATION")]
    [InlineData("transfer", "citizen", "other", "APPLICANT_NOT_CALLER")]
    [InlineData("transfer", "agency", "other", "AWAITING_CONFIRMATION")]
    [InlineData("transfer", "bank", "other", "APPLICANT_NOT_CALLER")]
    [InlineData("advance-notice", "developer", "own", "AWAITING_CONFIRMATION")]
    [InlineData("advance-notice", "agency", "other", "AWAITING_CONFIRMATION")]
    // 异议登记: never on anyone's word alone; deemed accepted and entered by a registrar.
    [InlineData("objection", "citizen", "own", "ACCEPTED")]
    [InlineData("objection", "agency", "other", "AWAITING_CONFIRMATION")]
    [InlineData("objection", "bank", "other", "APPLICANT_NOT_CALLER")]
    // 查封 and 解封: a court's own order enters at once; only the seizing court releases.
    [InlineData("seizure", "court", "own", "COMPLETED")]
    [InlineData("seizure", "bank", "other", "FORBIDDEN")]
    [InlineData("seizure", "agency", "other", "FORBIDDEN")]
    [InlineData("release", "court", "own", "COMPLETED")]
    [InlineData("release", "court", "other", "SEIZURE_NOT_FOUND")]
    public async Task Submission_by_identity_on_own_or_another_right_has_the_expected_outcome(string type, string identity, string whose, string expected)
    {
        var filing = await FilingAsync(type, identity, whose == "own");

        var response = await filing.Client.SubmitAsync(filing.Path, filing.Body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var answer = JsonDocument.Parse(text).RootElement;

        if ((int)response.StatusCode == 201)
        {
            Assert.True(expected == answer.GetProperty("status").GetString(), $"{type} by {identity} ({whose}): {text}");
            Assert.Equal(expected == "COMPLETED", !await filing.RightStillInForce());
            if (expected != "COMPLETED")
            {
                Assert.Null(answer.GetProperty("recordedAt").GetString());
            }
            return;
        }
        var codes = answer.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList()
            : [answer.GetProperty("code").GetString()!];
        Assert.True(codes.Contains(expected), $"{type} by {identity} ({whose}): expected {expected}, got {(int)response.StatusCode} {text}");
        Assert.True(await filing.RightStillInForce(), "a refused submission changed the register");
    }

    private async Task<Filing> FilingAsync(string type, string identity, bool own) => type switch
    {
        "cancel-mortgagee-alone" => await CancellationAsync(identity, own, "MORTGAGEE_ALONE"),
        "cancel-joint" => await CancellationAsync(identity, own, "JOINT_APPLICATION"),
        "cancel-mortgagor-alone" => await CancellationAsync(identity, own, "MORTGAGOR_ALONE"),
        "mortgage" or "mortgage-in-branch" => await MortgageAsync(identity, own, inBranch: type == "mortgage-in-branch"),
        "first-registration" => await FirstRegistrationAsync(identity),
        "transfer" => await TransferAsync(identity, own),
        "advance-notice" => await AdvanceNoticeAsync(identity),
        "objection" => await ObjectionAsync(identity),
        "seizure" => await SeizureAsync(identity),
        "release" => await ReleaseAsync(own),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The demo identity; "owner" is the person who holds the unit's ownership, signed in with their own account.</summary>
    private async Task<HttpClient> ClientAsync(string identity, Party? owner = null) => identity switch
    {
        "bank" => fixture.Bank,
        "developer" => fixture.Developer,
        "agency" => fixture.Agency,
        "court" => fixture.Court,
        "citizen" => fixture.Citizen,
        "verifier" => await fixture.App.CreateClientAsync("demo-verifier"),
        "owner" => await fixture.PersonClientAsync(owner!.IdNumber, owner.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(identity)),
    };

    /// <summary>What the checklist requires, uploaded by the submitter (nothing for those whose scope refuses the submission).</summary>
    private async Task<object[]> MaterialsAsync(string identity, HttpClient client, BusinessType type, params string[] circumstances) =>
        identity is "court" or "verifier" ? [] : await fixture.RequiredMaterialsAsync(client, type, circumstances);

    private async Task<object> BankPartyAsync(string name = ApplicationsFixture.BankName) =>
        ApplicationCalls.Organisation(name, await fixture.ReadAsync(db => db.Parties.Where(p => p.Name == name).Select(p => p.IdNumber).FirstAsync()));

    /// <summary>The right of <paramref name="kind"/> in force on the unit now: it must still be in force unless the row completed.</summary>
    private async Task<Func<Task<bool>>> RightInForceAsync(string unitCode, RightKind kind)
    {
        var id = await fixture.ReadAsync(db => db.Rights.Where(r => r.Unit!.UnitCode == unitCode && r.Kind == kind && r.Status == RightStatus.Active).Select(r => r.Id).SingleAsync());
        return () => fixture.ReadAsync(db => db.Rights.AnyAsync(r => r.Id == id && r.Status == RightStatus.Active));
    }

    private Func<Task<bool>> Unrestricted(string unitCode, RestrictionKind kind) => async () =>
        !await fixture.ReadAsync(db => db.Restrictions.AnyAsync(r => r.Unit!.UnitCode == unitCode && r.Kind == kind && r.Status == RestrictionStatus.Active));

    private async Task<Filing> CancellationAsync(string identity, bool own, string circumstance)
    {
        // The mortgage is the demo bank's, except where the bank acts on another bank's ("other").
        var holder = identity == "bank" && !own ? OtherBank : ApplicationsFixture.BankName;
        var unit = await SoleOwnerMortgagedHouseAsync(holder);
        var certificate = await fixture.ReadAsync(db => db.Rights.Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active)
            .Select(r => r.CertificateNumber).SingleAsync());
        var owner = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var client = await ClientAsync(identity, owner);
        var mortgagee = circumstance == "MORTGAGOR_ALONE" ? null : await BankPartyAsync(holder);
        var mortgagors = circumstance == "MORTGAGEE_ALONE" ? null : new[] { ApplicationCalls.Person(owner) };
        var materials = await MaterialsAsync(identity, client, BusinessType.MortgageCancellation, circumstance);
        return new Filing(client, "mortgage-cancellations",
            new { certificateNumber = certificate, unitCodes = new[] { unit.UnitCode }, mortgagee, mortgagors, circumstances = new[] { circumstance }, materials },
            await RightInForceAsync(unit.UnitCode, RightKind.Mortgage));
    }

    private async Task<Filing> MortgageAsync(string identity, bool own, bool inBranch)
    {
        // The citizen's own house, or a free house of someone else.
        var unit = await fixture.FreeHouseAsync();
        var client = await ClientAsync(identity, (await fixture.HoldersAsync(unit.UnitCode))[0].Party);
        var circumstances = inBranch ? new[] { Circumstances.AuthorisedChannel } : [];
        var body = await fixture.MortgageAsync(fixture.Anonymous, unit, await MaterialsAsync(identity, client, BusinessType.MortgageRegistrationGeneral, circumstances));
        body["circumstances"] = JsonSerializer.SerializeToNode(circumstances);
        if (identity == "bank" && !own)
        {
            body["mortgagee"] = JsonSerializer.SerializeToNode(await BankPartyAsync(OtherBank));
        }
        return new Filing(client, "mortgage-registrations", body, Unrestricted(unit.UnitCode, RestrictionKind.Mortgage));
    }

    private async Task<Filing> FirstRegistrationAsync(string identity)
    {
        var land = await fixture.DevelopersLandAsync();
        var client = await ClientAsync(identity);
        // Each row builds its own building on the developer's land.
        var building = (80 + Interlocked.Increment(ref _buildings)).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var unitCode = land.UnitCode[..19] + "F" + building + "0101";
        var body = new
        {
            landUnitCode = land.UnitCode,
            owner = ApplicationCalls.Organisation(ApplicationsFixture.DeveloperName, await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName)),
            building = new { number = building, name = building + "幢", floors = 1 },
            units = new[] { new { unitCode, location = $"矩阵测试{building}幢101", floor = 1, roomNumber = "101", area = 90m, interiorArea = 75m, use = "住宅" } },
            materials = await MaterialsAsync(identity, client, BusinessType.FirstRegistration),
        };
        return new Filing(client, "first-registrations", body,
            async () => !await fixture.ReadAsync(db => db.Units.AnyAsync(u => u.UnitCode == unitCode)));
    }

    private static int _buildings;

    private async Task<Filing> TransferAsync(string identity, bool own)
    {
        var unit = await fixture.FreeHouseAsync();
        var client = await ClientAsync(identity, (await fixture.HoldersAsync(unit.UnitCode))[0].Party);
        var sellers = (await fixture.HoldersAsync(unit.UnitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray();
        var body = new
        {
            unitCode = unit.UnitCode,
            transferors = sellers,
            transferees = new[] { new { kind = "PERSON", name = "周买方", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1992, 2, 2), 41).ToString() } },
            coOwnership = "SOLE",
            priceFen = 100_000_000L,
            materials = await MaterialsAsync(identity, client, BusinessType.Transfer),
        };
        return new Filing(client, "transfers", body, await RightInForceAsync(unit.UnitCode, RightKind.LandUseAndHouseOwnership));
    }

    private async Task<Filing> AdvanceNoticeAsync(string identity)
    {
        var unit = await fixture.PresaleUnitAsync();
        var client = await ClientAsync(identity);
        var body = new
        {
            unitCode = unit.UnitCode,
            transferors = new[] { ApplicationCalls.Organisation(ApplicationsFixture.DeveloperName, await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName)) },
            transferees = new[] { new { kind = "PERSON", name = "吴预购", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1993, 3, 3), 51).ToString() } },
            contractNumber = "YS-MATRIX-1",
            materials = await MaterialsAsync(identity, client, BusinessType.AdvanceNotice),
        };
        return new Filing(client, "advance-notices", body, Unrestricted(unit.UnitCode, RestrictionKind.AdvanceNotice));
    }

    private async Task<Filing> ObjectionAsync(string identity)
    {
        var unit = await fixture.FreeHouseAsync();
        var client = await ClientAsync(identity);
        var objector = identity == "citizen"
            ? new { kind = "PERSON", name = OneWindow.Api.Data.Seeding.DemoRegion.Citizen.Name, idNumber = OneWindow.Api.Data.Seeding.DemoRegion.Citizen.IdNumber }
            : new { kind = "PERSON", name = "郑异议", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1975, 5, 5), 61).ToString() };
        var body = new { unitCode = unit.UnitCode, objector, matter = "权属争议", materials = await MaterialsAsync(identity, client, BusinessType.Objection) };
        return new Filing(client, "objections", body, Unrestricted(unit.UnitCode, RestrictionKind.Objection));
    }

    private async Task<Filing> SeizureAsync(string identity)
    {
        var unit = await fixture.FreeHouseAsync();
        var client = await ClientAsync(identity);
        var materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure);
        return new Filing(client, "seizures", new { unitCodes = new[] { unit.UnitCode }, documentNumber = "(2025)粤1202执4242号", materials },
            Unrestricted(unit.UnitCode, RestrictionKind.Seizure));
    }

    private async Task<Filing> ReleaseAsync(bool own)
    {
        // demo-court's own seizure, or one the intermediate court made (same document number given: still not its own).
        var unit = await fixture.SeizedHouseAsync(own ? ApplicationsFixture.CourtName : OtherCourt);
        var document = await fixture.ReadAsync(db => db.Restrictions.Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active)
            .Select(r => r.DocumentNumber).FirstAsync());
        var materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureRelease);
        return new Filing(fixture.Court, "seizure-releases",
            new { unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = document, releaseDocumentNumber = "(2025)粤1202执恢4242号", materials },
            async () => !await Unrestricted(unit.UnitCode, RestrictionKind.Seizure)());
    }

    /// <summary>A house owned by one person, mortgaged (in force) to <paramref name="bank"/> alone and not otherwise restricted.</summary>
    private Task<RealEstateUnit> SoleOwnerMortgagedHouseAsync(string bank) =>
        fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.Count == 1 && r.Holders.All(h => h.Party!.Kind == PartyKind.Person))
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Mortgage && r.Authority == bank)));
}
