using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;

namespace OneWindow.Sdk.Tests.Contract;

/// <summary>
/// What a partner built against a released contract relies on, and whether the current contract still offers it:
/// every type, field, argument, input field and enum value of the GraphQL schema, and every REST route, parameter and
/// schema property of the OpenAPI document. A change is breaking when something is removed or retyped in a way an old
/// client notices, or a new required argument or parameter appears; whatever the release had marked deprecated may go.
/// </summary>
public static class ContractCompatibility
{
    /// <summary>The breaking changes from <paramref name="released"/> to <paramref name="current"/> (SDL), one line each.</summary>
    public static IReadOnlyList<string> GraphQLBreaks(string released, string current)
    {
        var before = Types(released);
        var after = Types(current);
        var breaks = new List<string>();
        foreach (var (name, old) in before)
        {
            if (!after.TryGetValue(name, out var now))
            {
                breaks.Add($"type {name} removed");
                continue;
            }
            if (old.GetType() != now.GetType())
            {
                breaks.Add($"type {name} changed kind");
                continue;
            }
            switch (old, now)
            {
                case (GraphQLObjectTypeDefinition o, GraphQLObjectTypeDefinition n):
                    OutputFields(name, o.Fields, n.Fields, breaks);
                    break;
                case (GraphQLInterfaceTypeDefinition o, GraphQLInterfaceTypeDefinition n):
                    OutputFields(name, o.Fields, n.Fields, breaks);
                    break;
                case (GraphQLInputObjectTypeDefinition o, GraphQLInputObjectTypeDefinition n):
                    InputValues($"input {name}", o.Fields?.Items, n.Fields?.Items, breaks);
                    break;
                case (GraphQLEnumTypeDefinition o, GraphQLEnumTypeDefinition n):
                    var values = (n.Values?.Items ?? []).Select(v => v.Name.StringValue).ToHashSet(StringComparer.Ordinal);
                    breaks.AddRange((o.Values?.Items ?? []).Where(v => !Deprecated(v.Directives) && !values.Contains(v.Name.StringValue))
                        .Select(v => $"enum value {name}.{v.Name.StringValue} removed"));
                    break;
            }
        }
        return breaks;
    }

    /// <summary>The breaking changes from <paramref name="released"/> to <paramref name="current"/> (OpenAPI JSON).</summary>
    public static IReadOnlyList<string> OpenApiBreaks(string released, string current)
    {
        var before = JsonNode.Parse(released)!;
        var after = JsonNode.Parse(current)!;
        var breaks = new List<string>();
        foreach (var (path, operations) in before["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var route = $"{method.ToUpperInvariant()} {path}";
                var now = after["paths"]?[path]?[method];
                if (now is null)
                {
                    if (operation?["deprecated"]?.GetValue<bool>() != true)
                    {
                        breaks.Add($"route {route} removed");
                    }
                    continue;
                }
                var oldParameters = Parameters(operation);
                var newParameters = Parameters(now);
                foreach (var (key, parameter) in oldParameters)
                {
                    if (!newParameters.TryGetValue(key, out var kept))
                    {
                        breaks.Add($"parameter {key} of {route} removed");
                    }
                    else if (SchemaType(parameter["schema"]) != SchemaType(kept["schema"]))
                    {
                        breaks.Add($"parameter {key} of {route} retyped: {SchemaType(parameter["schema"])} → {SchemaType(kept["schema"])}");
                    }
                }
                breaks.AddRange(newParameters.Where(p => !oldParameters.ContainsKey(p.Key) && p.Value["required"]?.GetValue<bool>() == true)
                    .Select(p => $"required parameter {p.Key} added to {route}"));
            }
        }
        var newSchemas = after["components"]?["schemas"]?.AsObject();
        foreach (var (name, schema) in before["components"]?["schemas"]?.AsObject() ?? [])
        {
            var now = newSchemas?[name];
            if (now is null)
            {
                breaks.Add($"schema {name} removed");
                continue;
            }
            foreach (var (property, definition) in schema?["properties"]?.AsObject() ?? [])
            {
                var kept = now["properties"]?[property];
                if (kept is null)
                {
                    if (definition?["deprecated"]?.GetValue<bool>() != true)
                    {
                        breaks.Add($"property {name}.{property} removed");
                    }
                }
                else if (SchemaType(definition) != SchemaType(kept))
                {
                    breaks.Add($"property {name}.{property} retyped: {SchemaType(definition)} → {SchemaType(kept)}");
                }
            }
            if (schema?["enum"] is JsonArray values)
            {
                var remaining = (now["enum"] as JsonArray ?? []).Select(v => v?.ToString()).ToHashSet(StringComparer.Ordinal);
                breaks.AddRange(values.Select(v => v?.ToString()).Where(v => !remaining.Contains(v)).Select(v => $"enum value {name}.{v} removed"));
            }
        }
        return breaks;
    }

