using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using GraphQL;
using OneWindow.Api.Errors;
using static OneWindow.Api.GraphQL.GraphQLErrors;

namespace OneWindow.Api.GraphQL;

/// <summary>The parameters of a well-formed GraphQL-over-HTTP request.</summary>
internal sealed record GraphQLHttpRequest(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions);

/// <summary>A request read from HTTP: either its parameters or why it is refused (status and error).</summary>
internal readonly record struct GraphQLHttpRead(GraphQLHttpRequest? Request, int Status, ReportedError? Error)
{
    public static GraphQLHttpRead Refuse(int status, ReportedError error) => new(null, status, error);
}

/// <summary>
/// Reads the request parameters from a POST body (<c>application/json</c>) or a GET query string, as the
/// GraphQL-over-HTTP spec encodes them, and refuses what is not a well-formed request with a precise reason.
/// </summary>
internal static class GraphQLHttpRequestReader
{
    private const string Query = "query";
    private const string OperationName = "operationName";
    private const string Variables = "variables";
    private const string Extensions = "extensions";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = JsonInput.MaxDepth };

    /// <summary>
    /// Reads the body from the request's pipe without copying it into a string: the bytes stay in the pipe's buffers
    /// until the JSON document over them has given the query text and the variables.
    /// </summary>
    public static async ValueTask<GraphQLHttpRead> ReadBodyAsync(HttpContext context, IGraphQLSerializer serializer, int maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return BodyTooLarge(context, maxBytes);
        }
        var reader = context.Request.BodyReader;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(context.RequestAborted);
            }
            catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return BodyTooLarge(context, maxBytes);
            }
            var buffer = read.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return BodyTooLarge(context, maxBytes);
            }
            if (read.IsCompleted || read.IsCanceled)
            {
                try
                {
                    return Parse(context, buffer, serializer);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }
            // Nothing consumed, everything examined: the next read waits for more of the body.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>GET: the parameters are in the query string, <c>variables</c> and <c>extensions</c> as JSON text.</summary>
    public static GraphQLHttpRead ReadQueryString(HttpContext context, IGraphQLSerializer serializer, int maxLength)
    {
        var request = context.Request;
        if (request.QueryString.Value?.Length > maxLength)
        {
            return GraphQLHttpRead.Refuse(StatusCodes.Status414UriTooLong, Transport(ErrorCodes.RequestTooLarge, English(context),
                detail: Localize(English(context), $"查询字符串至多 {maxLength} 个字符；较大的文档请用 POST。", $"The query string may have at most {maxLength} characters; send larger documents with POST."))
                .With("limit", maxLength));
        }
        var parameters = request.Query;
        if (parameters[Query].Count > 1 || parameters[OperationName].Count > 1 || parameters[Variables].Count > 1 || parameters[Extensions].Count > 1)
        {
            return BadRequest(context, Reasons.RepeatedParameter);
        }
        string? query = parameters[Query];
        if (query is null)
        {
            return BadRequest(context, Reasons.MissingQuery);
        }
        Inputs? variables = null;
        Inputs? extensions = null;
        if (!TryReadJsonParameter(parameters[Variables], serializer, ref variables))
        {
            return BadRequest(context, Reasons.VariablesNotObject);
        }
        if (!TryReadJsonParameter(parameters[Extensions], serializer, ref extensions))
        {
            return BadRequest(context, Reasons.ExtensionsNotObject);
        }
        // The spec: an empty operationName is the same as none.
        string? operationName = parameters[OperationName];
        return new GraphQLHttpRead(new GraphQLHttpRequest(query, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions), 0, null);
    }

    private static GraphQLHttpRead Parse(HttpContext context, ReadOnlySequence<byte> body, IGraphQLSerializer serializer)
    {
        // Lone surrogate escapes, invalid UTF-8, non-finite numbers, too deep: refused here, anywhere in the body.
        if (JsonInput.Problem(body) is not null)
        {
            return BadRequest(context, Reasons.InvalidJson);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException)
        {
            return BadRequest(context, Reasons.InvalidJson);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return GraphQLHttpRead.Refuse(StatusCodes.Status400BadRequest, Transport(ErrorCodes.GraphQLBatchNotSupported, English(context)));
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                return BadRequest(context, Reasons.NotAnObject);
            }
            return ReadParameters(root, serializer, English(context));
        }
    }

    /// <summary>
    /// The parameters of a request object (<c>query</c>, <c>operationName</c>, <c>variables</c>, <c>extensions</c>), as
    /// GraphQL over HTTP and the graphql-transport-ws <c>subscribe</c> payload both carry them.
    /// </summary>
    public static GraphQLHttpRead ReadParameters(JsonElement root, IGraphQLSerializer serializer, bool english)
    {
        string? query = null;
        string? operationName = null;
        JsonElement? variables = null;
        JsonElement? extensions = null;
        var seen = 0;
        foreach (var property in root.EnumerateObject())
        {
            var (bit, valid) = property.Name switch
            {
                Query => (1, property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null),
                OperationName => (2, property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null),
                Variables => (4, property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null),
                Extensions => (8, property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null),
                // The spec reserves every other name; they are ignored.
                _ => (0, true),
            };
            if (bit == 0)
            {
                continue;
            }
            if ((seen & bit) != 0)
            {
                return BadRequest(english, Reasons.RepeatedParameter);
            }
            seen |= bit;
            if (!valid)
            {
                return BadRequest(english, bit switch
                {
                    1 => Reasons.QueryNotString,
                    2 => Reasons.OperationNameNotString,
                    4 => Reasons.VariablesNotObject,
                    _ => Reasons.ExtensionsNotObject,
                });
            }
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            switch (bit)
            {
                case 1:
                    query = value.GetString();
                    break;
                case 2:
                    operationName = value.GetString();
                    break;
                case 4:
                    variables = value;
                    break;
                default:
                    extensions = value;
                    break;
            }
        }
        if (query is null)
        {
            return BadRequest(english, Reasons.MissingQuery);
        }
        if (!TryReadInputs(variables, serializer, out var variableInputs) || !TryReadInputs(extensions, serializer, out var extensionInputs))
        {
            return BadRequest(english, Reasons.InvalidJson);
        }
        return new GraphQLHttpRead(new GraphQLHttpRequest(
            query, string.IsNullOrEmpty(operationName) ? null : operationName, variableInputs, extensionInputs), 0, null);
    }

    private static bool TryReadJsonParameter(string? json, IGraphQLSerializer serializer, ref Inputs? inputs)
    {
        if (string.IsNullOrEmpty(json))
        {
            return true;
        }
        try
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
            if (JsonInput.Problem(utf8) is not null)
            {
                return false;
            }
            using var document = JsonDocument.Parse(utf8, JsonOptions);
            switch (document.RootElement.ValueKind)
            {
                case JsonValueKind.Null:
                    return true;
                case JsonValueKind.Object:
                    return TryReadInputs(document.RootElement, serializer, out inputs);
                default:
                    return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// GraphQL.NET's reading of a JSON object into inputs; a value it cannot represent (checked JSON still may hold
    /// one, e.g. a number too large for every numeric type) is the client's mistake, not ours.
    /// </summary>
    private static bool TryReadInputs(JsonElement? element, IGraphQLSerializer serializer, out Inputs? inputs)
    {
        inputs = null;
        if (element is not { } value)
        {
            return true;
        }
        try
        {
            inputs = serializer.ReadNode<Inputs>(value);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    private static bool English(HttpContext context) => ErrorMessages.PrefersEnglish(context);

    private static GraphQLHttpRead BadRequest(HttpContext context, string reason) => BadRequest(English(context), reason);

    private static GraphQLHttpRead BadRequest(bool english, string reason) =>
        GraphQLHttpRead.Refuse(StatusCodes.Status400BadRequest, Transport(ErrorCodes.GraphQLBadRequest, english, reason));

    private static GraphQLHttpRead BodyTooLarge(HttpContext context, int maxBytes) =>
        GraphQLHttpRead.Refuse(StatusCodes.Status413PayloadTooLarge, Transport(ErrorCodes.RequestTooLarge, English(context),
            detail: Localize(English(context), $"请求体至多 {maxBytes} 字节。", $"The body may have at most {maxBytes} bytes."))
            .With("limit", maxBytes));
}
