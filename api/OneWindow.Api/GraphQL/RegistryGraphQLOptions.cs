namespace OneWindow.Api.GraphQL;

/// <summary>Settings under <c>GraphQL</c> in configuration: the transport's limits.</summary>
public sealed class RegistryGraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>
    /// The largest POST body accepted, in bytes; larger → 413 <c>REQUEST_TOO_LARGE</c>. Note: bounds the memory and the
    /// parsing time one request can cost; raise it only with the complexity limit in mind.
    /// </summary>
    public int MaxRequestBytes { get; set; } = 100 * 1024;

    /// <summary>
    /// The longest query string of a GET request, in characters (URL-encoded); longer → 414 <c>REQUEST_TOO_LARGE</c>.
    /// Note: Kestrel refuses request lines over its own <c>Limits:MaxRequestLineSize</c> (8 KB by default) before
    /// the request reaches us; larger documents belong in a POST.
    /// </summary>
    public int MaxQueryStringLength { get; set; } = 100 * 1024;

    /// <summary>The deepest nesting of selection sets a query may have (<c>QUERY_TOO_DEEP</c>).</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// The highest cost a query may have (<c>QUERY_TOO_COMPLEX</c>), as computed by GraphQL.NET's complexity analyzer:
    /// each field costs 1, times the sizes of the lists above it (the <c>first</c>/<c>last</c> argument, the number of
    /// <c>ids</c>, <see cref="DefaultPageSize"/> for a paged list without <c>first</c>, else <see cref="DefaultListSize"/>);
    /// introspection costs a hundredth. The cost is also what a request spends of its caller's query budget
    /// (<c>Limits:…:QueryBudget</c>). A field whose lists are known to be shorter or
    /// longer declares it with <c>WithComplexityImpact(fieldImpact, childImpactMultiplier)</c>.
    /// </summary>
    public int MaxComplexity { get; set; } = 20_000;

    /// <summary>
    /// How many items the cost estimate assumes for a list without <c>first</c>/<c>last</c> (GraphQL.NET assumes 20):
    /// a unit's rights, a right's holders and a unit's restrictions are a few each, so a page of 100 units with all
    /// their details stays within <see cref="MaxComplexity"/>.
    /// </summary>
    public double DefaultListSize { get; set; } = 5;

    /// <summary>
    /// How many items the cost estimate assumes for a paged list or connection whose <c>first</c> is left out: the
    /// page size the resolvers default to (<c>searchProperties</c> gives 20).
    /// </summary>
    public double DefaultPageSize { get; set; } = 20;

    /// <summary>
    /// The bound of the parsed-document cache: the total length, in characters, of the query texts it keeps (a parsed
    /// document takes roughly ten times its text). Least recently used documents leave first.
    /// </summary>
    public long DocumentCacheSize { get; set; } = 1_000_000;

    /// <summary>
    /// The bound of the introspection answer cache (<see cref="IntrospectionCache"/>): the total size, in bytes, of the
    /// answers it keeps (a whole schema is about half a megabyte). Least recently used answers leave first.
    /// </summary>
    public long IntrospectionCacheBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// How long a WebSocket may stay open without <c>connection_init</c> before it is closed with 4408. Note: bounds
    /// what an idle, unauthenticated socket costs.
    /// </summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many operations one WebSocket connection may have running at once; one more is answered with an
    /// <c>error</c> message (<c>TOO_MANY_SUBSCRIPTIONS</c>). Note: bounds the memory and the database reads one
    /// connection can hold on to; a client that needs more opens another connection, under the same rate limits.
    /// </summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 20;

    /// <summary>
    /// The largest WebSocket message accepted, in bytes; a larger one closes the socket with 1009 (message too big).
    /// Note: bounds the memory one message can cost before it is parsed.
    /// </summary>
    public int MaxWebSocketMessageBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How many messages may wait to be sent to one connection; a client that reads slower than its events arrive is
    /// disconnected (1008) rather than buffered without bound.
    /// </summary>
    public int MaxPendingWebSocketMessages { get; set; } = 1000;
}
