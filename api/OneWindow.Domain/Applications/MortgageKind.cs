namespace OneWindow.Domain.Applications;

/// <summary>The three variants of a mortgage first registration (抵押权首次登记).</summary>
public enum MortgageKind
{
    /// <summary>一般抵押.</summary>
    General = 1,

    /// <summary>最高额抵押.</summary>
    MaximumAmount = 2,

    /// <summary>在建建筑物抵押.</summary>
    BuildingUnderConstruction = 3,
}
