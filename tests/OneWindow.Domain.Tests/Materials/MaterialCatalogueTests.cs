using OneWindow.Domain.Applications;
using OneWindow.Domain.Materials;

namespace OneWindow.Domain.Tests.Materials;

public sealed class MaterialCatalogueTests
{
    private static readonly MaterialCatalogue Catalogue = MaterialCatalogue.Default;

    private static MaterialRequirement Line(BusinessType type, string code, params string[] circumstances)
    {
        var result = Catalogue.Checklist(type, circumstances);
        Assert.True(result.Succeeded, result.Error?.Message);
        return Assert.Single(result.Items, item => item.Code == code);
    }

    private static string[] Codes(BusinessType type, ResolvedRequirement requirement, params string[] circumstances) =>
        Catalogue.Checklist(type, circumstances).Items.Where(item => item.Requirement == requirement).Select(item => item.Code).ToArray();

    [Fact]
    public void Default_EveryBusinessType_HasASection()
    {
        Assert.Equal(Enum.GetValues<BusinessType>().Order(), Catalogue.BusinessTypes.Select(section => section.Type).Order());
    }

    [Fact]
    public void Checklist_GeneralMortgage_ListsTheGuidesMaterials()
    {
        Assert.Equal(
            ["APPLICATION_FORM", "IDENTITY", "TITLE_CERTIFICATE", "MAIN_CREDIT_CONTRACT", "MORTGAGE_CONTRACT"],
            Codes(BusinessType.MortgageRegistrationGeneral, ResolvedRequirement.Required));
        Assert.Equal(
            ["POWER_OF_ATTORNEY", "AGENT_IDENTITY", "IN_PERSON_CHECK", "OBJECTION_UNDERTAKING"],
            Codes(BusinessType.MortgageRegistrationGeneral, ResolvedRequirement.NotApplicable));
    }

    [Theory]
    [InlineData(BusinessType.MortgageRegistrationGeneral)]
    [InlineData(BusinessType.MortgageRegistrationMaximumAmount)]
    [InlineData(BusinessType.MortgageRegistrationUnderConstruction)]
    [InlineData(BusinessType.Transfer)]
    public void Checklist_DisposalDespiteObjection_RequiresTheWrittenUndertaking(BusinessType type)
    {
        // 实施细则 art. 84: whoever disposes of a unit under an objection undertakes in writing to bear the risk.
        var line = Line(type, "OBJECTION_UNDERTAKING", "DISPOSAL_DESPITE_OBJECTION");

        Assert.Equal(ResolvedRequirement.Required, line.Requirement);
        Assert.Equal(["DISPOSAL_DESPITE_OBJECTION"], line.Circumstances);
    }

    [Fact]
    public void Checklist_MortgageWithoutClauseInMainContract_RequiresMortgageContract()
    {
        var line = Line(BusinessType.MortgageRegistrationGeneral, "MORTGAGE_CONTRACT");

        Assert.Equal(ResolvedRequirement.Required, line.Requirement);
        Assert.Equal(RequirementReason.NotWaived, line.Reason);
        Assert.Equal(["MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE"], line.Circumstances);
    }

    [Theory]
    [InlineData(BusinessType.MortgageRegistrationGeneral)]
    [InlineData(BusinessType.MortgageRegistrationUnderConstruction)]
    public void Checklist_MainContractHasMortgageClause_MortgageContractBecomesOptional(BusinessType type)
    {
        var line = Line(type, "MORTGAGE_CONTRACT", "MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE");

        Assert.Equal(ResolvedRequirement.Optional, line.Requirement);
        Assert.Equal(RequirementReason.WaivedByCircumstance, line.Reason);
        Assert.Equal(["MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE"], line.Circumstances);
    }

