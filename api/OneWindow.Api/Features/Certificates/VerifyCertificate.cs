using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Caching;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;
using OneWindow.Api.Limits;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Certificates;

/// <summary>Verification by number and code, or by the QR token (REST body; GraphQL has one field per way).</summary>
public sealed record CertificateVerificationRequest(string? Number = null, string? VerificationCode = null, string? Token = null);

/// <summary>A holder or obligor as verification shows it: a person masked, an organisation in clear.</summary>
public sealed record VerifiedParty(string Name, string IdNumber);

public sealed record VerifiedUnit(string UnitCode, string Location);

/// <summary>
/// The answer to a verification: whether the certificate is authentic, and if so where it stands now. A negative
/// answer carries <see cref="Failure"/> (a code of schema/errors.md) and its message, never personal data.
/// </summary>
public sealed record CertificateVerification(
    bool Authentic,
    string? Failure,
    string? FailureMessage,
    CertificateStatus? Status,
    string? Number,
    string? Kind,
    int? Edition,
    string? Matter,
    string? Registry,
    DateOnly? IssuedOn,
    IReadOnlyList<VerifiedParty> Holders,
    IReadOnlyList<VerifiedParty> Obligors,
    IReadOnlyList<VerifiedUnit> Units,
    int UnitCount,
    string? RightNature,
    DateTime? StatusChangedAt,
    string? ReplacedBy,
    string? KeyId,
    string? Algorithm);

/// <summary>
/// What verification needs of a certificate, cached per number (L2 and the number's version token).
/// <paramref name="EarlierCodeSha256s"/>: the codes of the editions a reissue replaced, oldest (edition 1) first.
/// </summary>
public sealed record CertificateRecord(
    long Id, string Number, string CodeSha256, CertificateStatus Status, DateTime? StatusChangedAt, string? ReplacedBy, int Edition,
    bool Issued, string? Payload, IReadOnlyList<string> EarlierCodeSha256s);

