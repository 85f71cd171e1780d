using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

/// <summary>The register checks several business types share.</summary>
public static class RegisterChecks
{
    public static UnitState? Existing(RegisterState state, string unitCode, string field, Problems problems)
    {
        var unit = state.Unit(unitCode);
        if (unit is null)
        {
            problems.Add(ErrorCodes.UnitNotFound, field);
        }
        return unit;
    }

    /// <summary>A seizure forbids every disposal (DOMAIN.md); <paramref name="reason"/> says which, where it is not plain.</summary>
    public static void NotSeized(UnitState unit, string field, Problems problems, string? reason = null)
    {
        if (unit.Has(RestrictionKind.Seizure))
        {
            problems.Add(ErrorCodes.UnitSeized, field, reason);
        }
    }

    /// <summary>
    /// Decision 0030: while a seizure is in force, a mortgage change that raises the secured amount or moves the end of
    /// the debt's term later is a disposal the seizure forbids (more of the unit's value, or for longer, goes ahead of
    /// the seizing creditor). Lowering the amount, shortening the term, renaming the mortgagee and assigning the loan
    /// take nothing from the creditor and are not checked here. An amount of record missing counts as raised; a term of
    /// record without an end cannot be lengthened.
    /// </summary>
    public static void MortgageNotWorsenedWhileSeized(UnitState unit, Right mortgage, long? securedAmountFen, DateOnly? debtEndsOn, string field, Problems problems)
    {
        if (securedAmountFen is { } amount && (mortgage.SecuredAmountFen is not { } before || amount > before))
        {
            NotSeized(unit, field, problems, RaisesTheSecuredAmount);
        }
        if (debtEndsOn is { } end && mortgage.TermEnd is { } ofRecord && end > ofRecord)
        {
            NotSeized(unit, field, problems, LengthensTheDebtTerm);
        }
    }

    /// <summary>The reason of <see cref="ErrorCodes.UnitSeized"/> for a change raising a seized unit's secured amount.</summary>
    public const string RaisesTheSecuredAmount = "RAISES_THE_SECURED_AMOUNT";

    /// <summary>The reason of <see cref="ErrorCodes.UnitSeized"/> for a change lengthening a seized unit's debt term.</summary>
    public const string LengthensTheDebtTerm = "LENGTHENS_THE_DEBT_TERM";

    /// <summary>
    /// 实施细则 art. 84: a disposal while an objection is in force goes ahead only with the applicant's written
    /// undertaking that it knows of the objection and bears the risk (the circumstance
    /// <see cref="DisposalDespiteObjection"/>, which requires the material OBJECTION_UNDERTAKING).
    /// </summary>
    public static void UndertakingGivenIfObjected(UnitState unit, bool undertakingGiven, string field, Problems problems)
    {
        if (unit.Has(RestrictionKind.Objection) && !undertakingGiven)
        {
            problems.Add(ErrorCodes.ObjectionUndertakingRequired, field);
        }
    }

    /// <summary>The circumstance of a disposal while an objection is registered (materials.json).</summary>
    public const string DisposalDespiteObjection = "DISPOSAL_DESPITE_OBJECTION";

    /// <summary>
    /// A disposal without the consent of the advance-notice holder has no effect on the right: refused unless the holder
    /// is one of <paramref name="beneficiaries"/> (the buyer the notice protects, completing the purchase) or the notice
    /// is a bank's mortgage notice on those beneficiaries, which the disposal converts into its mortgage (预告转本).
    /// </summary>
    public static void NoForeignAdvanceNotice(UnitState unit, IEnumerable<PartyData> beneficiaries, string field, Problems problems)
    {
        var allowed = beneficiaries.Select(p => p.IdNumber).ToHashSet(StringComparer.Ordinal);
        var converted = MortgageAdvanceNotices.ConvertedBy(unit, allowed).ToHashSet();
        if (unit.InForce.Any(r => r.Kind == RestrictionKind.AdvanceNotice && !converted.Contains(r.Id) && !allowed.Contains(r.BeneficiaryParty?.IdNumber ?? "")))
        {
            problems.Add(ErrorCodes.UnitUnderAdvanceNotice, field);
        }
    }

    /// <summary>
    /// The applicants of <paramref name="role"/> are exactly the right's parties of that role: each applicant holds it
    /// (by ID number, with the registered name) and no holder is left out (co-owners all apply).
    /// </summary>
    /// <remarks><paramref name="applicantsField"/> names a list (mortgagors → mortgagors[0]) unless <paramref name="single"/>.</remarks>
    public static void ApplicantsAreHolders(
        Right right, IReadOnlyList<PartyData> applicants, string applicantsField, string unitField, Problems problems, HolderRole role = HolderRole.Holder, bool single = false)
    {
        var holders = UnitState.HoldersOf(right, role).ToList();
        for (var i = 0; i < applicants.Count; i++)
        {
            var field = single ? applicantsField : $"{applicantsField}[{i}]";
            // A passport of record is a number of one state: the same number from another state is someone else.
            var holder = holders.FirstOrDefault(h => h.IdNumber == applicants[i].IdNumber && (h.Nationality is null || h.Nationality == applicants[i].Nationality));
            if (holder is null)
            {
                problems.Add(ErrorCodes.ApplicantNotHolder, field, unitField);
            }
            else if (!SameName(holder.Name, applicants[i].Name))
            {
                problems.Add(ErrorCodes.PartyNameMismatch, field + ".name", unitField);
            }
        }
        if (holders.Any(h => applicants.All(a => a.IdNumber != h.IdNumber || (h.Nationality is not null && h.Nationality != a.Nationality))))
        {
            problems.Add(ErrorCodes.HolderNotApplying, unitField, applicantsField);
        }
    }

    public static bool SameName(string registered, string given) =>
        string.Equals(Normalise(registered), Normalise(given), StringComparison.Ordinal);

    // Full-width and ASCII parentheses both occur in organisation names.
    private static string Normalise(string name) => name.Trim().Replace('（', '(').Replace('）', ')');
}
