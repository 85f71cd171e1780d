using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Tests.Applications;

public sealed class BusinessTypesTests
{
    [Fact]
    public void All_EveryBusinessType_AppearsOnceInEnumOrder()
    {
        Assert.Equal(Enum.GetValues<BusinessType>(), BusinessTypes.All.Select(info => info.Type));
    }

    [Theory]
    [InlineData(BusinessType.MortgageRegistrationGeneral, "抵押权首次登记（一般抵押）")]
    [InlineData(BusinessType.MortgageCancellation, "抵押权注销登记")]
    [InlineData(BusinessType.FirstRegistration, "国有建设用地使用权及房屋所有权首次登记")]
    [InlineData(BusinessType.Seizure, "查封登记")]
    [InlineData(BusinessType.Objection, "异议登记")]
    [InlineData(BusinessType.AdvanceNotice, "预告登记")]
    public void Get_BusinessType_HasChineseName(BusinessType type, string name)
    {
        Assert.Equal(name, BusinessTypes.Get(type).ChineseName);
    }

    [Theory]
    [InlineData(BusinessType.MortgageRegistrationGeneral, "applications:submit")]
    [InlineData(BusinessType.MortgageRegistrationMaximumAmount, "applications:submit")]
    [InlineData(BusinessType.MortgageRegistrationUnderConstruction, "applications:submit")]
    [InlineData(BusinessType.MortgageCancellation, "applications:submit")]
    [InlineData(BusinessType.FirstRegistration, "applications:submit")]
    [InlineData(BusinessType.Transfer, "applications:submit")]
    [InlineData(BusinessType.Seizure, "seizures:submit")]
    [InlineData(BusinessType.SeizureRelease, "seizures:submit")]
    [InlineData(BusinessType.Objection, "applications:submit")]
    [InlineData(BusinessType.AdvanceNotice, "applications:submit")]
    public void SubmitScope_BusinessType_IsCourtScopeOnlyForSeizures(BusinessType type, string scope)
    {
        Assert.Equal(scope, BusinessTypes.Get(type).SubmitScope);
    }

    [Fact]
    public void RequiresExistingUnits_AllTypes_FalseOnlyForFirstRegistration()
    {
        Assert.Equal(
            [BusinessType.FirstRegistration],
            BusinessTypes.All.Where(info => !info.RequiresExistingUnits).Select(info => info.Type));
    }

    [Theory]
    [InlineData(MortgageKind.General, BusinessType.MortgageRegistrationGeneral)]
    [InlineData(MortgageKind.MaximumAmount, BusinessType.MortgageRegistrationMaximumAmount)]
    [InlineData(MortgageKind.BuildingUnderConstruction, BusinessType.MortgageRegistrationUnderConstruction)]
    public void MortgageRegistration_Kind_MapsBothWays(MortgageKind kind, BusinessType type)
    {
        Assert.Equal(type, BusinessTypes.MortgageRegistration(kind));
        Assert.Equal(kind, BusinessTypes.Get(type).MortgageKind);
        Assert.True(BusinessTypes.Get(type).IsMortgageRegistration);
    }

    [Theory]
    [InlineData(BusinessType.MortgageRegistrationGeneral, new[] { ApplicantRole.Mortgagor, ApplicantRole.Mortgagee })]
    [InlineData(BusinessType.MortgageRegistrationMaximumAmount, new[] { ApplicantRole.Mortgagor, ApplicantRole.Mortgagee })]
    [InlineData(BusinessType.MortgageRegistrationUnderConstruction, new[] { ApplicantRole.Mortgagor, ApplicantRole.Mortgagee })]
    [InlineData(BusinessType.FirstRegistration, new[] { ApplicantRole.Owner })]
    [InlineData(BusinessType.Transfer, new[] { ApplicantRole.Transferor, ApplicantRole.Transferee })]
    [InlineData(BusinessType.Seizure, new[] { ApplicantRole.Court })]
    [InlineData(BusinessType.SeizureRelease, new[] { ApplicantRole.Court })]
    [InlineData(BusinessType.Objection, new[] { ApplicantRole.InterestedParty })]
    public void ResolveApplicants_TypeWithOneOption_GivesItsRoles(BusinessType type, ApplicantRole[] roles)
    {
        Assert.Equal(roles, BusinessTypes.Get(type).ResolveApplicants([Circumstances.AgentApplies])?.Roles);
    }

    [Theory]
    [InlineData(Circumstances.JointApplication, new[] { ApplicantRole.Mortgagor, ApplicantRole.Mortgagee })]
    [InlineData(Circumstances.MortgageeAlone, new[] { ApplicantRole.Mortgagee })]
    [InlineData(Circumstances.MortgagorAlone, new[] { ApplicantRole.Mortgagor })]
    public void ResolveApplicants_CancellationByCircumstance_GivesThoseRoles(string circumstance, ApplicantRole[] roles)
    {
        Assert.Equal(roles, BusinessTypes.Get(BusinessType.MortgageCancellation).ResolveApplicants([circumstance])?.Roles);
    }

    [Fact]
    public void ResolveApplicants_CancellationWithoutWhoApplies_IsNull()
    {
        Assert.Null(BusinessTypes.Get(BusinessType.MortgageCancellation).ResolveApplicants([]));
    }

    [Fact]
    public void ResolveApplicants_CancellationWithTwoOptions_IsNull()
    {
        Assert.Null(BusinessTypes.Get(BusinessType.MortgageCancellation)
            .ResolveApplicants([Circumstances.JointApplication, Circumstances.MortgageeAlone]));
    }

    [Fact]
    public void Get_UndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessTypes.Get((BusinessType)99));
    }
}
