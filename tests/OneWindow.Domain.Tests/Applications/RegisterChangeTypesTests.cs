using OneWindow.Domain.Applications;
using OneWindow.Domain.Materials;

namespace OneWindow.Domain.Tests.Applications;

/// <summary>The business types of decision 0022: numbers, who files them, their time limits and their checklists.</summary>
public sealed class RegisterChangeTypesTests
{
    [Theory]
    [InlineData(BusinessType.OwnershipChange, 20, "applications:submit", 5)]
    [InlineData(BusinessType.Correction, 21, "applications:submit", 5)]
    [InlineData(BusinessType.RegistryCorrection, 22, "registry:staff", 5)]
    [InlineData(BusinessType.OwnershipCancellation, 23, "applications:submit", 5)]
    [InlineData(BusinessType.CertificateReplacementLost, 24, "applications:submit", 5)]
    [InlineData(BusinessType.CertificateReplacementDamaged, 25, "applications:submit", 5)]
    [InlineData(BusinessType.CourtOrderedTransfer, 26, "seizures:submit", 0)]
    public void Each_type_keeps_its_number_scope_and_time_limit(BusinessType type, int number, string scope, int workingDays)
    {
        Assert.Equal(number, (int)type);
        Assert.Equal(scope, BusinessTypes.Get(type).SubmitScope);
        Assert.Equal(workingDays, TimeLimitPolicy.Default.WorkingDaysFor(type));
        Assert.True(BusinessTypes.Get(type).RequiresExistingUnits);
    }

    [Theory]
    [InlineData(BusinessType.OwnershipChange, "CHANGE_EVIDENCE")]
    [InlineData(BusinessType.Correction, "REGISTER_ERROR_EVIDENCE")]
    [InlineData(BusinessType.RegistryCorrection, "CORRECTION_NOTICE")]
    [InlineData(BusinessType.OwnershipCancellation, "DESTRUCTION_EVIDENCE")]
    [InlineData(BusinessType.CertificateReplacementLost, "LOSS_DECLARATION")]
    [InlineData(BusinessType.CertificateReplacementDamaged, "DAMAGED_CERTIFICATE")]
    [InlineData(BusinessType.CourtOrderedTransfer, "COURT_RULING")]
    public void Each_type_s_checklist_lists_its_own_evidence(BusinessType type, string code)
    {
        var section = MaterialCatalogue.Default.For(type);

        Assert.True(section.Lists(code));
    }
}
