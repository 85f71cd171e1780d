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
    public const string TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS";

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

    // Register (Features/Register/): its checks and signed checkpoints.
    public const string CheckpointNotFound = "CHECKPOINT_NOT_FOUND";
    public const string CheckpointInProgress = "CHECKPOINT_IN_PROGRESS";

    // Events (Features/Events/): the feed.
    public const string EventCursorExpired = "EVENT_CURSOR_EXPIRED";

    // Webhooks (Features/Webhooks/): endpoints, deliveries.
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";
    public const string InvalidWebhookEventTypes = "INVALID_WEBHOOK_EVENT_TYPES";
    public const string TooManyWebhooks = "TOO_MANY_WEBHOOKS";
    public const string WebhookNotFound = "WEBHOOK_NOT_FOUND";
    public const string WebhookDeliveryNotFound = "WEBHOOK_DELIVERY_NOT_FOUND";
    public const string WebhookDeliveryPending = "WEBHOOK_DELIVERY_PENDING";
    public const string InvalidDeliveryStatus = "INVALID_DELIVERY_STATUS";

    // Certificates (Features/Certificates/): verification requests and their negative answers, downloads.
    public const string InvalidVerificationRequest = "INVALID_VERIFICATION_REQUEST";
    public const string InvalidVerificationCode = "INVALID_VERIFICATION_CODE";
    public const string VerificationThrottled = "CERTIFICATE_VERIFICATION_THROTTLED";
    public const string CertificateNotFound = "CERTIFICATE_NOT_FOUND";
    public const string VerificationCodeMismatch = "VERIFICATION_CODE_MISMATCH";
    public const string TokenMalformed = "TOKEN_MALFORMED";
    public const string TokenAlgorithmUnsupported = "TOKEN_ALGORITHM_UNSUPPORTED";
    public const string TokenKeyUnknown = "TOKEN_KEY_UNKNOWN";
    public const string TokenSignatureInvalid = "TOKEN_SIGNATURE_INVALID";
    public const string InvalidCertificateFormat = "INVALID_CERTIFICATE_FORMAT";
    public const string InvalidTrackingNumber = "INVALID_TRACKING_NUMBER";
    public const string NoCertificateToDispatch = "NO_CERTIFICATE_TO_DISPATCH";
    public const string InvalidReissueReason = "INVALID_REISSUE_REASON";
    public const string CertificateNotReissuable = "CERTIFICATE_NOT_REISSUABLE";

    // Applications (Features/Applications/): submission, the register check, idempotency, the workflow.
    public const string FieldRequired = "FIELD_REQUIRED";
    public const string InvalidText = "INVALID_TEXT";
    public const string InvalidPartyKind = "INVALID_PARTY_KIND";
    public const string InvalidIdType = "INVALID_ID_TYPE";
    public const string RestrictionInForce = "RESTRICTION_IN_FORCE";
    public const string CertificateNotOfRecord = "CERTIFICATE_NOT_OF_RECORD";
    public const string OrganisationCodeNotOfRecord = "ORGANISATION_CODE_NOT_OF_RECORD";
    public const string InvalidPhone = "INVALID_PHONE";
    public const string InvalidShare = "INVALID_SHARE";
    public const string InvalidShares = "INVALID_SHARES";
    public const string TooManyParties = "TOO_MANY_PARTIES";
    public const string DuplicateParty = "DUPLICATE_PARTY";
    public const string TooManyUnits = "TOO_MANY_UNITS";
    public const string DuplicateUnit = "DUPLICATE_UNIT";
    public const string InvalidDate = "INVALID_DATE";
    public const string InvalidTerm = "INVALID_TERM";
    public const string InvalidAmount = "INVALID_AMOUNT";
    public const string InvalidMortgageKind = "INVALID_MORTGAGE_KIND";
    public const string InvalidTransferAgreement = "INVALID_TRANSFER_AGREEMENT";
    public const string MortgageeMustJoin = "MORTGAGEE_MUST_JOIN";
    public const string NotAMortgageeOfRecord = "NOT_A_MORTGAGEE_OF_RECORD";
    public const string InvalidCoOwnership = "INVALID_CO_OWNERSHIP";
    public const string InvalidBuildingNumber = "INVALID_BUILDING_NUMBER";
    public const string InvalidFloor = "INVALID_FLOOR";
    public const string InvalidArea = "INVALID_AREA";
    public const string NotALandUnit = "NOT_A_LAND_UNIT";
    public const string NotAHouse = "NOT_A_HOUSE";
    public const string UnitNotOnParcel = "UNIT_NOT_ON_PARCEL";
    public const string UnitNotInBuilding = "UNIT_NOT_IN_BUILDING";
    public const string TooManyMaterials = "TOO_MANY_MATERIALS";
    public const string DuplicateMaterial = "DUPLICATE_MATERIAL";
    public const string MaterialNotApplicable = "MATERIAL_NOT_APPLICABLE";
    // 补正 (appl): the structured correction request and the supplement checked against it.
    public const string InvalidCorrectionDefect = "INVALID_CORRECTION_DEFECT";
    public const string CorrectionAlreadyRequested = "CORRECTION_ALREADY_REQUESTED";
    public const string CorrectionItemNotRequested = "CORRECTION_ITEM_NOT_REQUESTED";
    public const string CorrectionItemNotSupplied = "CORRECTION_ITEM_NOT_SUPPLIED";
    // The time limit's steps (appl): extension of a complex case, survey and public-notice pauses.
    public const string InvalidExtension = "INVALID_EXTENSION";
    public const string DeadlineAlreadyExtended = "DEADLINE_ALREADY_EXTENDED";
    public const string InvalidClockPause = "INVALID_CLOCK_PAUSE";
    public const string ClockAlreadyPaused = "CLOCK_ALREADY_PAUSED";
    public const string ClockNotPaused = "CLOCK_NOT_PAUSED";
    // Waiting periods before 登簿 (life): 补证 after the loss declaration, 依职权更正 after the notice.
    public const string WaitingPeriodNotOver = "WAITING_PERIOD_NOT_OVER";
    // A mortgagee's change of name or credit code on its mortgages (life).
    public const string NotTheSameOrganisation = "NOT_THE_SAME_ORGANISATION";
    // An objection's lawsuit (appl).
    public const string ObjectionNotFound = "OBJECTION_NOT_FOUND";
    public const string NotTheObjector = "NOT_THE_OBJECTOR";
    public const string LawsuitAlreadyRecorded = "LAWSUIT_ALREADY_RECORDED";
    public const string ObjectionLapsed = "OBJECTION_LAPSED";
    public const string InvalidLawsuitDate = "INVALID_LAWSUIT_DATE";
    public const string MaterialMissing = "MATERIAL_MISSING";
    public const string UnitNotFound = "UNIT_NOT_FOUND";
    public const string UnitSeized = "UNIT_SEIZED";
    public const string UnitUnderAdvanceNotice = "UNIT_UNDER_ADVANCE_NOTICE";
    public const string ObjectionUndertakingRequired = "OBJECTION_UNDERTAKING_REQUIRED";
    public const string NotAPresaleUnit = "NOT_A_PRESALE_UNIT";
    public const string AdvanceNoticeNotFound = "ADVANCE_NOTICE_NOT_FOUND";
    public const string NothingToChange = "NOTHING_TO_CHANGE";
    public const string PurchaseNoticeRequired = "PURCHASE_NOTICE_REQUIRED";
    public const string NoOwnershipRight = "NO_OWNERSHIP_RIGHT";
    public const string ApplicantNotHolder = "APPLICANT_NOT_HOLDER";
    public const string HolderNotApplying = "HOLDER_NOT_APPLYING";
    public const string PartyNameMismatch = "PARTY_NAME_MISMATCH";
    public const string ApplicantNotCaller = "APPLICANT_NOT_CALLER";
    public const string MortgageKindNotApplicable = "MORTGAGE_KIND_NOT_APPLICABLE";
    public const string MortgageNotFound = "MORTGAGE_NOT_FOUND";
    public const string MortgageNotHeldByCaller = "MORTGAGE_NOT_HELD_BY_CALLER";
    public const string NotAnAuthorisedChannel = "NOT_AN_AUTHORISED_CHANNEL";
    public const string NotAConfirmingParty = "NOT_A_CONFIRMING_PARTY";
    public const string ChannelNotAllowed = "CHANNEL_NOT_ALLOWED";
    public const string LandRightNotHeld = "LAND_RIGHT_NOT_HELD";
    public const string UnitAlreadyRegistered = "UNIT_ALREADY_REGISTERED";
    public const string SeizureNotFound = "SEIZURE_NOT_FOUND";
    public const string PendingApplicationExists = "PENDING_APPLICATION_EXISTS";
    public const string ApplicationInvalid = "APPLICATION_INVALID";
    public const string IdempotencyKeyRequired = "IDEMPOTENCY_KEY_REQUIRED";
    public const string InvalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string TooManyItems = "TOO_MANY_ITEMS";
    public const string ApplicationNotFound = "APPLICATION_NOT_FOUND";
    public const string RegisterChanged = "REGISTER_CHANGED";
    public const string InvalidStatus = "INVALID_STATUS";
    public const string InvalidDeadlineFilter = "INVALID_DEADLINE_FILTER";
    // Materials (Features/Materials/): uploaded files (申请材料) and their reads.
    public const string MaterialMultipartRequired = "MATERIAL_MULTIPART_REQUIRED";
    public const string MaterialFileRequired = "MATERIAL_FILE_REQUIRED";
    public const string MaterialTooManyFiles = "MATERIAL_TOO_MANY_FILES";
    public const string InvalidMaterialChecksum = "INVALID_MATERIAL_CHECKSUM";
    public const string InvalidMaterialCode = "INVALID_MATERIAL_CODE";
    public const string MaterialTooLarge = "MATERIAL_TOO_LARGE";
    public const string MaterialEmpty = "MATERIAL_EMPTY";
    public const string MaterialTypeNotAllowed = "MATERIAL_TYPE_NOT_ALLOWED";
    public const string MaterialChecksumMismatch = "MATERIAL_CHECKSUM_MISMATCH";
    public const string MaterialNotFound = "MATERIAL_NOT_FOUND";
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
        StatusCodes.Status413PayloadTooLarge => RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}
