using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneWindow.Sdk.Rest;

/// <summary>The REST client generated from schema/openapi.v1.json (Generated/Rest.g.cs), with the SDK's JSON settings.</summary>
public partial class OneWindowRestClient
{
    // NSwag puts an enum converter on enum properties but not on lists of enums (availableActions): one converter for
    // every enum, by its wire name, which the generated enums use as member names.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter());
}
