using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace OneWindow.Sdk.Generator;

/// <summary>What the GraphQL step produced: files to write, or the errors that fail the build.</summary>
internal sealed record GraphQLGeneration(IReadOnlyList<(string Name, string Text)> Files, IReadOnlyList<string> Errors);

/// <summary>
/// Typed GraphQL operations: every <c>schema/operations/&lt;audience&gt;/*.graphql</c> is validated against
/// schema.graphql with GraphQL.NET's validator (the same rules the host applies), and each operation becomes one method
/// with typed variables and a typed result shaped by its selection. Errors are written in MSBuild's format so the
/// build fails at the operation's line.
/// </summary>
internal static class GraphQLOperationsGenerator
{
    private const string Namespace = "OneWindow.Sdk.GraphQL";

    public static async Task<GraphQLGeneration> GenerateAsync(string schemaFile, string operationsDirectory)
    {
        var errors = new List<string>();
        var sdl = await File.ReadAllTextAsync(schemaFile);
        var model = SchemaModel.Parse(sdl);
        var schema = BuildSchema(sdl);
        var files = new List<(string, string)> { ("GraphQL.Types.g.cs", TypesEmitter.Emit(model)) };

        foreach (var audienceDirectory in Directory.EnumerateDirectories(operationsDirectory).Order(StringComparer.Ordinal))
        {
            var audience = Naming.Pascal(Path.GetFileName(audienceDirectory));
            var operations = new List<OperationSource>();
            var fragments = new Dictionary<string, FragmentSource>(StringComparer.Ordinal);
            var documents = new List<(string File, string Text, GraphQLDocument Document)>();
            foreach (var file in Directory.EnumerateFiles(audienceDirectory, "*.graphql").Order(StringComparer.Ordinal))
            {
                var text = await File.ReadAllTextAsync(file);
                try
                {
                    var document = Parser.Parse(text, new ParserOptions { Ignore = IgnoreOptions.None });
                    documents.Add((file, text, document));
                }
                catch (GraphQLParserException e)
                {
                    errors.Add($"{file}({e.Location.Line},{e.Location.Column}): error OWSDK001: {e.Description}");
                }
            }
            foreach (var (file, text, document) in documents)
            {
                foreach (var definition in document.Definitions)
                {
                    switch (definition)
                    {
                        case GraphQLOperationDefinition { Name: null } anonymous:
                            errors.Add($"{Where(file, text, anonymous)}: error OWSDK002: every operation needs a name (it becomes the method's name)");
                            break;
                        case GraphQLOperationDefinition operation:
                            operations.Add(new(file, text, operation));
                            break;
                        case GraphQLFragmentDefinition fragment when !fragments.TryAdd(fragment.FragmentName.Name.StringValue, new(file, text, fragment)):
                            errors.Add($"{Where(file, text, fragment)}: error OWSDK003: fragment '{fragment.FragmentName.Name.StringValue}' is defined twice in {audience}");
                            break;
                    }
                }
            }
            foreach (var group in operations.GroupBy(o => o.Name).Where(g => g.Count() > 1))
            {
                errors.Add($"{Where(group.Last().File, group.Last().Text, group.Last().Definition)}: error OWSDK004: operation '{group.Key}' is defined twice in {audience}");
            }
            if (errors.Count > 0)
            {
                continue;
            }

            var emitted = new List<EmittedOperation>();
            foreach (var operation in operations)
            {
                var documentText = operation.DocumentText(fragments);
                var validation = await ValidateAsync(schema, documentText);
                if (validation.Count > 0)
                {
                    errors.AddRange(validation.Select(v => $"{Where(operation.File, operation.Text, operation.Definition)}: error OWSDK005: {operation.Name}: {v}"));
                    continue;
                }
                try
                {
                    emitted.Add(OperationEmitter.Emit(model, operation, fragments, documentText, $"{Namespace}.{audience}"));
                }
                catch (GeneratorException e)
                {
                    errors.Add($"{Where(operation.File, operation.Text, operation.Definition)}: error OWSDK006: {operation.Name}: {e.Message}");
                }
            }
            files.Add(($"GraphQL.{audience}.g.cs", OperationEmitter.EmitAudience(audience, $"{Namespace}.{audience}", emitted)));
        }
        return new(files, errors);
    }

