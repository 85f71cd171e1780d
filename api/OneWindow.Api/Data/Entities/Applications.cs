namespace OneWindow.Api.Data.Entities;

/// <summary>An application (申请) for a registration. Workflow details arrive with the applications issue.</summary>
public sealed class RegistrationApplication
{
    public long Id { get; set; }
    public required string BusinessNumber { get; set; }
    public required string BusinessType { get; set; }
    public required string Status { get; set; }
    public long? PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateOnly? DueDate { get; set; }
    public List<ApplicationEvent> Events { get; set; } = [];
    public List<ApplicationMaterial> Materials { get; set; } = [];
}

/// <summary>One step of an application's timeline: who did what, when and why.</summary>
public sealed class ApplicationEvent
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public required string Action { get; set; }
    public required string FromStatus { get; set; }
    public required string ToStatus { get; set; }
    public required string Actor { get; set; }
    public string? Reason { get; set; }
    public DateTime OccurredAt { get; set; }
}

/// <summary>A material (申请材料) uploaded for an application.</summary>
public sealed class ApplicationMaterial
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public required string MaterialCode { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
}
