namespace OneWindow.Domain.Applications;

/// <summary>Who performs a workflow action.</summary>
public enum ActorKind
{
    /// <summary>The applicant or the partner submitting for them (bank, developer, agency, court, citizen).</summary>
    Applicant = 1,

    /// <summary>Registry staff (登记人员).</summary>
    Staff = 2,

    /// <summary>The platform itself: automatic steps such as generating an e-certificate.</summary>
    System = 3,
}