    private static string Where(string file, string text, ASTNode node)
    {
        var start = node.Location.Start;
        var line = 1 + text.AsSpan(0, start).Count('\n');
        var column = start - text.LastIndexOf('\n', Math.Max(0, start - 1)) ;
        return $"{file}({line},{Math.Max(1, column)})";
    }

    private static GraphQL.Types.Schema BuildSchema(string sdl)
    {
        // Only validation runs against this schema, never execution: the interfaces' type resolution is never called.
        var definitions = Parser.Parse(sdl).Definitions;
        var interfaces = definitions.OfType<GraphQLInterfaceTypeDefinition>().Select(i => i.Name.StringValue).ToList();
        // A schema with a Subscription root needs a stream resolver per field to be valid; none is ever called here.
        var subscriptions = definitions.OfType<GraphQLObjectTypeDefinition>().Where(t => t.Name.StringValue == "Subscription")
            .SelectMany(t => t.Fields?.Items ?? []).Select(f => f.Name.StringValue).ToList();
        var schema = GraphQL.Types.Schema.For(sdl, builder =>
        {
            foreach (var name in interfaces)
            {
                builder.Types.For(name).ResolveType = _ => null!;
            }
            foreach (var field in subscriptions)
            {
                builder.Types.For("Subscription").FieldFor(field).StreamResolver =
                    new GraphQL.Resolvers.SourceStreamResolver<object>((Func<GraphQL.IResolveFieldContext, IObservable<object?>>)(_ => throw new NotSupportedException("The generator only validates operations.")));
            }
        });
        schema.Initialize();
        return schema;
    }

    private static async Task<IReadOnlyList<string>> ValidateAsync(GraphQL.Types.ISchema schema, string documentText)
    {
        var document = Parser.Parse(documentText);
        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Rules = DocumentValidator.CoreRules,
            Operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single(),
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
        });
        // The variables' values are the caller's at run time; only the document is checked here.
        return [.. result.Errors.Where(e => !(e is InvalidVariableError && e.Message.Contains("No value provided", StringComparison.Ordinal))).Select(e => e.Message)];
    }
}

internal sealed class GeneratorException(string message) : Exception(message);

internal sealed record OperationSource(string File, string Text, GraphQLOperationDefinition Definition)
{
    public string Name => Definition.Name!.StringValue;

    public string Comment => string.Join(" ", (Definition.Comments ?? []).Select(c => c.Value.ToString().Trim()));

    /// <summary>The operation's text and the fragments it uses (transitively), as sent to the host.</summary>
    public string DocumentText(IReadOnlyDictionary<string, FragmentSource> fragments)
    {
        var used = new List<string>();
        Collect(Definition.SelectionSet, fragments, used);
        var builder = new StringBuilder(Slice(Text, Definition));
        foreach (var name in used)
        {
            builder.Append('\n').Append(Slice(fragments[name].Text, fragments[name].Definition));
        }
        return builder.ToString();
    }

    private static void Collect(GraphQLSelectionSet? set, IReadOnlyDictionary<string, FragmentSource> fragments, List<string> used)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    Collect(field.SelectionSet, fragments, used);
                    break;
                case GraphQLInlineFragment inline:
                    Collect(inline.SelectionSet, fragments, used);
                    break;
                case GraphQLFragmentSpread spread when !used.Contains(spread.FragmentName.Name.StringValue):
                    used.Add(spread.FragmentName.Name.StringValue);
                    if (fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment))
                    {
                        Collect(fragment.Definition.SelectionSet, fragments, used);
                    }
                    break;
            }
        }
    }

    private static string Slice(string text, ASTNode node) => text[node.Location.Start..node.Location.End];
}

internal sealed record FragmentSource(string File, string Text, GraphQLFragmentDefinition Definition);

