namespace OneWindow.Api.Data.Entities;

public enum PartnerKind { Bank, Developer, Agency, Court, Verifier }

public enum PartnerStatus { Pending, Approved, Suspended }

/// <summary>An organisation that reaches the registry through the gateway.</summary>
public sealed class Partner
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Unified social credit code (统一社会信用代码).</summary>
    public required string CreditCode { get; set; }
    public PartnerKind Kind { get; set; }
    public PartnerStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Who at the partner the registry talks to about its access.</summary>
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>When an operator last approved or suspended it, who, and why.</summary>
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewNote { get; set; }
    /// <summary>
    /// An authorised channel (e.g. a bank's in-branch service): an operator approved that it checks every applicant in
    /// person, so its filings carry the signed application and the in-person check and count as the parties' consent.
    /// </summary>
    public bool IsAuthorisedChannel { get; set; }
    /// <summary>When an operator last granted or withdrew the channel, who, and why.</summary>
    public DateTime? ChannelReviewedAt { get; set; }
    public string? ChannelReviewedBy { get; set; }
    public string? ChannelNote { get; set; }
}
