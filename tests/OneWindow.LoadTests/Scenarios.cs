using System.Net;
using System.Text.Json;

namespace OneWindow.LoadTests;

internal enum ScenarioKind
{
    Ceiling,
    Rest,
    GraphQl,
    Restrictions,
    Verify,
}

internal enum CacheMode
{
    /// <summary>The ceiling: no unit codes, no cache.</summary>
    None,
    Cached,
    Uncached,
}

/// <summary>One scenario in one mode: "rest (cached)".</summary>
internal sealed record ScenarioPlan(ScenarioKind Kind, CacheMode Mode)
{
    public string KindName => Kind switch
    {
        ScenarioKind.Ceiling => "ceiling",
        ScenarioKind.Rest => "rest",
        ScenarioKind.GraphQl => "graphql",
        ScenarioKind.Verify => "verify",
        _ => "restrictions",
    };

    public string Name => Mode switch
    {
        CacheMode.Cached => KindName + " (cached)",
        CacheMode.Uncached => KindName + " (uncached)",
        _ => KindName,
    };

    /// <summary>The run's scenarios in order: the ceiling, then each read cached, then each read uncached.</summary>
    public static List<ScenarioPlan> For(LoadOptions options)
    {
        var plans = new List<ScenarioPlan>();
        if (options.Runs("ceiling"))
        {
            plans.Add(new(ScenarioKind.Ceiling, CacheMode.None));
        }
        foreach (var mode in new[] { CacheMode.Cached, CacheMode.Uncached })
        {
            if ((mode == CacheMode.Cached && !options.Cached) || (mode == CacheMode.Uncached && !options.Uncached))
            {
                continue;
            }
            foreach (var (name, kind) in new[]
            {
                ("rest", ScenarioKind.Rest), ("graphql", ScenarioKind.GraphQl), ("restrictions", ScenarioKind.Restrictions), ("verify", ScenarioKind.Verify),
            })
            {
                if (options.Runs(name))
                {
                    plans.Add(new(kind, mode));
                }
            }
        }
        return plans;
    }
}

/// <summary>How one response was judged.</summary>
internal enum Outcome
{
    Ok,
    BadStatus,
    GraphQlErrors,
    /// <summary>A 200 that says the thing asked for is unknown: GraphQL <c>"property":null</c>, a verification <c>"authentic":false</c>.</summary>
    AnsweredNotFound,
}

/// <summary>
/// The requests of one scenario, prepared before the run so that the hot path only wraps them: one absolute
/// <see cref="Uri"/> per unit code (REST) and one pre-serialized body per unit code (GraphQL) or per certificate
/// (verification: its "codes" are "number TAB verification code").
/// </summary>
internal sealed class ScenarioTarget
{
    /// <summary>The contract's query: the fields a partner reads, rights and restrictions included.</summary>
    public const string GraphQlQuery =
        "query($c:String!){property(unitCode:$c){unitCode location area use rights{kind certificateNumber holders{name}} restrictions{kind inForce}}}";

    private static readonly byte[] ErrorsKey = "\"errors\""u8.ToArray();
    private static readonly byte[] NullProperty = "\"property\":null"u8.ToArray();
    private static readonly byte[] Authentic = "\"authentic\":true"u8.ToArray();

    private readonly Uri[] _uris;
    private readonly byte[][]? _bodies;
    private readonly HttpMethod _method;
    private readonly bool _graphQl;

    private ScenarioTarget(ScenarioPlan plan, HttpMethod method, Uri[] uris, byte[][]? bodies, string[] codes)
    {
        Plan = plan;
        _method = method;
        _uris = uris;
        _bodies = bodies;
        _graphQl = bodies is not null && plan.Kind == ScenarioKind.GraphQl;
        Codes = codes;
    }

    public ScenarioPlan Plan { get; }

    /// <summary>The unit codes the requests cycle through (none for the ceiling).</summary>
    public string[] Codes { get; }