/// <summary>The schema's types as the emitters need them: fields and their types, inputs, enums, scalars.</summary>
internal sealed class SchemaModel
{
    public Dictionary<string, Dictionary<string, GraphQLType>> OutputFields { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Type, string Field), string> Descriptions { get; } = [];
    public Dictionary<string, GraphQLInputObjectTypeDefinition> Inputs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, GraphQLEnumTypeDefinition> Enums { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Scalars { get; } = new(StringComparer.Ordinal) { "String", "Int", "Float", "Boolean", "ID" };

    public static SchemaModel Parse(string sdl)
    {
        var model = new SchemaModel();
        foreach (var definition in Parser.Parse(sdl).Definitions)
        {
            switch (definition)
            {
                case GraphQLObjectTypeDefinition type:
                    model.OutputFields[type.Name.StringValue] = Fields(type.Fields);
                    model.Describe(type.Name.StringValue, type.Fields);
                    break;
                case GraphQLInterfaceTypeDefinition type:
                    model.OutputFields[type.Name.StringValue] = Fields(type.Fields);
                    model.Describe(type.Name.StringValue, type.Fields);
                    break;
                case GraphQLInputObjectTypeDefinition type:
                    model.Inputs[type.Name.StringValue] = type;
                    break;
                case GraphQLEnumTypeDefinition type:
                    model.Enums[type.Name.StringValue] = type;
                    break;
                case GraphQLScalarTypeDefinition type:
                    model.Scalars.Add(type.Name.StringValue);
                    break;
            }
        }
        return model;
    }

    private void Describe(string type, GraphQLFieldsDefinition? fields)
    {
        foreach (var field in (fields?.Items ?? []).Where(f => f.Description is not null))
        {
            Descriptions[(type, field.Name.StringValue)] = Naming.Description(field.Description);
        }
    }

    private static Dictionary<string, GraphQLType> Fields(GraphQLFieldsDefinition? fields) =>
        (fields?.Items ?? []).ToDictionary(f => f.Name.StringValue, f => f.Type, StringComparer.Ordinal);

    /// <summary>The C# type of a scalar or enum (non-null form).</summary>
    public string LeafType(string name) => name switch
    {
        "String" or "ID" => "string",
        "Int" => "int",
        "Float" => "double",
        "Boolean" => "bool",
        "Long" => "long",
        "Decimal" => "decimal",
        "DateTime" => "global::System.DateTimeOffset",
        "DateOnly" => "global::System.DateOnly",
        _ when Enums.ContainsKey(name) || Inputs.ContainsKey(name) => $"global::OneWindow.Sdk.GraphQL.{name}",
        _ => "global::System.Text.Json.JsonElement",
    };

    public static bool IsValueType(string csharp) => csharp is "int" or "double" or "bool" or "long" or "decimal"
        || csharp.StartsWith("global::System.DateTimeOffset", StringComparison.Ordinal) || csharp.StartsWith("global::System.DateOnly", StringComparison.Ordinal)
        || csharp.StartsWith("global::System.Text.Json.JsonElement", StringComparison.Ordinal);

    /// <summary>C# for a GraphQL type reference whose named type maps through <paramref name="named"/>.</summary>
    public static string CSharp(GraphQLType type, Func<string, string> named, bool nullable = true) => type switch
    {
        GraphQLNonNullType nonNull => CSharp(nonNull.Type, named, nullable: false),
        GraphQLListType list => $"global::System.Collections.Generic.IReadOnlyList<{CSharp(list.Type, named)}>" + (nullable ? "?" : ""),
        GraphQLNamedType name => named(name.Name.StringValue) + (nullable ? "?" : ""),
        _ => throw new GeneratorException($"unexpected type {type.Kind}"),
    };

    public static string NamedOf(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => NamedOf(nonNull.Type),
        GraphQLListType list => NamedOf(list.Type),
        GraphQLNamedType name => name.Name.StringValue,
        _ => throw new GeneratorException($"unexpected type {type.Kind}"),
    };
}

internal static class Naming
{
    /// <summary>camelCase, kebab-case or SCREAMING_CASE → PascalCase.</summary>
    public static string Pascal(string name)
    {
        if (name.Contains('_', StringComparison.Ordinal) || name.Contains('-', StringComparison.Ordinal) || name.All(c => !char.IsLetter(c) || char.IsUpper(c)))
        {
            return string.Concat(name.Split('_', '-').Where(p => p.Length > 0)
                .Select(p => char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));
        }
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal[1..];
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    public static string Literal(string text) => "@\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Xml(string text) => System.Security.SecurityElement.Escape(text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal));

    private static readonly HashSet<string> Keywords = ["event", "object", "string", "int", "class", "namespace", "operator", "params", "base", "default", "checked", "fixed", "lock", "out", "ref", "in", "is", "as"];

    public static string Doc(string indent, string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : $"{indent}/// <summary>{Xml(text.Trim())}</summary>\n";

    public static string Description(GraphQLDescription? description) => description is null ? "" : description.Value.ToString();

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
