namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// The record of the operator's changes to the configuration documents (who, which document, which version) and of
/// how each instance picks them up. Never logs a document's content.
/// </summary>
public sealed partial class ConfigurationActivity(ILogger<ConfigurationActivity> logger)
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Operator {Operator} saved {Document} version {Version}")]
    public partial void DocumentSaved(string @operator, string document, int version);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "After the holiday calendar changed, {Count} provisional deadlines were recomputed")]
    public partial void DeadlinesRecomputed(int count);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Operator {Operator} lost a race saving {Document}; nothing was changed")]
    public partial void ConcurrentChange(string @operator, string document);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information,
        Message = "Loaded {Document} version {Version}")]
    public partial void Loaded(string document, int version);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Error,
        Message = "The stored {Document} version {Version} does not parse; version {KeptVersion} stays in use (0: the shipped default). {Reason}")]
    public partial void StoredDocumentInvalid(string document, int version, int keptVersion, string reason);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning,
        Message = "Could not check the stored version of {Document}; version {KeptVersion} stays in use until the next check")]
    public partial void CheckFailed(string document, int keptVersion, Exception exception);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning,
        Message = "Could not announce {Document} version {Version} on Redis; other instances see it within Configuration:RefreshInterval")]
    public partial void AnnounceFailed(string document, int version, Exception exception);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Warning,
        Message = "Could not subscribe to configuration changes on Redis; this instance sees them within Configuration:RefreshInterval")]
    public partial void SubscribeFailed(Exception exception);
}
