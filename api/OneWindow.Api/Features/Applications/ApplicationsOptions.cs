namespace OneWindow.Api.Features.Applications;

/// <summary>Settings of the applications feature (section <c>Applications</c>).</summary>
public sealed class ApplicationsOptions
{
    public const string Section = "Applications";

    /// <summary>The registry's administrative division: the first six digits of its business numbers.</summary>
    public string Division { get; set; } = "441202";

    /// <summary>The province abbreviation its certificate numbers start with.</summary>
    public string CertificateProvince { get; set; } = "粤";

    /// <summary>The registry's name in its certificate numbers (粤(2025)<b>肇庆市</b>不动产权第0012345号).</summary>
    public string CertificateRegistryName { get; set; } = "肇庆市";

    /// <summary>How many applications one bulk request may carry.</summary>
    public int MaxBulkItems { get; set; } = 1000;

    /// <summary>How many units one application may name (a developer's building).</summary>
    public int MaxUnitsPerApplication { get; set; } = 5000;

    /// <summary>
    /// How long an Idempotency-Key's first answer is kept (at least 24 hours): a retry within it gets that answer,
    /// and the key cannot be used for another request.
    /// </summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How long a joint application waits for its applicants' confirmation: after it, the platform ends it (declined,
    /// the units freed), so that an application nobody confirms cannot hold a unit.
    /// </summary>
    public TimeSpan ConfirmationWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Staff lists call an application "due soon" when at most this many working days remain after today.</summary>
    public int DueSoonWorkingDays { get; set; } = 1;
}
