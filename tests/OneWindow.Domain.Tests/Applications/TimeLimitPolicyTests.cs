using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Tests.Applications;

public sealed class TimeLimitPolicyTests
{
    [Theory]
    [InlineData(BusinessType.MortgageRegistrationGeneral, 3, false)]
    [InlineData(BusinessType.MortgageRegistrationMaximumAmount, 3, false)]
    [InlineData(BusinessType.MortgageRegistrationUnderConstruction, 3, false)]
    [InlineData(BusinessType.MortgageCancellation, 0, true)]
    [InlineData(BusinessType.FirstRegistration, 5, false)]
    [InlineData(BusinessType.Transfer, 5, false)]
    [InlineData(BusinessType.Seizure, 0, true)]
    [InlineData(BusinessType.SeizureRelease, 0, true)]
    [InlineData(BusinessType.Objection, 0, true)]
    [InlineData(BusinessType.AdvanceNotice, 5, false)]
    // The types added since (numbers 11-16; 20-26 are in RegisterChangeTypesTests): the other mortgage registrations
    // are held to the mortgage's 3 days, a transfer with its mortgage to a transfer's 5; a court's extension and a
    // holder giving up its own advance notice are handled at once, like a seizure and a cancellation.
    [InlineData(BusinessType.SeizureExtension, 0, true)]
    [InlineData(BusinessType.MortgageAdvanceNotice, 3, false)]
    [InlineData(BusinessType.MortgagedTransfer, 5, false)]
    [InlineData(BusinessType.AdvanceNoticeCancellation, 0, true)]
    [InlineData(BusinessType.MortgageChange, 3, false)]
    [InlineData(BusinessType.MortgageAssignment, 3, false)]
    public void Default_BusinessType_HasSeedCommitment(BusinessType type, int workingDays, bool immediate)
    {
        Assert.Equal(workingDays, TimeLimitPolicy.Default.WorkingDaysFor(type));
        Assert.Equal(immediate, TimeLimitPolicy.Default.IsImmediate(type));
    }

    [Fact]
    public void Create_Override_ReplacesOnlyThatType()
    {
        var policy = TimeLimitPolicy.Create(new Dictionary<BusinessType, int> { [BusinessType.MortgageRegistrationGeneral] = 10 });

        Assert.Equal(10, policy.WorkingDaysFor(BusinessType.MortgageRegistrationGeneral));
        Assert.Equal(3, policy.WorkingDaysFor(BusinessType.MortgageRegistrationMaximumAmount));
        Assert.Equal(3, TimeLimitPolicy.Default.WorkingDaysFor(BusinessType.MortgageRegistrationGeneral));
    }

    [Fact]
    public void FromConfiguration_NamesInAnyCase_Apply()
    {
        var policy = TimeLimitPolicy.FromConfiguration(new Dictionary<string, int>
        {
            ["transfer"] = 30,
            ["MortgageCancellation"] = 1,
        });

        Assert.Equal(30, policy.WorkingDaysFor(BusinessType.Transfer));
        Assert.False(policy.IsImmediate(BusinessType.MortgageCancellation));
    }

    [Theory]
    [InlineData("Mortgage")]
    [InlineData("4")]
    [InlineData("")]
    public void FromConfiguration_UnknownName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => TimeLimitPolicy.FromConfiguration(new Dictionary<string, int> { [name] = 3 }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(31)]
    public void Create_OutsideStatutoryRange_Throws(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TimeLimitPolicy.Create(new Dictionary<BusinessType, int> { [BusinessType.Transfer] = days }));
    }
}
