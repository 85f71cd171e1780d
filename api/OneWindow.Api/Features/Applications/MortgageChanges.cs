using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <param name="Assignee">The new lender of an assignment (抵押权转移登记); null for a change.</param>
/// <param name="NewMortgagee">The mortgagee as it is now (a new name, or its credit code where the register has its organisation code); null otherwise.</param>
public sealed record MortgageChangePayload(
    string CertificateNumber,
    IReadOnlyList<string> UnitCodes,
    PartyData Mortgagee,
    IReadOnlyList<PartyData> Mortgagors,
    PartyData? Assignee,
    long? SecuredAmountFen,
    DateOnly? DebtEndsOn,
    string? Notes,
    PartyData? NewMortgagee = null);

/// <summary>
/// 抵押权变更登记 and 抵押权转移登记 of the mortgage registered under a certificate of registration, on the units named
/// (all of them or some, as for a cancellation). A change (the secured amount, the end of the debt's term) is applied
/// for by the mortgagee and the mortgagors of record; an assignment (the secured claim, and the mortgage with it, passes
/// to another lender: Civil Code art. 407) by the mortgagee of record and the assignee. Entry ends the mortgage on those
/// units and enters it again as changed — same kind, start, mortgagors and agreement on transfer; the new amount or
/// term, or the assignee as mortgagee — under a new certificate of registration, so the old certificate is replaced.
/// On a unit seized (in force), a change that raises the amount or lengthens the term is refused (UNIT_SEIZED); a lower
/// amount, a shorter term, a new name and an assignment are not (decision 0030).
/// </summary>
public sealed class MortgageChanges : ApplicationKind<MortgageChangeRequest, MortgageChangePayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.MortgageChange, BusinessType.MortgageAssignment], "submitMortgageChange", "/mortgage-changes", Scopes.ApplicationsSubmit,
        "抵押权变更登记 (amount or term), or with an assignee 抵押权转移登记 (the claim assigned to another lender).",
        typeof(MortgageChangeInputType), [(ApplicantRole.Mortgagee, "mortgagee"), (ApplicantRole.Mortgagor, "mortgagors"), (ApplicantRole.Transferee, "assignee")]);

    protected override Draft<MortgageChangePayload>? Parse(MortgageChangeRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var certificate = Inputs.CertificateNumberOf(request.CertificateNumber, path + "certificateNumber", problems, context.Today, CertificateKind.Registration);
        var units = Inputs.Units(request.UnitCodes, path + "unitCodes", problems, context.Options.MaxUnitsPerApplication);
        var mortgagee = Inputs.Party(request.Mortgagee, path + "mortgagee", problems, context.Today);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (request.NewMortgagee is not null)
        {
            return Renamed(request, certificate, units, mortgagee, notes, context, problems, path);
        }
        if (request.Assignee is not null)
        {
            var assignee = Inputs.Party(request.Assignee, path + "assignee", problems, context.Today);
            if (assignee is not null && assignee.IdNumber == mortgagee?.IdNumber)
            {
                problems.Add(ErrorCodes.DuplicateParty, path + "assignee.idNumber", "ASSIGNEE_IS_THE_MORTGAGEE");
            }
            if (certificate is null || units is null || mortgagee is null || assignee is null)
            {
                return null;
            }
            return new Draft<MortgageChangePayload>
            {
                Type = BusinessType.MortgageAssignment,
                Payload = new MortgageChangePayload(certificate, units, mortgagee, [], assignee, null, null, notes),
                Applicants = [(ApplicantRole.Mortgagee, mortgagee), (ApplicantRole.Transferee, assignee)],
                UnitCodes = units,
            };
        }
        var mortgagors = Inputs.Parties(request.Mortgagors, path + "mortgagors", problems, context.Today);
        if (request.SecuredAmountFen is <= 0 or > MortgageRegistrations.MaxAmountFen)
        {
            problems.Add(ErrorCodes.InvalidAmount, path + "securedAmountFen", "POSITIVE_FEN");
        }
        var ends = request.DebtEndsOn is null ? null : Inputs.Date(request.DebtEndsOn, path + "debtEndsOn", problems);
        if (request.SecuredAmountFen is null && request.DebtEndsOn is null)
        {
            problems.Add(ErrorCodes.NothingToChange, path + "securedAmountFen");
        }
        MortgageRegistrations.NotAMortgagor(mortgagee, mortgagors, path, problems);
        if (certificate is null || units is null || mortgagee is null || mortgagors is null || problems.Any)
        {
            return null;
        }
        return new Draft<MortgageChangePayload>
        {
            Type = BusinessType.MortgageChange,
            Payload = new MortgageChangePayload(certificate, units, mortgagee, mortgagors, null, request.SecuredAmountFen, ends, notes),
            Applicants = [.. mortgagors.Select(m => (ApplicantRole.Mortgagor, m)), (ApplicantRole.Mortgagee, mortgagee)],
            UnitCodes = units,
        };
    }

    /// <summary>
    /// 抵押权变更 for the mortgagee's name or identity document (实施细则 art. 68 (1); the holder of record's new name may be
    /// applied for by that party alone: 暂行条例 art. 14 (3)). The applicant is the new identity, so the pipeline holds the
    /// submitter to it by its verified credit code; the register check then requires the mortgagee of record to be the
    /// same organisation (<see cref="SameOrganisation"/>). Nothing else of the mortgage changes.
    /// </summary>
    private static Draft<MortgageChangePayload>? Renamed(
        MortgageChangeRequest request, string? certificate, IReadOnlyList<string>? units, PartyData? mortgagee, string? notes,
        SubmitContext context, Problems problems, string path)
    {
        var renamed = Inputs.Party(request.NewMortgagee, path + "newMortgagee", problems, context.Today);
        foreach (var (given, field) in new (object?, string)[]
        {
            (request.Assignee, "assignee"), (request.SecuredAmountFen, "securedAmountFen"), (request.DebtEndsOn, "debtEndsOn"),
            (request.Mortgagors is { Count: > 0 } ? request.Mortgagors : null, "mortgagors"),
        })
        {
            if (given is not null)
            {
                // A name change is its own application: the mortgagee alone; an amount, term or assignment needs the others.
                problems.Add(ErrorCodes.NothingToChange, path + field, "NOT_WITH_A_NEW_MORTGAGEE");
            }
        }
        if (renamed is not null && mortgagee is not null && renamed.Kind != mortgagee.Kind)
        {
            problems.Add(ErrorCodes.InvalidPartyKind, path + "newMortgagee.kind", "SAME_KIND_AS_THE_MORTGAGEE");
        }
        if (renamed is not null && renamed.Kind == PartyKind.Organisation && renamed.IdType != IdentityDocumentType.CreditCode)
        {
            problems.Add(ErrorCodes.InvalidIdType, path + "newMortgagee.idType", "CREDIT_CODE_REQUIRED");
        }
        if (renamed is not null && mortgagee is not null && renamed.IdNumber == mortgagee.IdNumber && renamed.IdType == mortgagee.IdType
            && RegisterChecks.SameName(renamed.Name, mortgagee.Name))
        {
            problems.Add(ErrorCodes.NothingToChange, path + "newMortgagee");
        }
        if (certificate is null || units is null || mortgagee is null || renamed is null || problems.Any)
        {
            return null;
        }
        return new Draft<MortgageChangePayload>
        {
            Type = BusinessType.MortgageChange,
            Payload = new MortgageChangePayload(certificate, units, mortgagee, [], null, null, null, notes, renamed),
            Applicants = [(ApplicantRole.Mortgagee, renamed)],
            UnitCodes = units,
        };
    }

    /// <summary>
    /// Whether the mortgagee of record and the applicant are one organisation: the same credit code (a new name), or
    /// the register's 9-character organisation code (GB 11714) is the one the credit code carries in its characters
    /// 9–17 (GB 32100) — the code the organisation had before it had a credit code. A different code is a different
    /// organisation: its mortgages pass by 抵押权转移登记, with the assignee applying.
    /// </summary>
    public static bool SameOrganisation(Party ofRecord, PartyData now) =>
        ofRecord.IdType == now.IdType && ofRecord.IdNumber == now.IdNumber
        || ofRecord.IdType == IdentityDocumentType.OrganisationCode && now.IdType == IdentityDocumentType.CreditCode
            && now.IdNumber.Length == 18 && now.IdNumber[8..17] == ofRecord.IdNumber;

    /// <summary>The new name is the submitting organisation's name of record: a partner renames only itself.</summary>
    public override void CheckSubmitter(Draft<MortgageChangePayload> draft, RegisterState state, SubmitContext context, Problems problems, string path)
    {
        if (draft.Payload.NewMortgagee is { Kind: PartyKind.Organisation } renamed && context.Partner is { } partner && !RegisterChecks.SameName(partner.Name, renamed.Name))
        {
            problems.Add(ErrorCodes.PartyNameMismatch, path + "newMortgagee.name", "NOT_THE_NAME_OF_RECORD");
        }
    }

    public override IReadOnlyList<string> UnitsToLoad(MortgageChangePayload payload) => payload.UnitCodes;

    public override void Check(MortgageChangePayload payload, RegisterState state, Problems problems, string path)
    {
        for (var i = 0; i < payload.UnitCodes.Count; i++)
        {
            var field = $"{path}unitCodes[{i}]";
            if (RegisterChecks.Existing(state, payload.UnitCodes[i], field, problems) is not { } unit)
            {
                continue;
            }
            if (MortgageCancellations.Mortgage(unit, payload.CertificateNumber) is not { } mortgage)
            {
                problems.Add(ErrorCodes.MortgageNotFound, field, path + "certificateNumber");
                continue;
            }
            RegisterChecks.ApplicantsAreHolders(mortgage, [payload.Mortgagee], path + "mortgagee", field, problems, single: true);
            if (payload.NewMortgagee is { } renamed)
            {
                if (UnitState.HoldersOf(mortgage).FirstOrDefault(h => h.IdNumber == payload.Mortgagee.IdNumber) is { } ofRecord && !SameOrganisation(ofRecord, renamed))
                {
                    problems.Add(ErrorCodes.NotTheSameOrganisation, path + "newMortgagee.idNumber", field);
                }
                continue;
            }
            if (payload.Assignee is not null)
            {
                continue;
            }
            RegisterChecks.ApplicantsAreHolders(mortgage, payload.Mortgagors, path + "mortgagors", field, problems, HolderRole.Obligor);
            if (payload.DebtEndsOn is { } end && mortgage.TermStart is { } start && end < start)
            {
                problems.Add(ErrorCodes.InvalidTerm, path + "debtEndsOn", "ENDS_BEFORE_IT_STARTS");
            }
            if ((payload.SecuredAmountFen ?? mortgage.SecuredAmountFen) == mortgage.SecuredAmountFen && (payload.DebtEndsOn ?? mortgage.TermEnd) == mortgage.TermEnd)
            {
                problems.Add(ErrorCodes.NothingToChange, path + "securedAmountFen");
            }
            RegisterChecks.MortgageNotWorsenedWhileSeized(unit, mortgage, payload.SecuredAmountFen, payload.DebtEndsOn, field, problems);
        }
    }

    public override async Task RecordAsync(MortgageChangePayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var before = payload.UnitCodes.ToDictionary(code => code, code => MortgageCancellations.Mortgage(context.State.Unit(code), payload.CertificateNumber)!, StringComparer.Ordinal);
        var units = await MortgageCancellations.CancelAsync(context, payload.UnitCodes, payload.CertificateNumber, cancellationToken);
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Registration, 1, context.Db, cancellationToken))[0].ToString();
        var mortgagee = payload.NewMortgagee is { } renamed
            ? await context.Parties.IdentityAsync(renamed, cancellationToken)
            : await context.Parties.GetAsync(payload.Assignee ?? payload.Mortgagee, cancellationToken);
        var what = payload.NewMortgagee is not null ? $"抵押权变更（抵押权人由{payload.Mortgagee.Name}变更为{payload.NewMortgagee.Name}）"
            : payload.Assignee is null ? "抵押权变更" : "抵押权转移";
        foreach (var code in payload.UnitCodes)
        {
            var old = before[code];
            var mortgagors = await context.Parties.GetManyAsync(
                [.. UnitState.HoldersOf(old, HolderRole.Obligor).Select(p => new PartyData(p.Kind, p.Name, p.IdNumber, Document: p.IdType, Nationality: p.Nationality))], cancellationToken);
            MortgageRegistrations.AddMortgage(context, units[code], new Right
            {
                Kind = RightKind.Mortgage,
                MortgageKind = old.MortgageKind,
                TransferAgreement = old.TransferAgreement,
                CoOwnership = old.CoOwnership,
                CertificateNumber = certificate,
                SecuredAmountFen = payload.SecuredAmountFen ?? old.SecuredAmountFen,
                TermStart = old.TermStart,
                TermEnd = payload.DebtEndsOn ?? old.TermEnd,
                Nature = old.Nature,
                Notes = payload.Notes ?? $"{what}（原登记证明 {payload.CertificateNumber}）",
                BusinessNumber = context.Application.BusinessNumber,
            }, mortgagee, mortgagors);
        }
    }
}
