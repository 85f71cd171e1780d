using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// GraphQL.NET's System.Text.Json serializer with our settings, which can also write a result straight into the
/// response body's pipe (<see cref="Write"/>): its <see cref="GraphQLSerializer.WriteAsync{T}"/> serializes into a
/// buffer of its own and then copies that into the response stream.
/// </summary>
internal sealed class RegistryGraphQLSerializer(IErrorInfoProvider errorInfoProvider) : GraphQLSerializer(Configure, errorInfoProvider)
{
    /// <summary>Chinese text (坐落, names, messages) is written as is, not as \u escapes; HTML-significant characters still are.</summary>
    private static void Configure(JsonSerializerOptions json) => json.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>The result as JSON into <paramref name="output"/>, written the way <see cref="GraphQLSerializer.WriteAsync{T}"/> writes it.</summary>
    public void Write(IBufferWriter<byte> output, ExecutionResult result)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Encoder = SerializerOptions.Encoder,
            Indented = SerializerOptions.WriteIndented,
            MaxDepth = SerializerOptions.MaxDepth,
        });
        JsonSerializer.Serialize(writer, result, SerializerOptions);
    }
}
