using System.Text;
using GraphQLParser.AST;

namespace OneWindow.Sdk.Generator;

internal sealed record EmittedOperation(string Name, string Method, string Types);

/// <summary>
/// One operation: a method with its variables as parameters and a result class shaped by the selection. Queries and
/// mutations return a <c>Task</c> of the result (one request, one answer); a subscription returns an
/// <c>IAsyncEnumerable</c> of results, one per <c>next</c> message over graphql-transport-ws
/// (<c>IGraphQLExecutor.SubscribeAsync</c>), ended when the caller stops enumerating or cancels.
/// </summary>
internal static class OperationEmitter
{
    public static EmittedOperation Emit(SchemaModel model, OperationSource operation, IReadOnlyDictionary<string, FragmentSource> fragments, string documentText, string ns)
    {
        var definition = operation.Definition;
        var root = definition.Operation switch
        {
            OperationType.Query => "Query",
            OperationType.Mutation => "Mutation",
            OperationType.Subscription => "Subscription",
            _ => throw new GeneratorException($"unknown operation type {definition.Operation}"),
        };
        var subscription = definition.Operation == OperationType.Subscription;
        var resultName = operation.Name + "Result";
        var nested = new StringBuilder();
        var usedNames = new HashSet<string>(StringComparer.Ordinal) { resultName };
        var body = EmitClass(model, fragments, root, [definition.SelectionSet], resultName, nested, usedNames, "");
        var types = new StringBuilder()
            .Append(Naming.Doc("", $"What {operation.Name} returns (its data member)."))
            .Append(Naming.Invariant($"public sealed class {resultName}\n{{\n")).Append(body).Append(nested).Append("}\n");

        var variables = (definition.Variables?.Items ?? []).Select(v => (
            Name: v.Variable.Name.StringValue,
            Type: SchemaModel.CSharp(v.Type, model.LeafType),
            Required: v.Type is GraphQLNonNullType && v.DefaultValue is null)).ToList();
        var parameters = variables.Where(v => v.Required).Select(v => $"{v.Type} {Naming.Camel(v.Name)}")
            .Concat(variables.Where(v => !v.Required).Select(v => $"{v.Type} {Naming.Camel(v.Name)} = null"))
            .Append("global::System.Threading.CancellationToken cancellationToken = default");
        var method = new StringBuilder()
            .Append(Naming.Doc("    ", operation.Comment.Length > 0 ? operation.Comment : operation.Name))
            .Append(subscription
                ? Naming.Invariant($"    public global::System.Collections.Generic.IAsyncEnumerable<{resultName}> {operation.Name}Async({string.Join(", ", parameters)})\n    {{\n")
                : Naming.Invariant($"    public global::System.Threading.Tasks.Task<{resultName}> {operation.Name}Async({string.Join(", ", parameters)})\n    {{\n"))
            .Append(Naming.Invariant($"        var variables = new global::System.Collections.Generic.Dictionary<string, object?>({variables.Count});\n"));
        foreach (var variable in variables)
        {
            var argument = Naming.Camel(variable.Name);
            method.Append(variable.Required
                ? Naming.Invariant($"        variables[\"{variable.Name}\"] = {argument};\n")
                : Naming.Invariant($"        if ({argument} is not null) variables[\"{variable.Name}\"] = {argument};\n"));
        }
        method.Append(Naming.Invariant($"        return _executor.{(subscription ? "SubscribeAsync" : "ExecuteAsync")}<{resultName}>(new global::OneWindow.Sdk.GraphQL.GraphQLRequest(Documents.{operation.Name}, \"{operation.Name}\", variables), cancellationToken);\n    }}\n"));
        return new(operation.Name, method.ToString(), types.ToString() + "\n/*DOC*/" + Naming.Literal(documentText));
    }

