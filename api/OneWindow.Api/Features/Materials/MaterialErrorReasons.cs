namespace OneWindow.Api.Features.Materials;

/// <summary>
/// The <c>reason</c> of an upload's MATERIAL_TYPE_NOT_ALLOWED. Field errors use the identifiers' reasons (EMPTY,
/// LENGTH, CHARACTERS, FORMAT).
/// </summary>
public static class MaterialErrorReasons
{
    /// <summary>The declared media type is not in <c>Materials:AllowedContentTypes</c>.</summary>
    public const string NotAllowed = "NOT_ALLOWED";

    /// <summary>The first bytes are not the signature (magic number) of the declared type.</summary>
    public const string Signature = "SIGNATURE";
}