    private static Dictionary<string, ASTNode> Types(string sdl) =>
        Parser.Parse(sdl).Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(t => t.Name.StringValue, t => (ASTNode)t, StringComparer.Ordinal);

    private static void OutputFields(string type, GraphQLFieldsDefinition? before, GraphQLFieldsDefinition? after, List<string> breaks)
    {
        var now = (after?.Items ?? []).ToDictionary(f => f.Name.StringValue, StringComparer.Ordinal);
        foreach (var field in before?.Items ?? [])
        {
            var name = $"{type}.{field.Name.StringValue}";
            if (!now.TryGetValue(field.Name.StringValue, out var kept))
            {
                if (!Deprecated(field.Directives))
                {
                    breaks.Add($"field {name} removed");
                }
                continue;
            }
            // An output may become stricter (nullable → non-null), never looser or another type.
            if (Print(field.Type) != Print(kept.Type) && Print(field.Type) != Print(Nullable(kept.Type)))
            {
                breaks.Add($"field {name} retyped: {Print(field.Type)} → {Print(kept.Type)}");
            }
            InputValues($"field {name}", field.Arguments?.Items, kept.Arguments?.Items, breaks, "argument");
        }
    }

    private static void InputValues(string owner, List<GraphQLInputValueDefinition>? before, List<GraphQLInputValueDefinition>? after, List<string> breaks, string what = "input field")
    {
        var now = (after ?? []).ToDictionary(v => v.Name.StringValue, StringComparer.Ordinal);
        var old = (before ?? []).ToDictionary(v => v.Name.StringValue, StringComparer.Ordinal);
        foreach (var (name, value) in old)
        {
            if (!now.TryGetValue(name, out var kept))
            {
                if (!Deprecated(value.Directives))
                {
                    breaks.Add($"{what} {name} of {owner} removed");
                }
                continue;
            }
            // An input may become looser (non-null → nullable), never stricter or another type.
            if (Print(value.Type) != Print(kept.Type) && Print(Nullable(value.Type)) != Print(kept.Type))
            {
                breaks.Add($"{what} {name} of {owner} retyped: {Print(value.Type)} → {Print(kept.Type)}");
            }
        }
        breaks.AddRange(now.Values.Where(v => !old.ContainsKey(v.Name.StringValue) && v.Type is GraphQLNonNullType && v.DefaultValue is null)
            .Select(v => $"required {what} {v.Name.StringValue} added to {owner}"));
    }

    private static bool Deprecated(GraphQLDirectives? directives) =>
        directives?.Items.Any(d => d.Name.StringValue == "deprecated") == true;

    private static GraphQLType Nullable(GraphQLType type) => type is GraphQLNonNullType nonNull ? nonNull.Type : type;

    private static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Print(nonNull.Type) + "!",
        GraphQLListType list => "[" + Print(list.Type) + "]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => type.Kind.ToString(),
    };

    private static Dictionary<string, JsonNode> Parameters(JsonNode? operation) =>
        (operation?["parameters"] as JsonArray ?? []).Where(p => p is not null)
            .ToDictionary(p => $"{p!["in"]}:{p["name"]}", p => p!, StringComparer.OrdinalIgnoreCase);

    private static string SchemaType(JsonNode? schema) => schema switch
    {
        null => "",
        _ when schema["$ref"] is { } reference => reference.ToString(),
        _ when schema["type"]?.ToString() == "array" => "[" + SchemaType(schema["items"]) + "]",
        _ => $"{schema["type"]}{(schema["format"] is { } format ? ":" + format : "")}",
    };
}
