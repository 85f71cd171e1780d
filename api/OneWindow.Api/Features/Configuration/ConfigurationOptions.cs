namespace OneWindow.Api.Features.Configuration;

/// <summary>Settings under <c>Configuration</c>: how the operator's documents reach every instance.</summary>
public sealed class ConfigurationOptions
{
    public const string Section = "Configuration";

    /// <summary>
    /// The bound on how long another instance keeps serving a document after an operator saved a new version: each
    /// instance re-reads the stored version (one indexed single-column query) at most this often per document. With
    /// Redis the change is announced at once as well; this is the bound when that message is lost.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
