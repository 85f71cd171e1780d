using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace OneWindow.Api.GraphQL.Schema;

/// <summary>The Relay <c>Node</c> interface: any object with a global id.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global id, fetchable with node(id:).";
        this.RequireScope(ScopeMetadata.Authenticated);
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id.");
    }
}

/// <summary>Fetches the objects of one type by their global-id key; one per node type, registered in DI.</summary>
public interface INodeResolver
{
    string TypeName { get; }

    /// <summary>The object (null when it does not exist or the caller may not see it), loaded in a batch.</summary>
    IDataLoaderResult<object?> Resolve(IResolveFieldContext context, string key);
}

/// <summary><c>node(id:)</c> and <c>nodes(ids:)</c> on the Query root.</summary>
public static class NodeFields
{
    public static void AddNodeFields(ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("The object with this global id, or null.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .RequireScope(ScopeMetadata.Authenticated)
            .Resolve(context => Resolve(context, context.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("The objects with these global ids (at most 100), null where there is none.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .RequireScope(ScopeMetadata.Authenticated)
            .Resolve(context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > 100)
                {
                    throw RegistryError.Localized(Errors.ErrorCodes.TooManyIds, context, field: "ids");
                }
                return new All([.. ids.Select(id => Resolve(context, id))]);
            });
    }

    private static IDataLoaderResult<object?> Resolve(IResolveFieldContext context, string id)
    {
        if (GlobalId.TryDecode(id, out var type, out var key))
        {
            foreach (var resolver in context.RequestServices!.GetServices<INodeResolver>())
            {
                if (resolver.TypeName == type)
                {
                    return resolver.Resolve(context, key);
                }
            }
        }
        return new Done(null);
    }

    /// <summary>Awaits the results in order: all their keys are queued already, so each loader fetches once.</summary>
    private sealed class All(IReadOnlyList<IDataLoaderResult<object?>> results) : IDataLoaderResult<object?>
    {
        public async Task<object?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new object?[results.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = await results[i].GetResultAsync(cancellationToken);
            }
            return values;
        }
    }

    private sealed class Done(object? value) : IDataLoaderResult<object?>
    {
        public Task<object?> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);
    }
}
