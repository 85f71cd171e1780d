using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using OneWindow.Sdk.Rest;

namespace OneWindow.Sdk.Audiences;

/// <summary>A file to upload as a material (资料): its bytes, name and media type.</summary>
/// <param name="Content">The scanned or signed document.</param>
/// <param name="FileName">e.g. <c>contract.pdf</c>.</param>
/// <param name="ContentType">e.g. <c>application/pdf</c>.</param>
public sealed record MaterialFile(byte[] Content, string FileName, string ContentType = "application/pdf");

/// <summary>What every signed-in partner does: its applications, their progress, materials, certificates, events.</summary>
public abstract class PartnerClient
{
    private protected PartnerClient(OneWindowRestClient rest) => Rest = rest;

    /// <summary>The whole REST surface (<c>/api/v1</c>), generated from schema/openapi.v1.json.</summary>
    public OneWindowRestClient Rest { get; }

    /// <summary>One application (its submitter, its parties and staff see it).</summary>
    public Task<ApplicationResponse> GetApplicationAsync(string businessNumber, CancellationToken cancellationToken = default) =>
        Rest.GetApplicationAsync(businessNumber, cancellationToken);

    /// <summary>The caller's applications, newest first, every page fetched as it is reached.</summary>
    public IAsyncEnumerable<ApplicationSummaryResponse> ListApplicationsAsync(ApplicationStatus? status = null, BusinessType? businessType = null,
        int pageSize = 50, CancellationToken cancellationToken = default) =>
        Paging.ReadAllAsync<ApplicationSummaryResponse>(async (after, ct) =>
        {
            var page = await Rest.ListApplicationsAsync(status?.ToString(), businessType?.ToString(), null, after, Invariant(pageSize), ct).ConfigureAwait(false);
            return (page.Items ?? [], page.NextCursor);
        }, cancellationToken);

    /// <summary>
    /// The caller's events after <paramref name="after"/> (null: the oldest kept), in commit order, until none is ready
    /// now. Keep the last event's cursor to continue later (docs/events.md).
    /// </summary>
    public async IAsyncEnumerable<EventResponse> ReadEventsAsync(string? after = null, int pageSize = 100,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = after;
        while (true)
        {
            var page = await Rest.ListEventsAsync(cursor, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Events ?? [])
            {
                yield return item;
            }
            if (page.HasMore != true || page.NextCursor is null || page.NextCursor == cursor)
            {
                yield break;
            }
            cursor = page.NextCursor;
        }
    }

    /// <summary>Uploads a material with its SHA-256 (the platform checks it) tagged as checklist material <paramref name="materialCode"/>.</summary>
    public Task<MaterialResponse> UploadMaterialAsync(MaterialFile file, string materialCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sha256 = Convert.ToHexString(SHA256.HashData(file.Content)).ToLowerInvariant();
        return Rest.UploadMaterialAsync(new FileParameter(new MemoryStream(file.Content), file.FileName, file.ContentType), sha256, materialCode, cancellationToken);
    }

    /// <summary>
    /// Uploads every material the checklist of <paramref name="businessType"/> requires in <paramref name="circumstances"/>,
    /// each from <paramref name="fileFor"/> (given the material's code), and returns the references to submit with.
    /// </summary>
    public async Task<List<MaterialReference>> UploadRequiredMaterialsAsync(BusinessType businessType, IEnumerable<string>? circumstances,
        Func<string, MaterialFile> fileFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileFor);
        var checklist = await Rest.GetMaterialChecklistAsync(businessType.ToString(), circumstances, cancellationToken).ConfigureAwait(false);
        var references = new List<MaterialReference>();
        foreach (var item in (checklist.Items ?? []).Where(i => i.Requirement == ResolvedRequirement.REQUIRED && i.Code is not null))
        {
            var uploaded = await UploadMaterialAsync(fileFor(item.Code!), item.Code!, cancellationToken).ConfigureAwait(false);
            references.Add(new MaterialReference { MaterialId = uploaded.Id, Code = item.Code });
        }
        return references;
    }

    /// <summary>The certificates the caller holds or whose application it submitted (本人名下电子证照).</summary>
    public async Task<IReadOnlyList<CertificateSummary>> ListCertificatesAsync(CancellationToken cancellationToken = default) =>
        [.. await Rest.ListMyCertificatesAsync(cancellationToken).ConfigureAwait(false)];

    /// <summary>One certificate, unmasked, with its verification code and its ES256 and SM2 tokens.</summary>
    public Task<CertificateView> GetCertificateAsync(string number, CancellationToken cancellationToken = default) =>
        Rest.GetCertificateAsync(number, cancellationToken);

    private protected static string Key(string? idempotencyKey) => idempotencyKey ?? Guid.NewGuid().ToString("N");

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