    /// <summary>How many distinct requests there are to cycle through.</summary>
    public int Count => _bodies is not null ? _bodies.Length : _uris.Length;

    public static ScenarioTarget Create(ScenarioPlan plan, Uri baseUrl, string[] codes)
    {
        switch (plan.Kind)
        {
            case ScenarioKind.Ceiling:
                return new(plan, HttpMethod.Get, [new Uri(baseUrl, "bench/json")], null, []);
            case ScenarioKind.GraphQl:
                var bodies = new byte[codes.Length][];
                for (var i = 0; i < codes.Length; i++)
                {
                    bodies[i] = GraphQlBody(codes[i]);
                }
                return new(plan, HttpMethod.Post, [new Uri(baseUrl, "graphql")], bodies, codes);
            case ScenarioKind.Verify:
                var verifications = new byte[codes.Length][];
                for (var i = 0; i < codes.Length; i++)
                {
                    verifications[i] = VerificationBody(codes[i]);
                }
                return new(plan, HttpMethod.Post, [new Uri(baseUrl, "api/v1/certificates/verifications")], verifications, codes);
            default:
                var suffix = plan.Kind == ScenarioKind.Restrictions ? "/restrictions" : "";
                var uris = new Uri[codes.Length];
                for (var i = 0; i < codes.Length; i++)
                {
                    uris[i] = new Uri(baseUrl, "api/v1/properties/" + Uri.EscapeDataString(codes[i]) + suffix);
                }
                return new(plan, HttpMethod.Get, uris, null, codes);
        }
    }

    /// <summary>What request <paramref name="index"/> is, for messages.</summary>
    public string Describe(int index) => Plan.Kind switch
    {
        ScenarioKind.GraphQl => $"POST {_uris[0]} property(unitCode: \"{Codes[index]}\")",
        ScenarioKind.Verify => $"POST {_uris[0]} {{number, verificationCode}} of {Codes[index].Split('\t')[0]}",
        _ => $"GET {_uris[index]}",
    };

    /// <summary>
    /// A new request message for request <paramref name="index"/>: HttpClient needs one per send. Headers are added
    /// without validation (no parsing), and a GraphQL body is a <see cref="ByteArrayContent"/> over bytes
    /// serialized once before the run.
    /// </summary>
    public HttpRequestMessage CreateRequest(int index, string? authorization)
    {
        var request = new HttpRequestMessage(_method, _bodies is not null ? _uris[0] : _uris[index])
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (_bodies is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", _graphQl ? "application/graphql-response+json" : "application/json");
            var content = new ByteArrayContent(_bodies[index]);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            request.Content = content;
        }
        return request;
    }

    /// <summary>
    /// OK is a 200; for GraphQL also a body without <c>"errors"</c> and with a property found (a null property
    /// means the unit code is unknown to the host, which REST would answer with a 404); for a verification,
    /// <c>"authentic":true</c>.
    /// </summary>
    public Outcome Judge(int status, ReadOnlySpan<byte> body)
    {
        if (status != 200)
        {
            return Outcome.BadStatus;
        }
        if (Plan.Kind == ScenarioKind.Verify)
        {
            return body.IndexOf(Authentic) >= 0 ? Outcome.Ok : Outcome.AnsweredNotFound;
        }
        if (_graphQl)
        {
            if (body.IndexOf(ErrorsKey) >= 0)
            {
                return Outcome.GraphQlErrors;
            }
            if (body.IndexOf(NullProperty) >= 0)
            {
                return Outcome.AnsweredNotFound;
            }
        }
        return Outcome.Ok;
    }

    /// <summary>The verification by number and code of a "number TAB code" line.</summary>
    private static byte[] VerificationBody(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        using var buffer = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("number", line[..tab]);
            writer.WriteString("verificationCode", line[(tab + 1)..]);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] GraphQlBody(string unitCode)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", GraphQlQuery);
            writer.WriteStartObject("variables");
            writer.WriteString("c", unitCode);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
