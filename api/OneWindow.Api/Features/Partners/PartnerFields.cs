using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Partners;

/// <summary>
/// The partner fields of the Query and Mutation roots: the same use cases as the REST endpoints. Mutations report
/// expected failures in their payload's <c>errors</c>; a caller without <c>platform:admin</c> gets a top-level
/// UNAUTHENTICATED / FORBIDDEN error and nothing is done.
/// </summary>
public static class PartnerFields
{
    public static void AddPartnerQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<PartnerConnectionType>>("partners")
            .Description("Partners, oldest first, filtered by status and kind; page with first and after. Operators only.")
            .Argument<PartnerStatusType>("status")
            .Argument<PartnerKindType>("kind")
            .Argument<IntGraphType>("first", "Page size, 1 to 100 (default 20).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var request = new ListPartnersRequest(
                    context.GetArgument<PartnerStatus?>("status")?.ToString(),
                    context.GetArgument<PartnerKind?>("kind")?.ToString(),
                    context.GetArgument<string?>("after"),
                    context.GetArgument<int?>("first"));
                var page = Unwrap(await ListPartners.HandleAsync(request, CallerOf(context), Db(context), context.CancellationToken), context);
                var edges = page.Items.Select(p => new Edge<PartnerResponse> { Node = p, Cursor = IdCursor.Partners.Encode(p.Id) }).ToList();
                return new Connection<PartnerResponse>
                {
                    Edges = edges,
                    PageInfo = new PageInfo
                    {
                        HasNextPage = page.NextCursor is not null,
                        HasPreviousPage = !string.IsNullOrEmpty(request.After),
                        StartCursor = edges.FirstOrDefault()?.Cursor,
                        EndCursor = edges.LastOrDefault()?.Cursor,
                    },
                };
            });

        query.Field<PartnerType>("partner")
            .Description("One partner by id; null when there is none. Operators only.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var result = await GetPartner.HandleAsync(Text(context.GetArgument<object>("id")), CallerOf(context), Db(context), context.CancellationToken);
                return result.Error is { Code: ErrorCodes.PartnerNotFound } ? null : Unwrap(result, context);
            });
    }

    public static void AddPartnerMutations(ObjectGraphType mutation)
    {
        // Note: anonymous by design, like POST /api/v1/partners/sign-up: it only creates a PENDING partner.
        mutation.Field<NonNullGraphType<SignUpPartnerPayloadType>>("signUpPartner")
            .Description("An organisation asks for access: creates a PENDING partner for an operator to review.")
            .Argument<NonNullGraphType<SignUpPartnerInputType>>("input")
            .RequireScope(ScopeMetadata.Anonymous)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                string Get(string key) => Text(input.GetValueOrDefault(key)) ?? "";
                var request = new SignUpPartnerRequest(Get("name"), Get("creditCode"), Get("kind"), Get("contactName"), Get("contactPhone"), Get("contactEmail"));
                var services = context.RequestServices!;
                var result = await SignUpPartner.HandleAsync(request, Db(context), services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<PartnerActivity>(), context.CancellationToken);
                return result.Error is { } error
                    ? new SignUpPartnerPayload(null, null, [ToUserError(error, context)])
                    : new SignUpPartnerPayload(result.Value!.Id, result.Value.Status, []);
            });

        mutation.Field<NonNullGraphType<ApprovePartnerPayloadType>>("approvePartner")
            .Description("Approves a pending or suspended partner; who and when are recorded with the note.")
            .Argument<NonNullGraphType<ApprovePartnerInputType>>("input")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                var services = context.RequestServices!;
                var result = await ReviewPartner.ApproveAsync(Text(input.GetValueOrDefault("partnerId")), new ReviewPartnerRequest(Text(input.GetValueOrDefault("note"))),
                    CallerOf(context), Db(context), services.GetRequiredService<AccessStatus>(), services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<PartnerActivity>(), context.CancellationToken);
                return Payload(result, context, (partner, errors) => new PartnerPayload(partner, errors));
            });

        mutation.Field<NonNullGraphType<SuspendPartnerPayloadType>>("suspendPartner")
            .Description("Suspends a partner: its clients get no new token, and existing tokens stop within Auth:StatusCheckInterval.")
            .Argument<NonNullGraphType<SuspendPartnerInputType>>("input")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                var services = context.RequestServices!;
                var result = await ReviewPartner.SuspendAsync(Text(input.GetValueOrDefault("partnerId")), new ReviewPartnerRequest(Text(input.GetValueOrDefault("note"))),
                    CallerOf(context), Db(context), services.GetRequiredService<AccessStatus>(), services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<PartnerActivity>(), context.CancellationToken);
                return Payload(result, context, (partner, errors) => new PartnerPayload(partner, errors));
            });

        mutation.Field<NonNullGraphType<SetAuthorisedChannelPayloadType>>("setAuthorisedChannel")
            .Description("Grants or withdraws a bank's or developer's authorised channel: its in-person checks count as the applicants' confirmation.")
            .Argument<NonNullGraphType<SetAuthorisedChannelInputType>>("input")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                var services = context.RequestServices!;
                var request = new AuthorisedChannelRequest(input.GetValueOrDefault("authorised") as bool?, Text(input.GetValueOrDefault("note")));
                var result = await SetAuthorisedChannel.HandleAsync(Text(input.GetValueOrDefault("partnerId")), request, CallerOf(context), Db(context),
                    services.GetRequiredService<TimeProvider>(), services.GetRequiredService<PartnerActivity>(), context.CancellationToken);
                return Payload(result, context, (partner, errors) => new PartnerPayload(partner, errors));
            });

        mutation.Field<NonNullGraphType<CreatePartnerClientPayloadType>>("createPartnerClient")
            .Description("Creates a client for an approved partner; the payload carries its secret, the only time it is shown.")
            .Argument<NonNullGraphType<CreatePartnerClientInputType>>("input")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                var services = context.RequestServices!;
                var result = await CreatePartnerClient.HandleAsync(Text(input.GetValueOrDefault("partnerId")), CallerOf(context), Db(context),
                    services.GetRequiredService<RegistryApplicationManager>(), services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<PartnerActivity>(), context.CancellationToken);
                return SecretPayload(result, context);
            });

        mutation.Field<NonNullGraphType<RotatePartnerClientSecretPayloadType>>("rotatePartnerClientSecret")
            .Description("Replaces a client's secret (shown once); the previous one keeps working for Auth:SecretGracePeriod.")
            .Argument<NonNullGraphType<RotatePartnerClientSecretInputType>>("input")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                var services = context.RequestServices!;
                var result = await RotateClientSecret.HandleAsync(Text(input.GetValueOrDefault("clientId")), CallerOf(context), Db(context),
                    services.GetRequiredService<RegistryApplicationManager>(), services.GetRequiredService<IOptions<AuthOptions>>(),
                    services.GetRequiredService<TimeProvider>(), services.GetRequiredService<PartnerActivity>(), context.CancellationToken);
                return SecretPayload(result, context);
            });

        mutation.Field<NonNullGraphType<RevokePartnerClientPayloadType>>("revokePartnerClient")
            .Description("Revokes a client: no new token at once; existing tokens stop within Auth:StatusCheckInterval.")
            .Argument<NonNullGraphType<RevokePartnerClientInputType>>("input")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                var services = context.RequestServices!;
                var result = await RevokePartnerClient.HandleAsync(Text(input.GetValueOrDefault("clientId")), CallerOf(context), Db(context),
                    services.GetRequiredService<AccessStatus>(), services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<PartnerActivity>(), context.CancellationToken);
                return Payload(result, context, (client, errors) => new PartnerClientPayload(client, errors));
            });
    }

    /// <summary>The caller of a GraphQL request, from its user context.</summary>
    internal static Caller CallerOf(IResolveFieldContext context) =>
        RegistryUserContext.From(context) is { } user ? new Caller(user.User, user.PrefersEnglish) : new Caller(context.User ?? new(), English: false);

    /// <summary>The value, or the error as a top-level GraphQL error (queries; and refusals everywhere).</summary>
    internal static T Unwrap<T>(Result<T> result, IResolveFieldContext context) =>
        result.Error is { } error ? throw RegistryError.From(error, CallerOf(context).English) : result.Value!;

    private static TPayload Payload<T, TPayload>(Result<T> result, IResolveFieldContext context, Func<T?, IReadOnlyList<UserError>, TPayload> create) =>
        result.Error switch
        {
            null => create(result.Value, []),
            // Not an operator: refused at the top level, as the authorization rule does, not as a payload error.
            { Status: StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden } refused => throw RegistryError.From(refused, CallerOf(context).English),
            { } error => create(default, [ToUserError(error, context)]),
        };

    private static ClientSecretPayload SecretPayload(Result<ClientSecretResponse> result, IResolveFieldContext context)
    {
        var payload = Payload(result, context, (value, errors) => new ClientSecretPayload(value?.Client, value?.ClientSecret, errors));
        if (payload.ClientSecret is not null && RegistryUserContext.From(context) is { } user)
        {
            PartnersEndpoints.NoStore(user.HttpContext);
        }
        return payload;
    }

    private static UserError ToUserError(ApiError error, IResolveFieldContext context) => UserError.From(error, CallerOf(context).English);

    private static Dictionary<string, object?> Input(IResolveFieldContext context) => context.GetArgument<Dictionary<string, object?>>("input");

    private static RegistryDbContext Db(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<RegistryDbContext>();

    /// <summary>An argument as text: ids arrive as strings or numbers, enums as their CLR values.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