    private static string EmitClass(SchemaModel model, IReadOnlyDictionary<string, FragmentSource> fragments, string typeName,
        IReadOnlyList<GraphQLSelectionSet?> sets, string className, StringBuilder nested, HashSet<string> usedNames, string indent)
    {
        var fields = Collect(model, fragments, typeName, sets);
        var body = new StringBuilder();
        foreach (var (responseName, (fieldName, subSets)) in fields)
        {
            var fieldType = fieldName == "__typename"
                ? new GraphQLNonNullType(new GraphQLNamedType(new GraphQLName("String")))
                : model.OutputFields[typeName].TryGetValue(fieldName, out var known) ? known
                : throw new GeneratorException($"{typeName} has no field {fieldName}");
            var named = SchemaModel.NamedOf(fieldType);
            string csharp;
            if (model.OutputFields.ContainsKey(named))
            {
                var nestedName = named + "Data";
                if (!usedNames.Add(nestedName))
                {
                    nestedName = Naming.Pascal(responseName) + named + "Data";
                    for (var i = 2; !usedNames.Add(nestedName); i++)
                    {
                        nestedName = Naming.Pascal(responseName) + named + "Data" + i;
                    }
                }
                var nestedBody = EmitClass(model, fragments, named, subSets, nestedName, nested, usedNames, "    ");
                nested.Append('\n').Append(Naming.Invariant($"    /// <summary>The selection of <c>{named}</c> at <c>{responseName}</c>.</summary>\n"))
                    .Append(Naming.Invariant($"    public sealed class {nestedName}\n    {{\n")).Append(nestedBody).Append("    }\n");
                csharp = SchemaModel.CSharp(fieldType, n => n == named ? nestedName : model.LeafType(n));
            }
            else
            {
                csharp = SchemaModel.CSharp(fieldType, model.LeafType);
            }
            var property = Naming.Pascal(responseName);
            if (property == className)
            {
                property += "Value";
            }
            var initializer = csharp.EndsWith('?') || SchemaModel.IsValueType(csharp) || (model.Enums.ContainsKey(named) && fieldType is not GraphQLListType && fieldType is not GraphQLNonNullType { Type: GraphQLListType }) ? "" : " = default!;";
            body.Append(Naming.Doc(indent + "    ", model.Descriptions.GetValueOrDefault((typeName, fieldName))))
                .Append(Naming.Invariant($"{indent}    [global::System.Text.Json.Serialization.JsonPropertyName(\"{responseName}\")]\n"))
                .Append(Naming.Invariant($"{indent}    public {csharp} {property} {{ get; init; }}{initializer}\n"));
        }
        return body.ToString();
    }

    /// <summary>The fields of the selection sets by response name, fragments on the same type merged in.</summary>
    private static List<(string ResponseName, (string FieldName, List<GraphQLSelectionSet?> Sets) Field)> Collect(
        SchemaModel model, IReadOnlyDictionary<string, FragmentSource> fragments, string typeName, IReadOnlyList<GraphQLSelectionSet?> sets)
    {
        var fields = new List<(string, (string, List<GraphQLSelectionSet?>))>();
        void Add(GraphQLSelectionSet? set)
        {
            foreach (var selection in set?.Selections ?? [])
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var responseName = (field.Alias?.Name ?? field.Name).StringValue;
                        var index = fields.FindIndex(f => f.Item1 == responseName);
                        if (index < 0)
                        {
                            fields.Add((responseName, (field.Name.StringValue, [field.SelectionSet])));
                        }
                        else
                        {
                            fields[index].Item2.Item2.Add(field.SelectionSet);
                        }
                        break;
                    case GraphQLFragmentSpread spread:
                        var fragment = fragments[spread.FragmentName.Name.StringValue].Definition;
                        RequireSameType(fragment.TypeCondition.Type.Name.StringValue, typeName);
                        Add(fragment.SelectionSet);
                        break;
                    case GraphQLInlineFragment inline:
                        if (inline.TypeCondition is not null)
                        {
                            RequireSameType(inline.TypeCondition.Type.Name.StringValue, typeName);
                        }
                        Add(inline.SelectionSet);
                        break;
                }
            }
        }
        foreach (var set in sets)
        {
            Add(set);
        }
        _ = model;
        return fields;
    }

    private static void RequireSameType(string condition, string typeName)
    {
        if (condition != typeName)
        {
            throw new GeneratorException($"a fragment on {condition} inside {typeName}: only fragments on the enclosing type are generated");
        }
    }

    public static string EmitAudience(string audience, string ns, IReadOnlyList<EmittedOperation> operations)
    {
        var className = audience + "Operations";
        var code = new StringBuilder(Header.Text).Append(Naming.Invariant($"namespace {ns};\n\n"))
            .Append(Naming.Invariant($"/// <summary>The GraphQL operations of schema/operations/{audience.ToLowerInvariant()}/, typed: one method each.</summary>\n"))
            .Append(Naming.Invariant($"public sealed partial class {className}\n{{\n"))
            .Append("    private readonly global::OneWindow.Sdk.GraphQL.IGraphQLExecutor _executor;\n\n")
            .Append(Naming.Invariant($"    /// <summary>Operations sent through <paramref name=\"executor\"/>.</summary>\n    public {className}(global::OneWindow.Sdk.GraphQL.IGraphQLExecutor executor) => _executor = executor;\n"));
        foreach (var operation in operations)
        {
            code.Append('\n').Append(operation.Method);
        }
        code.Append("\n    /// <summary>The documents sent, each with the fragments it uses.</summary>\n    public static class Documents\n    {\n");
        foreach (var operation in operations)
        {
            var document = operation.Types[(operation.Types.IndexOf("/*DOC*/", StringComparison.Ordinal) + 7)..];
            code.Append(Naming.Invariant($"        public const string {operation.Name} = {document};\n"));
        }
        code.Append("    }\n}\n");
        foreach (var operation in operations)
        {
            code.Append('\n').Append(operation.Types[..operation.Types.IndexOf("\n/*DOC*/", StringComparison.Ordinal)]);
        }
        return code.ToString();
    }
}
