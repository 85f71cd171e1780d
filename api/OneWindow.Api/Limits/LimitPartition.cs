using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Caching;

namespace OneWindow.Api.Limits;

/// <summary>The limits that apply to one caller: resolved from its settings, with the values every request needs.</summary>
internal sealed record LimitPolicy(string Name, int PermitLimit, TimeSpan Window, long QueryBudget)
{
    /// <summary>The window in whole seconds, as the headers and the Redis limiter count it.</summary>
    public int WindowSeconds { get; } = Math.Max(1, (int)Math.Round(Window.TotalSeconds));

    /// <summary><c>RateLimit-Policy</c>: the quota and its window, e.g. <c>1200;w=60</c>.</summary>
    public string Header { get; } = $"{PermitLimit};w={Math.Max(1, (int)Math.Round(Window.TotalSeconds))}";
}

/// <summary>
/// Whose counter a request counts against: the partition key (with the deployment's key prefix) and its policy.
/// Set on the request by the rate-limit middleware (<see cref="HttpContext.Features"/>), reused by the query budget.
/// </summary>
internal sealed record LimitPartition(string Key, LimitPolicy Policy);

/// <summary>
/// Partitions requests by caller: a partner's client id, a person's id, else the client's IP address (anonymous,
/// tighter); token and sign-in requests by IP address under their own policy.
/// </summary>
internal sealed class LimitPolicies
{
    private readonly string _prefix;
    private readonly LimitPolicy _perClient;
    private readonly LimitPolicy _anonymous;
    private readonly LimitPolicy _signIn;
    private readonly Dictionary<string, LimitPolicy> _partnerKinds;

    // The instance's own warm-up (before it reports ready): counted like any caller, so the counting is warmed too,
    // under its own key and a limit it never reaches.
    private readonly LimitPolicy _warmUp = new("warm-up", 100_000_000, TimeSpan.FromMinutes(1), 1_000_000_000_000);
    private readonly string _warmUpId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<System.Security.Claims.ClaimsPrincipal, LimitPartition> _ofPrincipal = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<System.Security.Claims.ClaimsPrincipal, LimitPartition>.CreateValueCallback _partitionOf;

    public LimitPolicies(IOptions<LimitsOptions> options, IConfiguration configuration)
    {
        var settings = options.Value;
        _partitionOf = user => ForAuthenticated(new Caller(user, false));
        _prefix = RegistryCaching.Prefix(configuration);
        _perClient = From("client", settings.PerClient);
        _anonymous = From("anonymous", settings.Anonymous);
        _signIn = From("sign-in", settings.SignIn);
        _partnerKinds = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (kind, replace) in settings.PartnerKinds)
        {
            _partnerKinds[kind] = new LimitPolicy($"client:{kind}",
                replace.PermitLimit ?? _perClient.PermitLimit, replace.Window ?? _perClient.Window, replace.QueryBudget ?? _perClient.QueryBudget);
        }
    }

    /// <summary>The partition of a request to an ordinary limited endpoint (REST, GraphQL).</summary>
    public LimitPartition ForCaller(HttpContext context)
    {
        var caller = Caller.From(context);
        if (caller.IsAuthenticated)
        {
            // Made once per principal: a validated token's principal serves every request with the token.
            return _ofPrincipal.GetValue(caller.User, _partitionOf);
        }
        return new LimitPartition(Key("ip", ClientAddress(context)), _anonymous);
    }

    private LimitPartition ForAuthenticated(Caller caller)
    {
        if (caller.User.HasClaim(c => c.Type == RegistryClaims.WarmUp))
        {
            return new LimitPartition(Key("warm-up", _warmUpId), _warmUp);
        }
        if (caller.PartnerId is not null && caller.ClientId is { } clientId)
        {
            var kind = caller.User.FindFirst(RegistryClaims.PartnerKind)?.Value;
            var policy = kind is not null && _partnerKinds.TryGetValue(kind, out var forKind) ? forKind : _perClient;
            return new LimitPartition(Key("client", clientId), policy);
        }
        if (caller.PersonId is { } person)
        {
            return new LimitPartition(Key("person", person.ToString(System.Globalization.CultureInfo.InvariantCulture)), _perClient);
        }
        return new LimitPartition(Key("client", caller.ClientId ?? caller.Name), _perClient);
    }

    /// <summary>The partition of a token request or a sign-in form post: always by address, whoever claims to send it.</summary>
    public LimitPartition ForSignIn(HttpContext context) => new(Key("sign-in", ClientAddress(context)), _signIn);

    /// <summary>The partition the request was counted against, or the one it would be (limits off, not a limited path).</summary>
    public LimitPartition Of(HttpContext context) => context.Features.Get<LimitPartition>() ?? ForCaller(context);

    private string Key(string kind, string id) =>
        // Braces in an id are replaced: a Redis Cluster hash tag ({…}) must not appear by accident.
        $"{_prefix}:{kind}:{id.Replace('{', '(').Replace('}', ')')}";

    private static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private static LimitPolicy From(string name, LimitPolicyOptions options) => new(name, options.PermitLimit, options.Window, options.QueryBudget);
}