/// <summary>
/// 验证电子证照: by number and verification code, or by the token of its QR code (ES256 or SM2, checked against the
/// published keys). Authentic or not, then the status now, which follows the register (cancelled, replaced). Callers
/// without <c>certificates:verify</c> get a tight rate limit, verifier clients a higher one; wrong codes are counted
/// per certificate number for each caller and, far higher, across all callers. Reads go through the number's version token, so an instance never
/// answers with a status older than the last committed change.
/// </summary>
internal sealed class VerifyCertificate(
    RegistryDbContext db, RegistryCache cache, CertificateKeys keys, CertificateProduction production, LimitCounters counters,
    IOptions<CertificatesOptions> options, IOptions<LimitsOptions> limits, IConfiguration configuration)
{
    private const int MaxCodeLength = 32;

    public async Task<Result<CertificateVerification>> HandleAsync(CertificateVerificationRequest? request, Caller caller, HttpContext? http, CancellationToken cancellationToken)
    {
        var byToken = !string.IsNullOrEmpty(request?.Token);
        var byNumber = !string.IsNullOrEmpty(request?.Number) || !string.IsNullOrEmpty(request?.VerificationCode);
        if (byToken == byNumber)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidVerificationRequest, byToken ? "token" : "number", byToken ? "NUMBER_OR_TOKEN" : "EMPTY");
        }
        var who = CallerKey(caller, http);
        if (await AcquireAsync(caller, who, http, cancellationToken) is { } limited)
        {
            return limited;
        }
        return byToken
            ? await ByTokenAsync(request!.Token!, cancellationToken)
            : await ByNumberAsync(request!.Number, request.VerificationCode, who, cancellationToken);
    }

    private async Task<Result<CertificateVerification>> ByNumberAsync(string? numberText, string? code, string who, CancellationToken cancellationToken)
    {
        if (!CertificateNumber.TryParse(numberText, out var number, out var error))
        {
            return ApiError.Invalid(error, "number");
        }
        var normalized = NormalizeCode(code);
        if (normalized is null)
        {
            return ApiError.BadRequest(string.IsNullOrWhiteSpace(code) ? ErrorCodes.FieldRequired : ErrorCodes.InvalidVerificationCode, "verificationCode");
        }
        var canonical = number.ToString();
        var guesses = GuessPartitions(canonical, who);
        foreach (var partition in guesses)
        {
            if (await counters.SpendBudgetAsync(partition, 0, cancellationToken) is { Remaining: <= 0 } spent)
            {
                return new ApiError(ErrorCodes.VerificationThrottled, StatusCodes.Status429TooManyRequests, Field: "number", RetryAfter: spent.ResetSeconds);
            }
        }
        var record = await RecordAsync(canonical, cancellationToken);
        if (record is null)
        {
            return Negative(ErrorCodes.CertificateNotFound);
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(record.CodeSha256), given))
        {
            // The code of an edition a reissue replaced (补证/换证): the old paper is authentic, and replaced.
            for (var i = 0; i < record.EarlierCodeSha256s.Count; i++)
            {
                if (CryptographicOperations.FixedTimeEquals(Convert.FromHexString(record.EarlierCodeSha256s[i]), given))
                {
                    return Answer(record, i + 1, null, null);
                }
            }
            foreach (var partition in guesses)
            {
                await counters.SpendBudgetAsync(partition, 1, cancellationToken);
            }
            return Negative(ErrorCodes.VerificationCodeMismatch);
        }
        return Answer(record, record.Edition, null, null);
    }

    public async Task<Result<CertificateVerification>> ByTokenAsync(string token, CancellationToken cancellationToken)
    {
        var published = new Dictionary<string, CertificatePublicKey?>(StringComparer.Ordinal);
        var parts = token.Split('.');
        // The key is looked up before the (synchronous) check, so the check itself needs no database.
        if (parts.Length == 3 && token.Length <= CertificateTokens.MaxTokenLength && KeyIdOf(parts[0]) is { } keyId)
        {
            published[keyId] = await keys.PublicKeyAsync(keyId, cancellationToken);
        }
        var check = CertificateTokens.Check(token, kid => published.GetValueOrDefault(kid));
        if (!check.Authentic)
        {
            return Negative(check.Failure switch
            {
                TokenFailure.UnsupportedAlgorithm => ErrorCodes.TokenAlgorithmUnsupported,
                TokenFailure.UnknownKey => ErrorCodes.TokenKeyUnknown,
                TokenFailure.SignatureInvalid => ErrorCodes.TokenSignatureInvalid,
                _ => ErrorCodes.TokenMalformed,
            });
        }
        // Signed by the registry: what it certifies is as the payload says; the status is the register's now.
        var payload = CertificateContent.ReadPayload(check.Payload!);
        if (payload?.Number is not { } numberText || !CertificateNumber.TryParse(numberText, out var number, out _, new DateOnly(9998, 1, 1)))
        {
            return Negative(ErrorCodes.TokenMalformed);
        }
        var record = await RecordAsync(number.ToString(), cancellationToken);
        if (record is null)
        {
            return Negative(ErrorCodes.CertificateNotFound);
        }
        return Answer(record with { Payload = check.Payload }, payload.Edition, check.KeyId, check.Algorithm);
    }

    /// <summary>The certificate's record by canonical number, through the cache; null when none is issued.</summary>
    private async Task<CertificateRecord?> RecordAsync(string number, CancellationToken cancellationToken)
    {
        var key = CertificateProduction.CacheKey(number);
        var found = await cache.GetManyAsync<CertificateRecord>([key], "certificate-v2", async (_, ct) =>
        {
            var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Number == number, ct);
            if (certificate is null || certificate.IssuedAt is null)
            {
                return new Dictionary<string, CertificateRecord>();
            }
            certificate = await production.EnsureProducedAsync(certificate, ct);
            if (certificate is null)
            {
                return new Dictionary<string, CertificateRecord>();
            }
            return new Dictionary<string, CertificateRecord>
            {
                [key] = new(certificate.Id, certificate.Number, CodeSha256(certificate.VerificationCode),
                    certificate.Status, certificate.StatusChangedAt is { } changed ? DateTime.SpecifyKind(changed, DateTimeKind.Utc) : null,
                    certificate.ReplacedBy, certificate.Edition, true, certificate.Payload,
                    [.. (certificate.EarlierCodes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(CodeSha256)]),
            };
        }, cancellationToken);
        return found.GetValueOrDefault(key);
    }

    private static CertificateVerification Answer(CertificateRecord record, int edition, string? keyId, string? algorithm)
    {
        var payload = record.Payload is null ? null : CertificateContent.ReadPayload(record.Payload);
        // A token of an older edition: a reissue (补证/换证) replaced it, whatever the register says of the right.
        var status = edition < record.Edition ? CertificateStatus.Replaced : record.Status;
        return new CertificateVerification(
            true, null, null, status, record.Number, payload?.Kind, edition, payload?.Matter, payload?.Registry,
            payload is null ? null : DateOnly.ParseExact(payload.IssuedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            [.. (payload?.Holders ?? []).Select(p => new VerifiedParty(p.Name, p.IdNumber))],
            [.. (payload?.Obligors ?? []).Select(p => new VerifiedParty(p.Name, p.IdNumber))],
            [.. (payload?.Units ?? []).Select(u => new VerifiedUnit(u.UnitCode, u.Location))],
            payload?.UnitCount ?? 0, payload?.RightNature, record.StatusChangedAt,
            edition < record.Edition ? record.Number : record.ReplacedBy, keyId, algorithm);
    }

    private static string CodeSha256(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    private static CertificateVerification Negative(string code) =>
        new(false, code, null, null, null, null, null, null, null, null, [], [], [], 0, null, null, null, null, null);

    /// <summary>Upper case, without spaces and hyphens; null when it is not 4–32 letters or digits.</summary>
    public static string? NormalizeCode(string? code)
    {
        if (code is null)
        {
            return null;
        }
        var text = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return text.Length is >= 4 and <= MaxCodeLength && text.All(char.IsAsciiLetterOrDigit) ? text : null;
    }

    private static string? KeyIdOf(string header)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(CertificateTokens.FromBase64Url(header));
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == System.Text.Json.JsonValueKind.String
                && kid.GetString() is { Length: > 0 and <= 64 } value ? value : null;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Counts the verification against the caller's verification limit; the refusal when it is over.</summary>
    private async Task<ApiError?> AcquireAsync(Caller caller, string who, HttpContext? http, CancellationToken cancellationToken)
    {
        if (!limits.Value.Enabled)
        {
            return null;
        }
        var policy = IsVerifier(caller)
            ? new LimitPolicy("certificates-verifier", options.Value.VerifierPerMinute, TimeSpan.FromMinutes(1), 0)
            : new LimitPolicy("certificates-anonymous", options.Value.AnonymousPerMinute, TimeSpan.FromMinutes(1), 0);
        var count = await counters.AcquireRequestAsync(new LimitPartition(Key("verify", who), policy), cancellationToken);
        if (count.Allowed)
        {
            return null;
        }
        if (http is not null)
        {
            http.Response.Headers.RetryAfter = count.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        }
        return new ApiError(ErrorCodes.RateLimited, StatusCodes.Status429TooManyRequests, RetryAfter: count.ResetSeconds);
    }

    private static bool IsVerifier(Caller caller) => caller.PartnerId is not null && caller.HasScope(Scopes.CertificatesVerify);

    /// <summary>Whose limits a verification counts against: a verifier client, a signed-in subject, else the address.</summary>
    private static string CallerKey(Caller caller, HttpContext? http) =>
        IsVerifier(caller) ? "client:" + caller.ClientId
        : caller.SubjectKey is { } subject ? subject
        : "ip:" + Address(http);

    /// <summary>The wrong-code budgets of a number: the caller's own, and everyone's together.</summary>
    private LimitPartition[] GuessPartitions(string number, string who) => limits.Value.Enabled
        ?
        [
            new(Key("verify-guess", number + "|" + who), new LimitPolicy("certificates-wrong-codes-caller", 1, TimeSpan.FromMinutes(1), options.Value.WrongCodesPerCaller)),
            new(Key("verify-guess", number), new LimitPolicy("certificates-wrong-codes", 1, TimeSpan.FromMinutes(1), options.Value.WrongCodesPerNumber)),
        ]
        : [];

    private string Key(string kind, string id) => $"{RegistryCaching.Prefix(configuration)}:{kind}:{id.Replace('{', '(').Replace('}', ')')}";

    private static string Address(HttpContext? http)
    {
        var address = http?.Connection.RemoteIpAddress;
        return address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
