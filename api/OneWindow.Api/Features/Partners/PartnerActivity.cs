using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Partners;

/// <summary>
/// The record of every sign-up and operator action on partners and their clients: who, what, on which partner or
/// client (the log scope adds when and the trace id). Approvals and suspensions are also kept on the partner
/// (ReviewedAt/By/Note) and client changes on the client (CreatedAt, SecretRotatedAt, RevokedAt). Never logs a
/// secret, a hash or a contact's details.
/// </summary>
public sealed partial class PartnerActivity(ILogger<PartnerActivity> logger)
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Partner {PartnerId} signed up: kind {Kind}, credit code {CreditCode}, pending review")]
    public partial void SignedUp(long partnerId, PartnerKind kind, string creditCode);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Operator {Operator} changed partner {PartnerId} from {From} to {To}; note: {Note}")]
    public partial void Reviewed(string @operator, long partnerId, PartnerStatus from, PartnerStatus to, string? note);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Operator {Operator} created client {ClientId} for partner {PartnerId}")]
    public partial void ClientCreated(string @operator, string clientId, long partnerId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "Operator {Operator} rotated the secret of client {ClientId} of partner {PartnerId}; the previous one is accepted until {PreviousExpiresAt:O}")]
    public partial void SecretRotated(string @operator, string clientId, long partnerId, DateTime previousExpiresAt);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information,
        Message = "Operator {Operator} revoked client {ClientId} of partner {PartnerId}")]
    public partial void ClientRevoked(string @operator, string clientId, long partnerId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning,
        Message = "Operator {Operator} lost a race changing client {ClientId}; nothing was changed")]
    public partial void ConcurrentChange(string @operator, string clientId);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information,
        Message = "Operator {Operator} set the authorised channel of partner {PartnerId} to {Authorised}: {Note}")]
    public partial void ChannelSet(string @operator, long partnerId, bool authorised, string? note);
}
