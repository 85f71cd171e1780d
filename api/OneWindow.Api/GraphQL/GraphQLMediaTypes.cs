using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace OneWindow.Api.GraphQL;

/// <summary>The response media types of the GraphQL-over-HTTP spec, and how a request's Accept header picks one.</summary>
internal enum GraphQLMediaType
{
    /// <summary>No supported type is acceptable: 406.</summary>
    None,

    /// <summary><c>application/graphql-response+json</c>: request errors get 4xx; the default.</summary>
    GraphQLResponse,

    /// <summary><c>application/json</c>, for legacy clients: every well-formed request gets 200.</summary>
    Json,
}

internal static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string GraphQLResponseUtf8 = "application/graphql-response+json; charset=utf-8";
    public const string JsonUtf8 = "application/json; charset=utf-8";

    public static string ContentType(GraphQLMediaType type) => type == GraphQLMediaType.Json ? JsonUtf8 : GraphQLResponseUtf8;

    /// <summary>
    /// The highest-quality acceptable type; at equal quality a type named outright beats a wildcard, and
    /// graphql-response+json beats json. No Accept header: graphql-response+json, as the spec says since the 2025
    /// watershed.
    /// </summary>
    public static GraphQLMediaType Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return GraphQLMediaType.GraphQLResponse;
        }
        // The common headers answered without parsing.
        if (accept.Count == 1)
        {
            switch (accept[0])
            {
                case GraphQLResponse or "*/*":
                    return GraphQLMediaType.GraphQLResponse;
                case Json:
                    return GraphQLMediaType.Json;
            }
        }
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            // Note: an unparseable Accept header is treated as absent rather than refused.
            return GraphQLMediaType.GraphQLResponse;
        }
        var best = GraphQLMediaType.None;
        var bestRank = (Quality: 0.0, Explicit: false);
        foreach (var range in ranges)
        {
            var quality = range.Quality ?? 1.0;
            if (quality <= 0)
            {
                continue;
            }
            var (type, isExplicit) = Match(range);
            if (type == GraphQLMediaType.None)
            {
                continue;
            }
            var better = quality > bestRank.Quality
                || (quality == bestRank.Quality && isExplicit && !bestRank.Explicit)
                || (quality == bestRank.Quality && isExplicit == bestRank.Explicit && type == GraphQLMediaType.GraphQLResponse);
            if (better)
            {
                best = type;
                bestRank = (quality, isExplicit);
            }
        }
        return best;
    }

    /// <summary>True when the request accepts HTML outright (a browser's navigation), not through a wildcard.</summary>
    public static bool AcceptsHtml(StringValues accept)
    {
        foreach (var value in accept)
        {
            if (value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True for <c>application/json</c> in UTF-8 (the spec's one required request type), with or without a charset.</summary>
    public static bool IsJsonUtf8(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }
        if (!parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var charset = parsed.Charset;
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    private static (GraphQLMediaType Type, bool Explicit) Match(MediaTypeHeaderValue range)
    {
        var mediaType = range.MediaType;
        if (mediaType.Equals(GraphQLResponse, StringComparison.OrdinalIgnoreCase))
        {
            return (GraphQLMediaType.GraphQLResponse, true);
        }
        if (mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return (GraphQLMediaType.Json, true);
        }
        if (mediaType.Equals("*/*", StringComparison.Ordinal) || mediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
        {
            return (GraphQLMediaType.GraphQLResponse, false);
        }
        return (GraphQLMediaType.None, false);
    }
}
