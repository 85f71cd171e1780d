using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Applications;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// 抵押权变更 for the mortgagee's own change (issue 18): a bank renamed since it registered its mortgages applies alone,
/// and only for itself — the register's mortgagee and the bank's verified credit code must be one organisation, and
/// the new name is the bank's name of record, never one the request makes up.
/// </summary>
public sealed class MortgageeChangeTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    /// <summary>A mortgagee of the demo register (not a partner there), under the name its mortgages were registered with.</summary>
    private const string OldName = "岭南示范银行股份有限公司肇庆分行";

    private const string NewName = "岭南示范银行股份有限公司肇庆中心支行";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The bank signs up under its new name with its credit code of record, is approved and gets a client.</summary>
    private Task<(HttpClient Client, string CreditCode)> RenamedBankAsync() =>
        fixture.PartnerOfRecordAsync(OldName, NewName, "BANK", "陈联络", "13800138003", "chen@example.cn");

    private Task<Right> MortgageAsync(string unitCode) => fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
        .SingleAsync(r => r.Unit!.UnitCode == unitCode && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage));

    [Fact]
    public async Task A_renamed_bank_changes_the_mortgagee_s_name_on_its_mortgage_alone_and_nobody_else_can()
    {
        var (bank, code) = await RenamedBankAsync();
        var unit = await fixture.MortgagedHouseAsync(OldName);
        var before = await MortgageAsync(unit.UnitCode);
        var ofRecord = new { kind = "ORGANISATION", name = OldName, idNumber = code };
        object Body(object newMortgagee, object[] materials) => new
        {
            certificateNumber = before.CertificateNumber, unitCodes = new[] { unit.UnitCode }, mortgagee = ofRecord, newMortgagee, materials,
        };

        // Another bank cannot rename someone else's mortgagee: not in that bank's name (the submitter must be the
        // applicant), nor in its own (not the same organisation).
        var demoMaterials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageChange);
        var forThem = await fixture.Bank.RefusedAsync("mortgage-changes", Body(new { kind = "ORGANISATION", name = NewName, idNumber = code }, demoMaterials));
        Assert.Contains("APPLICANT_NOT_CALLER", forThem.Select(e => e.Code));
        var demoCode = await fixture.CreditCodeAsync(ApplicationsFixture.BankName);
        var asItself = await fixture.Bank.RefusedAsync("mortgage-changes", Body(new { kind = "ORGANISATION", name = ApplicationsFixture.BankName, idNumber = demoCode }, demoMaterials));
        Assert.Contains(("NOT_THE_SAME_ORGANISATION", "newMortgagee.idNumber", "unitCodes[0]"), asItself);

        // The bank itself, under a name it is not of record by: refused; with an amount as well: refused.
        var materials = await fixture.RequiredMaterialsAsync(bank, BusinessType.MortgageChange);
        var madeUp = await bank.RefusedAsync("mortgage-changes", Body(new { kind = "ORGANISATION", name = "岭南示范银行（虚构名称）", idNumber = code }, materials));
        Assert.Contains(("PARTY_NAME_MISMATCH", "newMortgagee.name", "NOT_THE_NAME_OF_RECORD"), madeUp);
        var mixed = await bank.RefusedAsync("mortgage-changes", new
        {
            certificateNumber = before.CertificateNumber, unitCodes = new[] { unit.UnitCode }, mortgagee = ofRecord,
            newMortgagee = new { kind = "ORGANISATION", name = NewName, idNumber = code }, securedAmountFen = 1_000_000L, materials,
        });
        Assert.Contains(("NOTHING_TO_CHANGE", "securedAmountFen", "NOT_WITH_A_NEW_MORTGAGEE"), mixed);
        Assert.Equal(before.Id, (await MortgageAsync(unit.UnitCode)).Id);

        // Its own change, alone: the mortgagors do not apply; staff enter it.
        var submitted = await bank.SubmittedAsync("mortgage-changes", Body(new { kind = "ORGANISATION", name = NewName, idNumber = code }, materials));
        Assert.Equal("MORTGAGE_CHANGE", submitted.GetProperty("businessType").GetString());
        Assert.Equal("SUBMITTED", submitted.GetProperty("status").GetString());
        Assert.Equal(["MORTGAGEE"], submitted.GetProperty("applicants").EnumerateArray().Select(a => a.GetProperty("role").GetString()));
        await fixture.RecordedAsync(submitted.GetProperty("businessNumber").GetString()!);

        var after = await MortgageAsync(unit.UnitCode);
        var holder = after.Holders.Single(h => h.Role == HolderRole.Holder).Party!;
        Assert.Equal((NewName, code), (holder.Name, holder.IdNumber));
        Assert.Equal((before.SecuredAmountFen, before.TermEnd, before.MortgageKind), (after.SecuredAmountFen, after.TermEnd, after.MortgageKind));
        Assert.Equal(
            before.Holders.Where(h => h.Role == HolderRole.Obligor).Select(h => h.PartyId).Order(),
            after.Holders.Where(h => h.Role == HolderRole.Obligor).Select(h => h.PartyId).Order());
        Assert.NotEqual(before.CertificateNumber, after.CertificateNumber);
        Assert.Contains($"抵押权人由{OldName}变更为{NewName}", after.Notes);
        var restriction = await fixture.ReadAsync(db => db.Restrictions.AsNoTracking()
            .SingleAsync(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == RestrictionKind.Mortgage && r.Status == RestrictionStatus.Active));
        Assert.Equal(NewName, restriction.Authority);
        var old = await fixture.ReadAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Number == before.CertificateNumber));
        // As for every 抵押权变更: the old certificate of registration is cancelled, the new one issued at 发证.
        Assert.Equal(CertificateStatus.Cancelled, old.Status);
        var report = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/register/verification?unitCode={unit.UnitCode}", Ct));
        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
    }

    [Fact]
    public void An_organisation_code_of_record_is_the_same_organisation_as_the_credit_code_that_carries_it()
    {
        var organisationCode = OrganisationCode.Create("Q9123456").Value;
        var creditCode = UnifiedSocialCreditCode.Create("91441202" + organisationCode).Value;
        var otherCode = UnifiedSocialCreditCode.Create("91441202" + OrganisationCode.Create("Q9123457").Value).Value;
        var ofRecord = new Party { Kind = PartyKind.Organisation, Name = "老城信用社", IdType = IdentityDocumentType.OrganisationCode, IdNumber = organisationCode };

        Assert.True(MortgageChanges.SameOrganisation(ofRecord, new PartyData(PartyKind.Organisation, "新城农商银行", creditCode)));
        Assert.False(MortgageChanges.SameOrganisation(ofRecord, new PartyData(PartyKind.Organisation, "新城农商银行", otherCode)));
        var byCredit = new Party { Kind = PartyKind.Organisation, Name = "某银行", IdType = IdentityDocumentType.CreditCode, IdNumber = creditCode };
        Assert.True(MortgageChanges.SameOrganisation(byCredit, new PartyData(PartyKind.Organisation, "某银行（更名）", creditCode)));
        Assert.False(MortgageChanges.SameOrganisation(byCredit, new PartyData(PartyKind.Organisation, "某银行", otherCode)));
    }
}