    [Fact]
    public void Checklist_MaximumAmountMortgage_RequiresMaximumAmountContractInsteadOfMortgageContract()
    {
        var items = Catalogue.Checklist(BusinessType.MortgageRegistrationMaximumAmount, []).Items;

        Assert.Equal(ResolvedRequirement.Required, Assert.Single(items, item => item.Code == "MAXIMUM_AMOUNT_MORTGAGE_CONTRACT").Requirement);
        Assert.DoesNotContain(items, item => item.Code == "MORTGAGE_CONTRACT");
        Assert.NotNull(Assert.Single(items, item => item.Code == "MAIN_CREDIT_CONTRACT").Note);
    }

    [Fact]
    public void Checklist_MaximumAmountWithoutExistingDebts_DoesNotAskForThem()
    {
        Assert.Equal(
            ["POWER_OF_ATTORNEY", "AGENT_IDENTITY", "EXISTING_DEBT_CONTRACTS", "WRITTEN_CONSENT", "IN_PERSON_CHECK", "OBJECTION_UNDERTAKING"],
            Codes(BusinessType.MortgageRegistrationMaximumAmount, ResolvedRequirement.NotApplicable));
    }

    [Fact]
    public void Checklist_ExistingDebtsIncluded_RequiresTheirContractsAndWrittenConsent()
    {
        var contracts = Line(BusinessType.MortgageRegistrationMaximumAmount, "EXISTING_DEBT_CONTRACTS", "EXISTING_DEBTS_INCLUDED");
        var consent = Line(BusinessType.MortgageRegistrationMaximumAmount, "WRITTEN_CONSENT", "EXISTING_DEBTS_INCLUDED");

        Assert.Equal(ResolvedRequirement.Required, contracts.Requirement);
        Assert.Equal(ResolvedRequirement.Required, consent.Requirement);
        Assert.Equal(RequirementReason.RequiredByCircumstance, consent.Reason);
        Assert.Equal(["EXISTING_DEBTS_INCLUDED"], consent.Circumstances);
    }

    [Fact]
    public void Checklist_BuildingUnderConstruction_RequiresPlanningPermitAndHousingAuthorityDocuments()
    {
        Assert.Equal(
            ["APPLICATION_FORM", "IDENTITY", "TITLE_CERTIFICATE", "MAIN_CREDIT_CONTRACT", "MORTGAGE_CONTRACT",
                "PLANNING_PERMIT", "HOUSING_AUTHORITY_DOCUMENTS"],
            Codes(BusinessType.MortgageRegistrationUnderConstruction, ResolvedRequirement.Required));
    }

    [Fact]
    public void Checklist_CancellationJointly_RequiresTitleAndRegistrationCertificates()
    {
        Assert.Equal(
            ["APPLICATION_FORM", "IDENTITY", "MORTGAGE_ENDED_EVIDENCE", "TITLE_CERTIFICATE", "REGISTRATION_CERTIFICATE"],
            Codes(BusinessType.MortgageCancellation, ResolvedRequirement.Required, "JOINT_APPLICATION"));
    }

    [Fact]
    public void Checklist_CancellationByMortgageeAlone_RequiresRegistrationCertificateOnly()
    {
        Assert.Equal(
            ["APPLICATION_FORM", "IDENTITY", "MORTGAGE_ENDED_EVIDENCE", "REGISTRATION_CERTIFICATE"],
            Codes(BusinessType.MortgageCancellation, ResolvedRequirement.Required, "MORTGAGEE_ALONE"));
        Assert.Equal(ResolvedRequirement.NotApplicable,
            Line(BusinessType.MortgageCancellation, "TITLE_CERTIFICATE", "MORTGAGEE_ALONE").Requirement);
    }

    [Fact]
    public void Checklist_CancellationByMortgagorAlone_RequiresCourtOrArbitrationDocument()
    {
        Assert.Equal(
            ["APPLICATION_FORM", "IDENTITY", "MORTGAGE_ENDED_EVIDENCE", "COURT_OR_ARBITRATION_DOCUMENT"],
            Codes(BusinessType.MortgageCancellation, ResolvedRequirement.Required, "MORTGAGOR_ALONE"));
    }

