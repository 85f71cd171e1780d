namespace OneWindow.Api.Limits;

/// <summary>
/// Settings under <c>Limits</c>: how many requests each kind of caller may send per window, and how much GraphQL cost
/// it may spend per <see cref="QueryBudgetWindow"/>. See docs/limits.md.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Note: turns request-rate limits and query budgets off (the per-request cost maximum still applies). Only for
    /// load runs against a private host; production keeps them on.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An authenticated caller: a partner's client (by client id) or a signed-in person (by person id).</summary>
    public LimitPolicyOptions PerClient { get; set; } = new() { PermitLimit = 1200, QueryBudget = 200_000 };

    /// <summary>
    /// A caller without a token, by client IP address: tighter than <see cref="PerClient"/>. Note: behind a proxy the
    /// address is the proxy's unless forwarded headers are processed; see docs/limits.md.
    /// </summary>
    public LimitPolicyOptions Anonymous { get; set; } = new() { PermitLimit = 120, QueryBudget = 20_000 };

    /// <summary>
    /// <c>POST /connect/token</c> and the sign-in form's POST, by client IP address. Note: this is what makes guessing
    /// a client secret or a password slow; keep it low.
    /// </summary>
    public LimitPolicyOptions SignIn { get; set; } = new() { PermitLimit = 30, QueryBudget = 0 };

    /// <summary>
    /// Per partner kind (<c>Bank</c>, <c>Developer</c>, <c>Agency</c>, <c>Court</c>, <c>Verifier</c>): values that
    /// replace <see cref="PerClient"/>'s for that kind's clients, e.g. <c>Limits:PartnerKinds:Bank:PermitLimit</c>.
    /// </summary>
    public Dictionary<string, LimitPolicyOverride> PartnerKinds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The period a query budget is spent over. Budgets are counted in clock-aligned windows (each minute by default):
    /// a refused request is told to retry at the start of the next one.
    /// </summary>
    public TimeSpan QueryBudgetWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Who may send introspection queries (<c>__schema</c>, <c>__type</c>) without a token. Null (the default): open in
    /// Development and on the embedded default (the explorer page reads the schema), closed elsewhere. Note: closed
    /// in production so anonymous callers cannot map the whole schema; partners introspect with their token.
    /// </summary>
    public bool? AnonymousIntrospection { get; set; }

    /// <summary>
    /// After Redis failed to answer, how long an instance counts in process before it asks Redis again (it also
    /// waits while its connection is down). Keeps requests from each waiting for a Redis timeout during an outage.
    /// </summary>
    public TimeSpan RedisRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    internal bool IsValid(out string? problem)
    {
        problem = null;
        foreach (var (name, policy) in new[] { ("PerClient", PerClient), ("Anonymous", Anonymous), ("SignIn", SignIn) })
        {
            if (policy.PermitLimit <= 0 || policy.Window <= TimeSpan.Zero || policy.Window < TimeSpan.FromSeconds(1) || policy.QueryBudget < 0)
            {
                problem = $"Limits:{name} needs PermitLimit > 0, Window ≥ 1 second and QueryBudget ≥ 0.";
                return false;
            }
        }
        foreach (var (kind, policy) in PartnerKinds)
        {
            if (policy.PermitLimit <= 0 || policy.Window < TimeSpan.FromSeconds(1) || policy.QueryBudget < 0)
            {
                problem = $"Limits:PartnerKinds:{kind} needs PermitLimit > 0, Window ≥ 1 second and QueryBudget ≥ 0 where set.";
                return false;
            }
        }
        if (QueryBudgetWindow < TimeSpan.FromSeconds(1) || RedisRetryInterval < TimeSpan.Zero)
        {
            problem = "Limits:QueryBudgetWindow must be at least 1 second and Limits:RedisRetryInterval not negative.";
            return false;
        }
        return true;
    }
}

/// <summary>The limits of one kind of caller.</summary>
public sealed class LimitPolicyOptions
{
    /// <summary>Requests allowed per <see cref="Window"/>; the next one is answered 429 <c>RATE_LIMITED</c>.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The rate-limit window, from the first request of a partition (whole seconds).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// GraphQL cost allowed per <see cref="LimitsOptions.QueryBudgetWindow"/>; a query that would go over it is refused
    /// with 429 <c>QUERY_BUDGET_EXCEEDED</c> before it runs. Keep it at least <c>GraphQL:MaxComplexity</c>, or the
    /// costliest allowed query can never run.
    /// </summary>
    public long QueryBudget { get; set; }
}

/// <summary>A partner kind's replacements for <see cref="LimitsOptions.PerClient"/>; what is not set is inherited.</summary>
public sealed class LimitPolicyOverride
{
    public int? PermitLimit { get; set; }
    public TimeSpan? Window { get; set; }
    public long? QueryBudget { get; set; }
}
