using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.Extensions.Options;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;

namespace OneWindow.Api.Limits;

/// <summary>
/// The per-caller GraphQL cost budget. Runs once validation is over and before execution starts (a GraphQL.NET
/// execution listener): a valid request spends its measured cost (<see cref="QueryCost"/>) from its caller's budget
/// for the current window, or is refused with <c>QUERY_BUDGET_EXCEEDED</c> (429, <c>Retry-After</c> at the start of the
/// next window) without running, so no SQL is sent. An invalid request that was measured spends nothing and only reads
/// what is left, for <c>extensions.cost</c>.
/// </summary>
internal sealed class QueryBudget(LimitCounters counters, LimitPolicies policies, IOptions<LimitsOptions> options) : IDocumentExecutionListener
{
    private readonly bool _enabled = options.Value.Enabled;

    public async Task AfterValidationAsync(IExecutionContext context, IValidationResult validationResult)
    {
        if (!_enabled || context.ExecutionOptions.UserContext is not RegistryUserContext user || QueryCost.Of(user) is not { } cost)
        {
            return;
        }
        var partition = policies.Of(user.HttpContext);
        var runs = validationResult.IsValid && context.Errors.Count == 0;
        var count = await counters.SpendBudgetAsync(partition, runs ? cost.Requested : 0, context.CancellationToken);
        cost.Budget = count.Limit;
        cost.Remaining = count.Remaining;
        cost.ResetSeconds = count.ResetSeconds;
        if (runs && !count.Allowed)
        {
            cost.BudgetExceeded = true;
            var english = user.PrefersEnglish;
            context.Errors.Add(new ReportedError(ErrorCodes.QueryBudgetExceeded, english
                    ? $"{ErrorMessages.For(ErrorCodes.QueryBudgetExceeded, english)} The query costs {cost.Requested}; {count.Remaining} of {count.Limit} is left until the window ends in {count.ResetSeconds} s."
                    : $"{ErrorMessages.For(ErrorCodes.QueryBudgetExceeded, english)}本次查询复杂度 {cost.Requested}，本时段额度 {count.Limit}，剩余 {count.Remaining}，{count.ResetSeconds} 秒后恢复。")
                .With("cost", cost.Requested)
                .With("budget", count.Limit)
                .With("remaining", count.Remaining)
                .With("retryAfter", count.ResetSeconds));
        }
    }

    public Task BeforeExecutionAsync(IExecutionContext context) => Task.CompletedTask;

    public Task AfterExecutionAsync(IExecutionContext context) => Task.CompletedTask;
}