    [Fact]
    public void Checklist_CancellationWithoutWhoApplies_ShowsWhatWouldRequireEachCertificate()
    {
        var line = Line(BusinessType.MortgageCancellation, "REGISTRATION_CERTIFICATE");

        Assert.Equal(ResolvedRequirement.NotApplicable, line.Requirement);
        Assert.Equal(RequirementReason.ConditionNotMet, line.Reason);
        Assert.Equal(["JOINT_APPLICATION", "MORTGAGEE_ALONE"], line.Circumstances);
    }

    [Fact]
    public void Checklist_CancellationJointlyAndByMortgageeAlone_ReturnsConflictingCircumstances()
    {
        var result = Catalogue.Checklist(BusinessType.MortgageCancellation, ["JOINT_APPLICATION", "MORTGAGEE_ALONE"]);

        Assert.Equal(MaterialErrors.ConflictingCircumstances, result.Error?.Code);
        Assert.Equal(["JOINT_APPLICATION", "MORTGAGEE_ALONE"], result.Error?.Circumstances);
        Assert.Empty(result.Items);
    }

    [Theory]
    [InlineData(BusinessType.MortgageRegistrationGeneral)]
    [InlineData(BusinessType.MortgageRegistrationMaximumAmount)]
    [InlineData(BusinessType.MortgageRegistrationUnderConstruction)]
    [InlineData(BusinessType.MortgageCancellation)]
    [InlineData(BusinessType.FirstRegistration)]
    [InlineData(BusinessType.Transfer)]
    [InlineData(BusinessType.Objection)]
    [InlineData(BusinessType.AdvanceNotice)]
    [InlineData(BusinessType.MortgageAdvanceNotice)]
    [InlineData(BusinessType.MortgagedTransfer)]
    [InlineData(BusinessType.AdvanceNoticeCancellation)]
    [InlineData(BusinessType.MortgageChange)]
    [InlineData(BusinessType.MortgageAssignment)]
    [InlineData(BusinessType.OwnershipChange)]
    [InlineData(BusinessType.Correction)]
    [InlineData(BusinessType.OwnershipCancellation)]
    [InlineData(BusinessType.CertificateReplacementLost)]
    [InlineData(BusinessType.CertificateReplacementDamaged)]
    public void Checklist_AgentApplies_RequiresPowerOfAttorneyAndAgentId(BusinessType type)
    {
        var required = Codes(type, ResolvedRequirement.Required, "AGENT_APPLIES");

        Assert.Contains("POWER_OF_ATTORNEY", required);
        Assert.Contains("AGENT_IDENTITY", required);
        Assert.Equal(RequirementReason.RequiredByCircumstance, Line(type, "POWER_OF_ATTORNEY", "AGENT_APPLIES").Reason);
    }

    [Theory]
    [InlineData(BusinessType.Seizure)]
    [InlineData(BusinessType.SeizureRelease)]
    public void Checklist_Seizure_RequiresOfficerIdsAssistanceNoticeAndRuling(BusinessType type)
    {
        Assert.Equal(
            ["OFFICER_WORK_IDS", "COURT_ASSISTANCE_NOTICE", "COURT_RULING"],
            Catalogue.Checklist(type, []).Items.Select(item => item.Code));
        Assert.Equal(3, Codes(type, ResolvedRequirement.Required).Length);
    }

    [Fact]
    public void Checklist_FirstRegistration_ListsDeveloperMaterials()
    {
        Assert.Equal(
            ["APPLICATION_FORM", "IDENTITY", "LAND_USE_RIGHT_CERTIFICATE", "PLANNING_CONFORMITY", "COMPLETION_ACCEPTANCE",
                "SURVEY_REPORT", "TAX_RECEIPTS"],
            Codes(BusinessType.FirstRegistration, ResolvedRequirement.Required));
        Assert.Equal(["OTHER_NECESSARY_MATERIALS"], Codes(BusinessType.FirstRegistration, ResolvedRequirement.Optional));
    }

    [Fact]
    public void Checklist_Transfer_ListsContractAndTaxReceipts()
    {
        Assert.Equal(
            ["APPLICATION_FORM", "IDENTITY", "TITLE_CERTIFICATE", "TRANSFER_CONTRACT", "TAX_RECEIPTS"],
            Codes(BusinessType.Transfer, ResolvedRequirement.Required));
    }

