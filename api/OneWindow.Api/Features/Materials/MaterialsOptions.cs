namespace OneWindow.Api.Features.Materials;

/// <summary>Settings under <c>Materials</c>: what an upload may be, and how long unattached uploads are kept.</summary>
public sealed class MaterialsOptions
{
    public const string Section = "Materials";

    /// <summary>PDF, JPEG, PNG and OFD (the national format of e-documents, 版式文档): what registries take as scans.</summary>
    public static IReadOnlyList<string> DefaultContentTypes { get; } = [MaterialFiles.Pdf, MaterialFiles.Jpeg, MaterialFiles.Png, MaterialFiles.Ofd];

    /// <summary>PostgreSQL keeps a bytea value of at most 1 GB; past a few tens of MB files belong in an object store (docs/decisions/0007).</summary>
    public const long MaxFileBytesCeiling = 1_000_000_000;

    /// <summary>
    /// The largest file accepted, in bytes (20 MiB). Note: it also bounds the request body of the upload endpoint
    /// (plus <see cref="MaterialUploadForm.FormOverheadBytes"/> for the other fields), so Kestrel refuses a bigger body
    /// before reading it; raise it with care — every byte of every upload is kept in the database.
    /// </summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// The media types an upload may declare, replacing the defaults when set (configuration appends to a list that
    /// already has items, so the defaults live apart in <see cref="DefaultContentTypes"/>). Note: the bytes of PDF,
    /// JPEG, PNG and OFD files are checked against their type's signature; a type added here without a known
    /// signature is taken on the uploader's word.
    /// </summary>
    public string[]? AllowedContentTypes { get; set; }

    /// <summary>How long an upload no application references is kept before the cleanup deletes it.</summary>
    public TimeSpan UnattachedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Run the cleanup of unattached uploads and unreferenced contents in this instance.</summary>
    public bool CleanupEnabled { get; set; } = true;

    /// <summary>How often the cleanup runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    public IReadOnlyList<string> ContentTypes => AllowedContentTypes is { Length: > 0 } configured
        ? [.. configured.Select(t => t.Trim().ToLowerInvariant())]
        : DefaultContentTypes;
}
