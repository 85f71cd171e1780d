using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// Issue 18 items 6 and 5: 变更登记, 更正登记 (on application and by the registry), 注销登记 of ownership, 补证/换证 and
/// 协助执行 — each end to end over REST, refusals over REST and GraphQL, and the register and the verdict after each.
/// </summary>
public sealed class AmendmentTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A day before the host's (the fixture fixes its clock): when a notice was served or published.</summary>
    private static string DaysAgo(int days) =>
        Domain.Calendar.ChinaTime.DateOf(AppFixture.DemoClock.GetUtcNow().UtcDateTime).AddDays(-days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string PersonId(int sequence) => ResidentIdNumber.Create("441202", new DateOnly(1988, 8, 8), sequence).ToString();

    private async Task<Right> OwnershipAsync(string unitCode) => await fixture.ReadAsync(db => db.Rights.AsNoTracking()
        .Include(r => r.Holders).ThenInclude(h => h.Party)
        .SingleAsync(r => r.Unit!.UnitCode == unitCode && r.Status == RightStatus.Active && r.Kind != RightKind.Mortgage));

    private async Task<JsonElement> VerifiedAsync(string unitCode)
    {
        var report = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/register/verification?unitCode={unitCode}", Ct));
        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
        return report;
    }

    private async Task<List<RegisterEntryKind>> EntriesAsync(string unitCode) => await fixture.ReadAsync(db => db.RegisterEntries.AsNoTracking()
        .Where(e => e.UnitId == db.Units.Single(u => u.UnitCode == unitCode).Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync());

    private static object PartyOf(Party party, string? name = null, string? idNumber = null, string? idType = null, string? nationality = null) =>
        new { kind = party.Kind == PartyKind.Person ? "PERSON" : "ORGANISATION", name = name ?? party.Name, idNumber = idNumber ?? party.IdNumber, idType, nationality };

    [Fact]
    public async Task A_holder_s_new_name_and_passport_and_the_unit_s_new_use_enter_the_register_and_the_history_keeps_the_old()
    {
        var unit = await fixture.FreeHouseAsync();
        var before = await OwnershipAsync(unit.UnitCode);
        var holder = before.Holders.Single().Party!;
        var body = new
        {
            unitCode = unit.UnitCode,
            holders = new[] { PartyOf(holder) },
            newHolders = new[] { PartyOf(holder, name: "王新名", idNumber: "E98765432", idType: "PASSPORT", nationality: "SGP") },
            use = "商业",
            area = 88.5m,
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.OwnershipChange),
        };

        var submitted = await fixture.Agency.SubmittedAsync("ownership-changes", body);
        await fixture.RecordedAsync(submitted.GetProperty("businessNumber").GetString()!);

        var after = await OwnershipAsync(unit.UnitCode);
        Assert.NotEqual(before.CertificateNumber, after.CertificateNumber);
        Assert.Equal((before.CoOwnership, before.TermEnd, before.Nature), (after.CoOwnership, after.TermEnd, after.Nature));
        var now = after.Holders.Single().Party!;
        Assert.Equal(("王新名", IdentityDocumentType.Passport, "E98765432", "SGP"), (now.Name, now.IdType, now.IdNumber, now.Nationality));
        Assert.StartsWith("变更登记，原证号" + before.CertificateNumber, after.Notes);
        var changedUnit = await fixture.ReadAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.UnitCode == unit.UnitCode));
        Assert.Equal(("商业", 88.5m), (changedUnit.Use, changedUnit.Area));
        // The old right, with the old holder's row untouched, is still in the register's history; the chain holds.
        var old = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party).SingleAsync(r => r.Id == before.Id));
        Assert.Equal((RightStatus.Ended, holder.Name, holder.IdNumber), (old.Status, old.Holders.Single().Party!.Name, old.Holders.Single().Party!.IdNumber));
        var kinds = await EntriesAsync(unit.UnitCode);
        Assert.Equal([RegisterEntryKind.UnitChanged, RegisterEntryKind.RightEnded, RegisterEntryKind.RightRegistered], kinds[^3..]);
        await VerifiedAsync(unit.UnitCode);
        var certificate = await fixture.ReadAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Number == before.CertificateNumber));
        Assert.Equal((CertificateStatus.Replaced, after.CertificateNumber), (certificate.Status, certificate.ReplacedBy));
    }

    [Fact]
    public async Task A_change_is_refused_to_anyone_but_the_holders_of_record_by_ID_number_and_for_a_bad_document_or_nothing_changed()
    {
        var unit = await fixture.FreeHouseAsync();
        var holder = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.OwnershipChange);

        var stranger = await fixture.Agency.RefusedAsync("ownership-changes", new
        {
            unitCode = unit.UnitCode,
            // The holder's name, someone else's ID number: the register's ID numbers decide.
            holders = new[] { PartyOf(holder, idNumber: PersonId(901)) },
            newHolders = new[] { PartyOf(holder, name: "冒名") },
            materials,
        });
        Assert.Contains(("APPLICANT_NOT_HOLDER", "holders[0]", "unitCode"), stranger);
        Assert.Contains(("HOLDER_NOT_APPLYING", "unitCode", "holders"), stranger);

        var badDocument = await fixture.Agency.RefusedAsync("ownership-changes", new
        {
            unitCode = unit.UnitCode,
            holders = new[] { PartyOf(holder) },
            newHolders = new[] { PartyOf(holder, idNumber: "H1234", idType: "HONG_KONG_MACAO_TRAVEL_PERMIT") },
            materials,
        });
        Assert.Contains(("INVALID_TRAVEL_PERMIT_NUMBER", "newHolders[0].idNumber", "LENGTH"), badDocument);

        var nothing = await fixture.Agency.RefusedAsync("ownership-changes", new { unitCode = unit.UnitCode, holders = new[] { PartyOf(holder) }, newHolders = new[] { PartyOf(holder) }, materials });
        Assert.Contains(("NOTHING_TO_CHANGE", "newHolders", (string?)null), nothing);

        // Over GraphQL, the same refusal; nothing was stored.
        var answer = await Json.ReadAsync(await fixture.Agency.PostGraphQLAsync(
            "mutation($input: OwnershipChangeInput!, $key: String) { submitOwnershipChange(input: $input, idempotencyKey: $key) { application { businessNumber } errors { code field } } }",
            new { input = new { unitCode = unit.UnitCode, holders = new[] { PartyOf(holder, idNumber: PersonId(901)) }, use = "办公", materials }, key = Guid.NewGuid().ToString() }));
        var errors = answer.GetProperty("data").GetProperty("submitOwnershipChange").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Contains("APPLICANT_NOT_HOLDER", errors);
        Assert.False(await fixture.ReadAsync(db => db.ApplicationUnits.AnyAsync(a => a.UnitCode == unit.UnitCode)));
    }

    [Fact]
    public async Task Registry_staff_correct_a_holder_s_name_after_notice_and_holders_correct_an_area_on_application()
    {
        var unit = await fixture.FreeHouseAsync();
        var before = await OwnershipAsync(unit.UnitCode);
        var holder = before.Holders.Single().Party!;
        var staffBody = new
        {
            unitCode = unit.UnitCode,
            holders = new[] { PartyOf(holder) },
            newHolders = new[] { PartyOf(holder, name: holder.Name + "更") },
            noticeDocumentNumber = "肇端不动产更通字〔2026〕1号",
            noticeServedOn = DaysAgo(70),
            materials = await fixture.RequiredMaterialsAsync(fixture.Staff, BusinessType.RegistryCorrection),
        };
        // Only staff file it: a partner has no registry:staff scope.
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await fixture.Agency.SubmitAsync("registry-corrections", staffBody)).StatusCode);

        var filed = await fixture.Staff.SubmittedAsync("registry-corrections", staffBody);
        Assert.Equal("SUBMITTED", filed.GetProperty("status").GetString());
        await fixture.RecordedAsync(filed.GetProperty("businessNumber").GetString()!);
        var corrected = await OwnershipAsync(unit.UnitCode);
        Assert.Equal((holder.Name + "更", holder.IdNumber), (corrected.Holders.Single().Party!.Name, corrected.Holders.Single().Party!.IdNumber));
        Assert.Contains($"更通字〔2026〕1号已于{DaysAgo(70)}书面通知权利人", corrected.Notes);
        await VerifiedAsync(unit.UnitCode);

        // The holder, now of record under the corrected name, corrects the area; the old name no longer matches.
        var materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Correction);
        var oldName = await fixture.Agency.RefusedAsync("corrections", new { unitCode = unit.UnitCode, holders = new[] { PartyOf(holder) }, area = 101.25m, materials });
        Assert.Contains(("PARTY_NAME_MISMATCH", "holders[0].name", "unitCode"), oldName);
        var applied = await fixture.Agency.SubmittedAsync("corrections", new
        {
            unitCode = unit.UnitCode, holders = new[] { PartyOf(holder, name: holder.Name + "更") }, area = 101.25m, materials,
        });
        await fixture.RecordedAsync(applied.GetProperty("businessNumber").GetString()!);
        Assert.Equal(101.25m, await fixture.ReadAsync(db => db.Units.Where(u => u.UnitCode == unit.UnitCode).Select(u => u.Area).SingleAsync()));
        await VerifiedAsync(unit.UnitCode);
    }

    [Fact]
    public async Task Ownership_of_a_building_gone_is_cancelled_but_not_while_a_mortgage_or_seizure_is_in_force()
    {
        var mortgaged = await fixture.MortgagedHouseAsync();
        var mortgagors = (await fixture.HoldersAsync(mortgaged.UnitCode)).Select(h => PartyOf(h.Party)).ToArray();
        var refused = await fixture.Agency.RefusedAsync("ownership-cancellations", new
        {
            unitCode = mortgaged.UnitCode, holders = mortgagors, materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.OwnershipCancellation),
        });
        Assert.Contains(("RESTRICTION_IN_FORCE", "unitCode", "MORTGAGED"), refused);

        var seized = await fixture.FreeHouseAsync();
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { seized.UnitCode }, documentNumber = "(2026)粤1202执910号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });
        var seizedHolders = (await fixture.HoldersAsync(seized.UnitCode)).Select(h => PartyOf(h.Party)).ToArray();
        var answer = await Json.ReadAsync(await fixture.Agency.PostGraphQLAsync(
            "mutation($input: OwnershipCancellationInput!, $key: String) { submitOwnershipCancellation(input: $input, idempotencyKey: $key) { application { businessNumber } errors { code field reason } } }",
            new { input = new { unitCode = seized.UnitCode, holders = seizedHolders, materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.OwnershipCancellation) }, key = Guid.NewGuid().ToString() }));
        var errors = answer.GetProperty("data").GetProperty("submitOwnershipCancellation").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Contains(("RESTRICTION_IN_FORCE", "SEIZED"), errors);

        var unit = await fixture.FreeHouseAsync();
        var before = await OwnershipAsync(unit.UnitCode);
        var submitted = await fixture.Agency.SubmittedAsync("ownership-cancellations", new
        {
            unitCode = unit.UnitCode, holders = new[] { PartyOf(before.Holders.Single().Party!) },
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.OwnershipCancellation),
        });
        await fixture.RecordedAsync(submitted.GetProperty("businessNumber").GetString()!);

        Assert.False(await fixture.ReadAsync(db => db.Rights.AnyAsync(r => r.Unit!.UnitCode == unit.UnitCode && r.Status == RightStatus.Active)));
        var verdict = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.False(verdict.GetProperty("canTransfer").GetBoolean());
        Assert.Contains("NO_REGISTERED_OWNERSHIP", verdict.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        var certificate = await fixture.ReadAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Number == before.CertificateNumber));
        Assert.Equal(CertificateStatus.Cancelled, certificate.Status);
        await VerifiedAsync(unit.UnitCode);
    }

    [Fact]
    public async Task A_lost_certificate_is_replaced_after_its_loss_declaration_and_the_old_one_verifies_as_replaced()
    {
        var unit = await fixture.FreeHouseAsync();
        var before = await OwnershipAsync(unit.UnitCode);
        var holders = new[] { PartyOf(before.Holders.Single().Party!) };
        var materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.CertificateReplacementLost);

        var noNotice = await fixture.Agency.RefusedAsync("certificate-replacements", new { unitCode = unit.UnitCode, certificateNumber = before.CertificateNumber, reason = "LOST", holders, materials });
        Assert.Contains(("FIELD_REQUIRED", "lossNotice", "LOSS_DECLARATION_PUBLISHED"), noNotice);
        var notOurs = await fixture.Agency.RefusedAsync("certificate-replacements", new
        {
            unitCode = unit.UnitCode, certificateNumber = "粤(2017)肇庆市不动产权第0999999号", reason = "LOST", holders, materials,
            lossNotice = new { publishedIn = "肇庆市不动产登记中心门户网站", publishedOn = DaysAgo(22) },
        });
        Assert.Contains(("CERTIFICATE_NOT_OF_RECORD", "certificateNumber", "unitCode"), notOurs);
        var badReason = await Json.ReadAsync(await fixture.Agency.PostGraphQLAsync(
            "mutation($input: CertificateReplacementInput!, $key: String) { submitCertificateReplacement(input: $input, idempotencyKey: $key) { application { businessNumber } errors { code field } } }",
            new { input = new { unitCode = unit.UnitCode, certificateNumber = before.CertificateNumber, reason = "STOLEN", holders }, key = Guid.NewGuid().ToString() }));
        Assert.Contains("INVALID_REISSUE_REASON", badReason.GetProperty("data").GetProperty("submitCertificateReplacement").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));

        var submitted = await fixture.Agency.SubmittedAsync("certificate-replacements", new
        {
            unitCode = unit.UnitCode, certificateNumber = before.CertificateNumber, reason = "LOST", holders, materials,
            lossNotice = new { publishedIn = "肇庆市不动产登记中心门户网站", publishedOn = DaysAgo(22) },
        });
        Assert.Equal("CERTIFICATE_REPLACEMENT_LOST", submitted.GetProperty("businessType").GetString());
        await fixture.RecordedAsync(submitted.GetProperty("businessNumber").GetString()!);

        var after = await OwnershipAsync(unit.UnitCode);
        Assert.NotEqual(before.CertificateNumber, after.CertificateNumber);
        Assert.StartsWith($"补发，原证号{before.CertificateNumber}，遗失声明于{DaysAgo(22)}刊登于肇庆市不动产登记中心门户网站", after.Notes);
        Assert.Equal(before.Holders.Single().PartyId, after.Holders.Single().PartyId);
        var old = await fixture.ReadAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Number == before.CertificateNumber));
        var verification = await Json.ReadAsync(await fixture.Anonymous.PostAsync("/api/v1/certificates/verifications",
            System.Net.Http.Json.JsonContent.Create(new { number = old.Number, verificationCode = old.VerificationCode }), Ct));
        Assert.Equal("REPLACED", verification.GetProperty("status").GetString());
        Assert.Equal(after.CertificateNumber, verification.GetProperty("replacedBy").GetString());
        await VerifiedAsync(unit.UnitCode);
    }

    [Fact]
    public async Task The_court_that_seized_a_unit_transfers_it_by_its_ruling_its_seizure_is_released_and_no_one_else_can_file_it()
    {
        var unit = await fixture.FreeHouseAsync();
        var before = await OwnershipAsync(unit.UnitCode);
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unit.UnitCode }, documentNumber = "(2026)粤1202执900号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unit.UnitCode }, documentNumber = "(2026)粤1202执901号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });
        var materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.CourtOrderedTransfer);
        var buyer = new { kind = "PERSON", name = "竞买人", idNumber = PersonId(903) };

        // Not the court's seizure under that document: refused; a bank has no court scope.
        var unknown = await fixture.Court.RefusedAsync("court-transfers", new
        {
            unitCode = unit.UnitCode, seizureDocumentNumber = "(2026)粤1202执999号", documentNumber = "(2026)粤1202执900号之二", transferees = new[] { buyer }, materials,
        });
        Assert.Contains(("SEIZURE_NOT_FOUND", "unitCode", "seizureDocumentNumber"), unknown);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await fixture.Bank.SubmitAsync("court-transfers", new
        {
            unitCode = unit.UnitCode, seizureDocumentNumber = "(2026)粤1202执900号", documentNumber = "x", transferees = new[] { buyer }, materials,
        })).StatusCode);

        var filed = await fixture.Court.SubmittedAsync("court-transfers", new
        {
            unitCode = unit.UnitCode, seizureDocumentNumber = "(2026)粤1202执900号", documentNumber = "(2026)粤1202执900号之二", transferees = new[] { buyer }, materials,
        });
        // A court's order is handled the same day, by a registrar: it takes the holder's right.
        Assert.NotEqual("RECORDED", filed.GetProperty("status").GetString());
        await fixture.RecordedAsync(filed.GetProperty("businessNumber").GetString()!);

        var after = await OwnershipAsync(unit.UnitCode);
        Assert.Equal(("竞买人", PersonId(903)), (after.Holders.Single().Party!.Name, after.Holders.Single().Party!.IdNumber));
        Assert.Contains("协助执行", after.Notes);
        var seizures = await fixture.ReadAsync(db => db.Restrictions.AsNoTracking()
            .Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == Domain.Restrictions.RestrictionKind.Seizure).ToListAsync());
        // The seizure it disposed under is released; the one queued behind it lapses with the disposal.
        Assert.All(seizures, s => Assert.Equal(RestrictionStatus.Released, s.Status));
        var verdict = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.True(verdict.GetProperty("canTransfer").GetBoolean(), verdict.ToString());
        var old = await fixture.ReadAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Number == before.CertificateNumber));
        Assert.Equal(CertificateStatus.Replaced, old.Status);
        await VerifiedAsync(unit.UnitCode);
    }

    [Fact]
    public async Task Corrections_and_court_transfers_answer_over_GraphQL_with_the_REST_codes()
    {
        var unit = await fixture.FreeHouseAsync();
        var holder = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        static async Task<List<string?>> ErrorsAsync(HttpClient client, string mutation, string input, object body)
        {
            var answer = await Json.ReadAsync(await client.PostGraphQLAsync(
                $"mutation($input: {input}!, $key: String) {{ {mutation}(input: $input, idempotencyKey: $key) {{ application {{ businessNumber }} errors {{ code field }} }} }}",
                new { input = body, key = Guid.NewGuid().ToString() }));
            var payload = answer.GetProperty("data").GetProperty(mutation);
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("application").ValueKind);
            return [.. payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString())];
        }

        Assert.Contains("APPLICANT_NOT_HOLDER", await ErrorsAsync(fixture.Agency, "submitCorrection", "CorrectionInput", new
        {
            unitCode = unit.UnitCode, holders = new[] { PartyOf(holder, idNumber: PersonId(905)) }, area = 70m,
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Correction),
        }));
        Assert.Contains("FIELD_REQUIRED", await ErrorsAsync(fixture.Staff, "submitRegistryCorrection", "RegistryCorrectionInput", new
        {
            unitCode = unit.UnitCode, holders = new[] { PartyOf(holder) }, use = "办公",
            materials = await fixture.RequiredMaterialsAsync(fixture.Staff, BusinessType.RegistryCorrection),
        }));
        using var refused = await fixture.Agency.PostGraphQLAsync(
            "mutation($input: RegistryCorrectionInput!) { submitRegistryCorrection(input: $input, idempotencyKey: \"k-1\") { errors { code } } }",
            new { input = new { unitCode = unit.UnitCode } });
        var forbidden = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("FORBIDDEN", forbidden.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("SEIZURE_NOT_FOUND", await ErrorsAsync(fixture.Court, "submitCourtTransfer", "CourtTransferInput", new
        {
            unitCode = unit.UnitCode, seizureDocumentNumber = "(2026)粤1202执998号", documentNumber = "(2026)粤1202执998号之一",
            transferees = new[] { new { kind = "PERSON", name = "竞买人乙", idNumber = PersonId(907) } },
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.CourtOrderedTransfer),
        }));
        Assert.False(await fixture.ReadAsync(db => db.ApplicationUnits.AnyAsync(a => a.UnitCode == unit.UnitCode)));
    }
}
