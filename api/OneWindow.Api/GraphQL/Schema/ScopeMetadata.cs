using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace OneWindow.Api.GraphQL.Schema;

/// <summary>
/// Each root field and each object type states the OAuth scope it needs, as metadata the authorization rule reads
/// (an object type reachable through <c>node</c> carries its own).
/// </summary>
public static class ScopeMetadata
{
    public const string Key = "ow:scope";

    /// <summary>Marks a field or type as open to anonymous callers by design.</summary>
    public const string Anonymous = "";

    /// <summary>Any valid access token, whatever its scopes (the objects returned state their own).</summary>
    public const string Authenticated = "*";

    public static FieldBuilder<TSource, TReturn> RequireScope<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string scope)
    {
        field.FieldType.WithMetadata(Key, scope);
        return field;
    }

    public static TMetadataWriter RequireScope<TMetadataWriter>(this TMetadataWriter type, string scope) where TMetadataWriter : IMetadataWriter
    {
        type.WithMetadata(Key, scope);
        return type;
    }

    /// <summary>The scope the field or type states; null when it states none (the rule treats that as an error).</summary>
    public static string? RequiredScope(this IMetadataReader item) => item.GetMetadata<string?>(Key);
}