    [Theory]
    [InlineData(BusinessType.Seizure, "AGENT_APPLIES")]
    [InlineData(BusinessType.MortgageRegistrationMaximumAmount, "MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE")]
    [InlineData(BusinessType.MortgageRegistrationGeneral, "EXISTING_DEBTS_INCLUDED")]
    [InlineData(BusinessType.Transfer, "JOINT_APPLICATION")]
    [InlineData(BusinessType.Transfer, "NO_SUCH_THING")]
    [InlineData(BusinessType.Transfer, "agent_applies")]
    public void Checklist_CircumstanceNotApplicableToType_ReturnsUnknownCircumstance(BusinessType type, string circumstance)
    {
        var result = Catalogue.Checklist(type, [circumstance]);

        Assert.False(result.Succeeded);
        Assert.Equal(MaterialErrors.UnknownCircumstance, result.Error.Code);
        Assert.Equal([circumstance], result.Error.Circumstances);
    }

    [Fact]
    public void Checklist_SeveralUnknownCircumstances_ListsThemAll()
    {
        var result = Catalogue.Checklist(BusinessType.Seizure, ["AGENT_APPLIES", "FOO", "AGENT_APPLIES"]);

        Assert.Equal(["AGENT_APPLIES", "FOO"], result.Error?.Circumstances);
    }

    [Fact]
    public void Missing_SomeMaterialsProvided_ListsEveryMissingRequiredOneAtOnce()
    {
        var result = Catalogue.Missing(BusinessType.MortgageRegistrationGeneral, ["AGENT_APPLIES"], ["APPLICATION_FORM", "IDENTITY"]);

        Assert.True(result.Succeeded);
        Assert.False(result.IsComplete);
        Assert.Equal(
            ["POWER_OF_ATTORNEY", "AGENT_IDENTITY", "TITLE_CERTIFICATE", "MAIN_CREDIT_CONTRACT", "MORTGAGE_CONTRACT"],
            result.Missing.Select(item => item.Code));
    }

    [Fact]
    public void Missing_WaivedMortgageContractNotProvided_IsComplete()
    {
        var result = Catalogue.Missing(
            BusinessType.MortgageRegistrationGeneral,
            ["MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE"],
            ["APPLICATION_FORM", "IDENTITY", "TITLE_CERTIFICATE", "MAIN_CREDIT_CONTRACT", "SOMETHING_EXTRA"]);

        Assert.True(result.IsComplete);
    }

    [Fact]
    public void Missing_CancellationWithoutWhoApplies_ReturnsCircumstanceRequired()
    {
        var result = Catalogue.Missing(BusinessType.MortgageCancellation, [], ["APPLICATION_FORM"]);

        Assert.Equal(MaterialErrors.CircumstanceRequired, result.Error?.Code);
        Assert.Equal(["JOINT_APPLICATION", "MORTGAGEE_ALONE", "MORTGAGOR_ALONE"], result.Error?.Circumstances);
    }

    [Fact]
    public void Missing_UnknownCircumstance_ReturnsUnknownCircumstance()
    {
        var result = Catalogue.Missing(BusinessType.Seizure, ["AGENT_APPLIES"], []);

        Assert.Equal(MaterialErrors.UnknownCircumstance, result.Error?.Code);
    }

    [Fact]
    public void Catalogue_CircumstancesThatPickApplicants_AreDeclaredForThatType()
    {
        var section = Catalogue.For(BusinessType.MortgageCancellation);

        Assert.Equal(
            [Circumstances.JointApplication, Circumstances.MortgageeAlone, Circumstances.MortgagorAlone],
            Assert.Single(section.Choices).Options);
    }

    [Fact]
    public void Checklist_Items_CarryChineseAndEnglishNames()
    {
        var line = Line(BusinessType.MortgageRegistrationGeneral, "TITLE_CERTIFICATE");

        Assert.Equal("不动产权属证书", line.Name.Zh);
        Assert.Equal("Certificate of title", line.Name.En);
    }
}
