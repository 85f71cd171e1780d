namespace OneWindow.Api.Errors;

/// <summary>The stable error codes partners code against; listed with their meaning in schema/errors.md.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string InternalError = "INTERNAL_ERROR";

    public const string PropertyNotFound = "PROPERTY_NOT_FOUND";
    public const string AmbiguousCertificateNumber = "AMBIGUOUS_CERTIFICATE_NUMBER";
    public const string InvalidLocationQuery = "INVALID_LOCATION_QUERY";
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string InvalidLimit = "INVALID_LIMIT";
    public const string QueryParameterRequired = "QUERY_PARAMETER_REQUIRED";
    public const string InvalidId = "INVALID_ID";
    public const string TooManyIds = "TOO_MANY_IDS";

    // GraphQL over HTTP (GraphQL/): the transport's own answers, then the GraphQL request errors.
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string GraphQLBadRequest = "GRAPHQL_BAD_REQUEST";
    public const string GraphQLBatchNotSupported = "GRAPHQL_BATCH_NOT_SUPPORTED";
    public const string GraphQLParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string GraphQLValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string GraphQLInvalidVariables = "GRAPHQL_INVALID_VARIABLES";
    public const string GraphQLOperationNotFound = "GRAPHQL_OPERATION_NOT_FOUND";
    public const string QueryTooDeep = "QUERY_TOO_DEEP";
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";

    // Limits (Limits/): request rates, query budgets, introspection.
    public const string RateLimited = "RATE_LIMITED";
    public const string QueryBudgetExceeded = "QUERY_BUDGET_EXCEEDED";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    // Partners (Features/Partners/): sign-up, review by an operator, their OAuth clients.
    public const string InvalidPartnerName = "INVALID_PARTNER_NAME";
    public const string InvalidPartnerKind = "INVALID_PARTNER_KIND";
    public const string InvalidPartnerStatus = "INVALID_PARTNER_STATUS";
    public const string InvalidContactName = "INVALID_CONTACT_NAME";
    public const string InvalidContactPhone = "INVALID_CONTACT_PHONE";
    public const string InvalidContactEmail = "INVALID_CONTACT_EMAIL";
    public const string PartnerAlreadyRegistered = "PARTNER_ALREADY_REGISTERED";
    public const string PartnerNotFound = "PARTNER_NOT_FOUND";
    public const string InvalidReviewNote = "INVALID_REVIEW_NOTE";
    public const string PartnerAlreadyApproved = "PARTNER_ALREADY_APPROVED";
    public const string PartnerAlreadySuspended = "PARTNER_ALREADY_SUSPENDED";
    public const string PartnerNotApproved = "PARTNER_NOT_APPROVED";
    public const string TooManyClients = "TOO_MANY_CLIENTS";
    public const string ClientNotFound = "CLIENT_NOT_FOUND";
    public const string ClientRevoked = "CLIENT_REVOKED";
    public const string ConcurrentChange = "CONCURRENT_CHANGE";

    // Configuration (Features/Configuration/): the materials checklist, business types, the operator's documents.
    public const string InvalidBusinessType = "INVALID_BUSINESS_TYPE";
    public const string UnknownCircumstance = OneWindow.Domain.Materials.MaterialErrors.UnknownCircumstance;
    public const string ConflictingCircumstances = OneWindow.Domain.Materials.MaterialErrors.ConflictingCircumstances;
    public const string PreconditionRequired = "PRECONDITION_REQUIRED";
    public const string InvalidIfMatch = "INVALID_IF_MATCH";
    public const string InvalidMaterialsCatalogue = "INVALID_MATERIALS_CATALOGUE";
    public const string InvalidHolidayCalendar = "INVALID_HOLIDAY_CALENDAR";
    public const string HolidayYearsRemoved = "HOLIDAY_YEARS_REMOVED";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status406NotAcceptable => NotAcceptable,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}
