using Microsoft.Net.Http.Headers;
using OneWindow.Domain.Applications;
using OneWindow.Api.Features.Materials;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Errors;

/// <summary>Messages for error codes and reasons: Chinese by default, English when the caller asks for it.</summary>
public static class ErrorMessages
{
    private static readonly Dictionary<string, (string Zh, string En)> Messages = new(StringComparer.Ordinal)
    {
        [ErrorCodes.BadRequest] = ("请求格式不正确。", "The request is malformed."),
        [ErrorCodes.NotFound] = ("请求的资源不存在。", "The resource does not exist."),
        [ErrorCodes.MethodNotAllowed] = ("该地址不支持此请求方法。", "The method is not allowed on this resource."),
        [ErrorCodes.UnsupportedMediaType] = ("不支持的请求内容类型。", "The request's media type is not supported."),
        [ErrorCodes.NotAcceptable] = ("无法以请求的媒体类型应答。", "No acceptable media type can be produced."),
        [ErrorCodes.Unauthenticated] = ("需要有效的访问令牌。", "A valid access token is required."),
        [ErrorCodes.Forbidden] = ("访问令牌没有所需的权限范围。", "The access token lacks the required scope."),
        [ErrorCodes.InternalError] = ("服务器内部错误，请凭追踪号联系平台。", "Internal error; quote the trace id to the platform."),
        [IdentifierErrorCodes.InvalidUnitCode] = ("不动产单元代码无效。", "The real estate unit code is invalid."),
        [IdentifierErrorCodes.InvalidIdNumber] = ("身份证号码无效。", "The resident ID number is invalid."),
        [IdentifierErrorCodes.InvalidCreditCode] = ("统一社会信用代码无效。", "The unified social credit code is invalid."),
        [IdentifierErrorCodes.InvalidCertificateNumber] = ("不动产权证书或登记证明号无效。", "The certificate number is invalid."),
        [IdentifierErrorCodes.InvalidBusinessNumber] = ("业务号无效。", "The business number is invalid."),
        [IdentifierErrorCodes.InvalidPassportNumber] = ("护照号码无效。", "The passport number is invalid."),
        [IdentifierErrorCodes.InvalidTravelPermitNumber] = ("港澳居民来往内地通行证或台湾居民来往大陆通行证号码无效。", "The travel permit number (Hong Kong, Macao or Taiwan residents) is invalid."),
        [IdentifierErrorCodes.InvalidResidencePermitNumber] = ("港澳台居民居住证号码无效。", "The residence permit number (Hong Kong, Macao or Taiwan residents) is invalid."),
        [IdentifierErrorCodes.InvalidOrganisationCode] = ("组织机构代码无效。", "The organisation code is invalid."),
        [ErrorCodes.PropertyNotFound] = ("未找到该不动产单元。", "No real estate unit matches."),
        [ErrorCodes.AmbiguousCertificateNumber] = ("该证明号涉及多个不动产单元，请改用不动产单元代码查询。", "The certificate covers several units; query by unit code instead."),
        [ErrorCodes.InvalidLocationQuery] = ("坐落查询条件应为 2 至 100 个字符。", "The location query must be 2 to 100 characters."),
        [ErrorCodes.InvalidCursor] = ("分页游标无效。", "The paging cursor is invalid."),
        [ErrorCodes.InvalidLimit] = ("每页条数应为 1 至 100。", "The page size must be between 1 and 100."),
        [ErrorCodes.QueryParameterRequired] = ("请提供且只提供一个查询条件：certificateNumber 或 location。", "Give exactly one of certificateNumber or location."),
        [ErrorCodes.InvalidId] = ("对象标识无效。", "The object id is invalid."),
        [ErrorCodes.TooManySubscriptions] = ("此连接上同时进行的订阅已达上限。", "This connection already runs as many subscriptions as it may."),
        [ErrorCodes.TooManyIds] = ("一次最多查询 100 个对象标识。", "Ask for at most 100 ids at once."),
        [ErrorCodes.RequestTooLarge] = ("请求过大。", "The request is too large."),
        [ErrorCodes.GraphQLBadRequest] = ("不是有效的 GraphQL 请求。", "The request is not a valid GraphQL request."),
        [ErrorCodes.GraphQLBatchNotSupported] = ("不支持批量请求：请求体须为单个 JSON 对象。", "Batched requests are not supported: send one JSON object per request."),
        [ErrorCodes.GraphQLParseFailed] = ("GraphQL 文档无法解析。", "The GraphQL document cannot be parsed."),
        [ErrorCodes.GraphQLValidationFailed] = ("GraphQL 文档未通过校验。", "The GraphQL document failed validation."),
        [ErrorCodes.GraphQLInvalidVariables] = ("GraphQL 变量的值与其声明的类型不符。", "A GraphQL variable's value does not match its declared type."),
        [ErrorCodes.GraphQLOperationNotFound] = ("无法确定要执行的操作。", "The operation to execute cannot be determined."),
        [ErrorCodes.QueryTooDeep] = ("查询嵌套层数超过上限。", "The query is nested too deeply."),
        [ErrorCodes.QueryTooComplex] = ("查询复杂度超过上限。", "The query is too complex."),
        [ErrorCodes.RateLimited] = ("请求过于频繁，请稍后再试。", "Too many requests; retry later."),
        [ErrorCodes.QueryBudgetExceeded] = ("本时段的查询额度已用完，请稍后再试。", "The query budget of this period is spent; retry later."),
        [ErrorCodes.IntrospectionDisabled] = ("查询 GraphQL 架构（__schema、__type）需要访问令牌。", "Introspection (__schema, __type) needs an access token."),
        [ErrorCodes.InvalidPartnerName] = ("机构名称无效。", "The organisation name is invalid."),
        [ErrorCodes.InvalidPartnerKind] = ("机构类型无效（应为 BANK、DEVELOPER、AGENCY、COURT 或 VERIFIER）。", "The partner kind is invalid (BANK, DEVELOPER, AGENCY, COURT or VERIFIER)."),
        [ErrorCodes.InvalidPartnerStatus] = ("机构状态无效（应为 PENDING、APPROVED 或 SUSPENDED）。", "The partner status is invalid (PENDING, APPROVED or SUSPENDED)."),
        [ErrorCodes.InvalidContactName] = ("联系人姓名无效。", "The contact name is invalid."),
        [ErrorCodes.InvalidContactPhone] = ("联系电话无效（应为手机号码或带区号的固定电话）。", "The contact phone is invalid (a mobile number, or a landline with its area code)."),
        [ErrorCodes.InvalidContactEmail] = ("联系邮箱无效。", "The contact email is invalid."),
        [ErrorCodes.PartnerAlreadyRegistered] = ("该统一社会信用代码的机构已注册，请联系平台运营方。", "An organisation with this credit code has already signed up; contact the platform operator."),
        [ErrorCodes.PartnerNotFound] = ("未找到该合作机构。", "No partner matches."),
        [ErrorCodes.InvalidReviewNote] = ("审核意见无效（暂停须说明理由；不超过 1000 个字符）。", "The review note is invalid (a suspension needs a reason; at most 1,000 characters)."),
        [ErrorCodes.PartnerAlreadyApproved] = ("该合作机构已是审核通过状态。", "The partner is approved already."),
        [ErrorCodes.PartnerAlreadySuspended] = ("该合作机构已是暂停状态。", "The partner is suspended already."),
        [ErrorCodes.PartnerNotApproved] = ("合作机构尚未审核通过（或已暂停），不能为其创建客户端。", "The partner is not approved (or is suspended); it cannot get a client."),
        [ErrorCodes.TooManyClients] = ("该合作机构的有效客户端已达上限，请先吊销不用的客户端。", "The partner has the most active clients allowed; revoke one it no longer uses first."),
        [ErrorCodes.ClientNotFound] = ("未找到该客户端。", "No client matches."),
        [ErrorCodes.ClientRevoked] = ("该客户端已被吊销。", "The client has been revoked."),
        [ErrorCodes.ConcurrentChange] = ("该对象正被他人同时修改，请重试。", "Someone changed it at the same time; try again."),
        [ErrorCodes.CheckpointNotFound] = ("登记簿尚无该检查点。", "The register has no such checkpoint."),
        [ErrorCodes.CheckpointInProgress] = ("另一实例正在生成同一检查点，请稍后读取最新检查点。", "Another instance is taking the same checkpoint; read the newest one shortly."),
        [ErrorCodes.EventCursorExpired] = ("该游标已超出事件保留期，请从头读取（不带 after）。", "The cursor is older than the events' retention period; read from the start (without after)."),
        [ErrorCodes.InvalidWebhookUrl] = ("回调地址无效。", "The webhook URL is not allowed."),
        [ErrorCodes.InvalidWebhookEventTypes] = ("事件类型无效：应为已知类型、类别通配（如 application.*）或 *，1 至 50 项。", "The event types are invalid: known types, families such as application.*, or *; 1 to 50 of them."),
        [ErrorCodes.TooManyWebhooks] = ("回调地址数量已达上限。", "The partner has as many webhook endpoints as it may."),
        [ErrorCodes.WebhookNotFound] = ("未找到该回调地址。", "No webhook endpoint of yours matches."),
        [ErrorCodes.WebhookDeliveryNotFound] = ("未找到该推送记录。", "No delivery of this endpoint matches."),
        [ErrorCodes.WebhookDeliveryPending] = ("该推送尚在等待或重试中，无需重新推送。", "The delivery is still pending (waiting or retrying): nothing to redeliver."),
        [ErrorCodes.InvalidDeliveryStatus] = ("推送状态无效（PENDING、DELIVERED 或 DEAD_LETTERED）。", "The delivery status is invalid (PENDING, DELIVERED or DEAD_LETTERED)."),
        [ErrorCodes.InvalidVerificationRequest] = ("请提供证书号与验证码，或二维码令牌，二者择一。", "Give either the certificate number and verification code, or the QR token."),
        [ErrorCodes.InvalidVerificationCode] = ("验证码应为 4 至 32 个字母或数字。", "The verification code must be 4 to 32 letters or digits."),
        [ErrorCodes.VerificationThrottled] = ("该证书号的错误验证码过多，请稍后再试。", "Too many wrong codes for this certificate number; try again later."),
        [ErrorCodes.CertificateNotFound] = ("未找到已颁发的该电子证照。", "No issued electronic certificate has this number."),
        [ErrorCodes.VerificationCodeMismatch] = ("验证码与证书不符。", "The verification code does not match the certificate."),
        [ErrorCodes.TokenMalformed] = ("二维码令牌格式不正确或不完整。", "The QR token is malformed or incomplete."),
        [ErrorCodes.TokenAlgorithmUnsupported] = ("二维码令牌的签名算法不受支持。", "The QR token's signature algorithm is not supported."),
        [ErrorCodes.TokenKeyUnknown] = ("二维码令牌的签名密钥不是本平台公布的密钥。", "The QR token's key id is not one of the published keys."),
        [ErrorCodes.TokenSignatureInvalid] = ("二维码令牌的签名无效，内容可能被篡改。", "The QR token's signature is invalid; its content may have been altered."),
        [ErrorCodes.InvalidCertificateFormat] = ("不支持的证照格式。", "The certificate format is not supported."),
        [ErrorCodes.InvalidTrackingNumber] = ("快递单号应为 6 至 30 个字母、数字或连字符。", "The tracking number must be 6 to 30 letters, digits or hyphens."),
        [ErrorCodes.NoCertificateToDispatch] = ("该申请尚未缮证，或未产生证书，无可邮寄的证书。", "The application has no certificate to send: not yet prepared (缮证), or none produced."),
        [ErrorCodes.InvalidReissueReason] = ("补换证原因应为 LOST（遗失补证）或 DAMAGED（损坏换证）。", "The reason must be LOST (补证) or DAMAGED (换证)."),
        [ErrorCodes.CertificateNotReissuable] = ("该证书尚未颁发，或已注销、已被替换，不能补换证。", "The certificate is not issued yet, or is cancelled or replaced: it cannot be reissued."),
        [ErrorCodes.FieldRequired] = ("缺少必填项。", "A required field is missing."),
        [ErrorCodes.InvalidText] = ("文字内容无效（过长或含控制字符）。", "The text is invalid (too long, or control characters)."),
        [ErrorCodes.RestrictionInForce] = ("不动产上存在查封、抵押或预告登记，不能注销。", "A seizure, mortgage or advance notice in force forbids the cancellation."),
        [ErrorCodes.CertificateNotOfRecord] = ("该证号不是该不动产单元现行的不动产权证书。", "The number is not the unit's certificate of title in force."),
        [ErrorCodes.InvalidIdType] = ("身份证明类型无效或不适用于该当事人类型。", "The identity document type is invalid, or not one for this kind of party."),
        [ErrorCodes.OrganisationCodeNotOfRecord] = ("登记簿中没有以该组织机构代码登记的单位，请使用统一社会信用代码。", "The register records no organisation by this organisation code; use the unified social credit code."),
        [ErrorCodes.InvalidPartyKind] = ("当事人类型无效（应为 PERSON 或 ORGANISATION）。", "The party kind is invalid (PERSON or ORGANISATION)."),
        [ErrorCodes.InvalidPhone] = ("联系电话无效。", "The phone number is invalid."),
        [ErrorCodes.InvalidShare] = ("份额无效。", "The share is invalid."),
        [ErrorCodes.InvalidShares] = ("共有方式与权利人或份额不符。", "The co-ownership does not fit the owners or their shares."),
        [ErrorCodes.TooManyParties] = ("当事人过多（每项至多 20 人）。", "Too many parties (at most 20 each)."),
        [ErrorCodes.DuplicateParty] = ("同一当事人重复出现。", "The same party appears twice."),
        [ErrorCodes.TooManyUnits] = ("不动产单元过多。", "Too many units."),
        [ErrorCodes.DuplicateUnit] = ("同一不动产单元重复出现。", "The same unit appears twice."),
        [ErrorCodes.InvalidDate] = ("日期无效（应为 yyyy-MM-dd）。", "The date is invalid (yyyy-MM-dd)."),
        [ErrorCodes.InvalidTerm] = ("期限无效：结束日早于开始日。", "The term is invalid: it ends before it starts."),
        [ErrorCodes.InvalidAmount] = ("金额无效（应为正整数，单位：分）。", "The amount is invalid (a positive whole number of fen)."),
        [ErrorCodes.InvalidTransferAgreement] = ("转让约定无效（NONE、FORBIDDEN 或 LIMITED）。", "The transfer agreement is invalid (NONE, FORBIDDEN or LIMITED)."),
        [ErrorCodes.MortgageeMustJoin] = ("抵押合同约定禁止或限制转让并已登记，抵押权人须共同申请转移登记。", "A registered mortgage agreement forbids or limits transfer: the mortgagee must join the transfer application."),
        [ErrorCodes.NotAMortgageeOfRecord] = ("所列抵押权人不是该单元现势抵押权的抵押权人。", "The party named is not the mortgagee of a mortgage in force on the unit."),
        [ErrorCodes.InvalidMortgageKind] = ("抵押类型无效（GENERAL、MAXIMUM_AMOUNT 或 BUILDING_UNDER_CONSTRUCTION）。", "The mortgage kind is invalid (GENERAL, MAXIMUM_AMOUNT or BUILDING_UNDER_CONSTRUCTION)."),
        [ErrorCodes.InvalidCoOwnership] = ("共有方式无效（SOLE、JOINT 或 IN_SHARES）。", "The co-ownership is invalid (SOLE, JOINT or IN_SHARES)."),
        [ErrorCodes.InvalidBuildingNumber] = ("幢号无效（应为 4 位数字）。", "The building number is invalid (four digits)."),
        [ErrorCodes.InvalidFloor] = ("楼层无效。", "The floor is invalid."),
        [ErrorCodes.InvalidArea] = ("面积无效（正数，至多两位小数，套内面积不大于建筑面积）。", "The area is invalid (positive, two decimals, interior not above the floor area)."),
        [ErrorCodes.NotALandUnit] = ("该单元不是宗地（土地）单元。", "The unit is not a land unit."),
        [ErrorCodes.NotAHouse] = ("该单元不是房屋单元。", "The unit is not a house."),
        [ErrorCodes.UnitNotOnParcel] = ("该单元不在所申报的宗地上。", "The unit is not on the parcel given."),
        [ErrorCodes.UnitNotInBuilding] = ("该单元不属于所申报的幢。", "The unit is not in the building given."),
        [ErrorCodes.TooManyMaterials] = ("材料过多（至多 200 份）。", "Too many materials (at most 200)."),
        [ErrorCodes.DuplicateMaterial] = ("同一材料重复提交。", "The same material is given twice."),
        [ErrorCodes.MaterialNotApplicable] = ("该材料不属于此登记类型的材料清单。", "The material is not on this business type's checklist."),
        [ErrorCodes.MaterialMissing] = ("缺少必需的申请材料。", "A required material is missing."),
        [ErrorCodes.UnitNotFound] = ("登记簿中没有该不动产单元。", "The register has no such unit."),
        [ErrorCodes.UnitSeized] = ("该不动产已被查封，不能办理。", "The unit is seized: it cannot be disposed of."),
        [ErrorCodes.ObjectionUndertakingRequired] = ("该不动产存在异议登记：申请人须提交知悉异议并自担风险的书面承诺（情形 DISPOSAL_DESPITE_OBJECTION）。", "An objection is registered on the unit: the applicant must give the written undertaking that it knows of it and bears the risk (circumstance DISPOSAL_DESPITE_OBJECTION)."),
        [ErrorCodes.NothingToChange] = ("变更登记须载明变更后的被担保主债权数额或债务履行期限。", "A change names the new secured amount or the new end of the debt's term, different from the registered ones."),
        [ErrorCodes.AdvanceNoticeNotFound] = ("该不动产上没有此登记证明号的预告登记。", "No advance notice with this certificate of registration is registered on the unit."),
        [ErrorCodes.NotAPresaleUnit] = ("该不动产已登记所有权：请申请抵押权首次登记，而非抵押预告登记。", "The unit's ownership is registered: file a mortgage registration, not a mortgage advance notice."),
        [ErrorCodes.PurchaseNoticeRequired] = ("抵押人须为该房屋预购商品房预告登记的权利人。", "The mortgagors must be the buyers of the home's purchase advance notice in force."),
        [ErrorCodes.UnitUnderAdvanceNotice] = ("该不动产已办理预告登记，未经预告登记权利人同意不能处分。", "An advance notice protects the unit: no disposal without its holder's consent."),
        [ErrorCodes.NoOwnershipRight] = ("该单元没有现势的所有权或使用权登记。", "The unit has no ownership or land use right in force."),
        [ErrorCodes.ApplicantNotHolder] = ("申请人不是登记簿记载的权利人（或义务人）。", "The applicant is not the holder (or obligor) the register names."),
        [ErrorCodes.HolderNotApplying] = ("登记簿记载的共有人未全部申请。", "Not every holder the register names applies."),
        [ErrorCodes.PartyNameMismatch] = ("姓名（名称）与登记簿记载不一致。", "The name differs from the register's."),
        [ErrorCodes.ApplicantNotCaller] = ("提交方须为申请人之一（代理机构除外）。", "The submitter must be one of the applicants (agencies excepted)."),
        [ErrorCodes.NotAnAuthorisedChannel] = ("提交方不是经批准的授权渠道，或以代理人身份提交，不得声明授权渠道面签。", "Only an operator-approved authorised channel filing for itself may declare AUTHORISED_CHANNEL."),
        [ErrorCodes.NotAConfirmingParty] = ("调用方不是该申请中待确认的申请人。", "The caller is not an applicant of this application awaiting its confirmation."),
        [ErrorCodes.ChannelNotAllowed] = ("只有银行和开发企业可以成为授权渠道。", "Only banks and developers can be authorised channels."),
        [ErrorCodes.MortgageKindNotApplicable] = ("抵押类型与不动产单元不符（在建建筑物抵押仅适用于在建工程的土地单元）。", "The mortgage kind does not fit the unit (building under construction only on land being built on)."),
        [ErrorCodes.MortgageNotFound] = ("该单元没有以此登记证明号登记的现势抵押权。", "No mortgage in force under this certificate on the unit."),
        [ErrorCodes.MortgageNotHeldByCaller] = ("该抵押权不属于提交的银行。", "The mortgage is not held by the submitting bank."),
        [ErrorCodes.LandRightNotHeld] = ("申请人不是该宗地国有建设用地使用权的权利人。", "The applicant does not hold the parcel's land use right."),
        [ErrorCodes.UnitAlreadyRegistered] = ("该单元已办理所有权登记。", "The unit's ownership is registered already."),
        [ErrorCodes.SeizureNotFound] = ("该单元没有本院以此文号办理的现势查封。", "No seizure in force by this court under this document on the unit."),
        [ErrorCodes.PendingApplicationExists] = ("该单元已有同类申请正在办理。", "An application of the same kind is in progress for the unit."),
        [ErrorCodes.ApplicationInvalid] = ("申请未通过校验，详见 errors。", "The application failed validation; see errors."),
        [ErrorCodes.IdempotencyKeyRequired] = ("提交申请须带 Idempotency-Key 请求头。", "A submission needs an Idempotency-Key header."),
        [ErrorCodes.InvalidIdempotencyKey] = ("Idempotency-Key 无效（1 至 94 个可打印 ASCII 字符）。", "The Idempotency-Key is invalid (1 to 94 printable ASCII characters)."),
        [ErrorCodes.IdempotencyKeyReused] = ("该 Idempotency-Key 已用于另一个请求。", "The Idempotency-Key was used for another request."),
        [ErrorCodes.TooManyItems] = ("批量请求的条目过多。", "Too many items in the bulk request."),
        [ErrorCodes.ApplicationNotFound] = ("未找到该申请。", "No application matches."),
        [ErrorCodes.RegisterChanged] = ("登记簿已变化，申请不能按原样登簿，详见 errors。", "The register has changed: the application cannot be recorded as it stands; see errors."),
        [ErrorCodes.InvalidStatus] = ("申请状态无效。", "The status is invalid."),
        [ErrorCodes.InvalidDeadlineFilter] = ("时限筛选条件无效（DUE_SOON 或 OVERDUE）。", "The deadline filter is invalid (DUE_SOON or OVERDUE)."),
        [WorkflowErrors.IllegalTransition] = ("该申请当前状态下不能进行此操作。", "The step does not apply to the application's current status."),
        [WorkflowErrors.NotAllowedForActor] = ("此操作不能由您执行。", "You may not take this step."),
        [WorkflowErrors.ReasonRequired] = ("此操作须说明理由。", "This step needs a written reason."),
        [WorkflowErrors.AlreadyRecorded] = ("已登簿的申请不能撤回。", "An application entered in the register cannot be withdrawn."),
        [WorkflowErrors.NotImmediateType] = ("该登记类型不能即时办结。", "This business type is not handled immediately."),
        [MaterialErrors.CircumstanceRequired] = ("须选择一项情形（如注销的申请方式）。", "A circumstance must be chosen (e.g. who applies for a cancellation)."),
        [ErrorCodes.MaterialMultipartRequired] = ("上传材料须以 multipart/form-data 提交。", "Upload materials as multipart/form-data."),
        [ErrorCodes.MaterialFileRequired] = ("请在 file 字段中附上一个文件。", "Attach one file in the file field."),
        [ErrorCodes.MaterialTooManyFiles] = ("一次只能上传一个文件。", "Upload one file per request."),
        [ErrorCodes.InvalidMaterialChecksum] = ("文件的 SHA-256 校验值（sha256）无效，应为 64 位十六进制字符。", "The file's SHA-256 (sha256) is invalid: give 64 hex characters."),
        [ErrorCodes.InvalidMaterialCode] = ("材料代码无效（大写字母开头，仅含大写字母、数字和下划线，不超过 60 个字符）。", "The material code is invalid (an upper-case letter, then upper-case letters, digits and underscores; at most 60 characters)."),
        [ErrorCodes.MaterialTooLarge] = ("文件超过允许的大小。", "The file is larger than allowed."),
        [ErrorCodes.MaterialEmpty] = ("文件为空。", "The file is empty."),
        [ErrorCodes.MaterialTypeNotAllowed] = ("不接受该类型的文件。", "Files of this type are not accepted."),
        [ErrorCodes.MaterialChecksumMismatch] = ("收到的文件与声明的 SHA-256 校验值不符，请重新上传。", "The file received does not match the declared SHA-256; upload it again."),
        [ErrorCodes.MaterialNotFound] = ("未找到该材料。", "No material matches."),
        [ErrorCodes.InvalidBusinessType] = ("登记类型无效。", "The business type is invalid."),
        [ErrorCodes.UnknownCircumstance] = ("申请情形不存在或不适用于该登记类型。", "A circumstance is unknown or does not apply to the business type."),
        [ErrorCodes.ConflictingCircumstances] = ("所选申请情形互相排斥，每组只能选择一项。", "The circumstances exclude each other; name at most one of each choice."),
        [ErrorCodes.PreconditionRequired] = ("修改须附带 If-Match 请求头（当前版本号），以免覆盖他人的修改。", "The change needs an If-Match header with the current version, so that no one's change is overwritten."),
        [ErrorCodes.InvalidIfMatch] = ("If-Match 请求头应为带引号的版本号，如 \"3\"。", "The If-Match header must be a quoted version number, e.g. \"3\"."),
        [ErrorCodes.InvalidMaterialsCatalogue] = ("资料配置文件无效，未作任何修改。", "The materials catalogue is invalid; nothing was changed."),
        [ErrorCodes.InvalidHolidayCalendar] = ("节假日日历文件无效，未作任何修改。", "The holiday calendar is invalid; nothing was changed."),
        [ErrorCodes.HolidayYearsRemoved] = ("新的节假日日历缺少已公布的年份；请保留这些年份，或在 removeYears 中明确列出要删除的年份。", "The new holiday calendar leaves out announced years; keep them, or name the years to remove in removeYears."),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Reasons = new(StringComparer.Ordinal)
    {
        [IdentifierErrorReasons.Empty] = ("不能为空", "it is empty"),
        [IdentifierErrorReasons.Length] = ("长度不正确", "its length is wrong"),
        [IdentifierErrorReasons.Characters] = ("含有不允许的字符", "it contains characters that are not allowed"),
        [IdentifierErrorReasons.Format] = ("格式不正确", "its format is wrong"),
        [IdentifierErrorReasons.Division] = ("行政区划代码不存在", "the administrative division does not exist"),
        [IdentifierErrorReasons.CadastralZone] = ("地籍区代码不正确", "the cadastral zone is wrong"),
        [IdentifierErrorReasons.CadastralSubzone] = ("地籍子区代码不正确", "the cadastral subzone is wrong"),
        [IdentifierErrorReasons.LandOwnership] = ("土地所有权类型代码不正确", "the land ownership code is wrong"),
        [IdentifierErrorReasons.ParcelKind] = ("宗地特征码不正确", "the parcel kind is wrong"),
        [IdentifierErrorReasons.ParcelCombination] = ("宗地特征码组合不允许", "the parcel feature codes do not go together"),
        [IdentifierErrorReasons.ParcelSequence] = ("宗地顺序号不正确", "the parcel sequence is wrong"),
        [IdentifierErrorReasons.FixtureKind] = ("定着物特征码不正确", "the fixture kind is wrong"),
        [IdentifierErrorReasons.FixtureNumber] = ("定着物单元编号不正确", "the fixture number is wrong"),
        [IdentifierErrorReasons.Province] = ("省级代码或简称不正确", "the province is wrong"),
        [IdentifierErrorReasons.BirthDate] = ("出生日期不正确", "the birth date is wrong"),
        [IdentifierErrorReasons.CheckCharacter] = ("校验码不正确", "the check character is wrong"),
        [IdentifierErrorReasons.RegistrationAuthority] = ("登记管理部门码不正确", "the registration authority is wrong"),
        [IdentifierErrorReasons.Year] = ("年份不正确", "the year is wrong"),
        [IdentifierErrorReasons.Registry] = ("登记机构名称不正确", "the registry name is wrong"),
        [IdentifierErrorReasons.Kind] = ("证书种类不正确", "the certificate kind is wrong"),
        [IdentifierErrorReasons.Sequence] = ("顺序号不正确", "the sequence number is wrong"),
        [IdentifierErrorReasons.Date] = ("日期不正确", "the date is wrong"),
        [MaterialErrorReasons.NotAllowed] = ("该类型不在允许之列", "the type is not among those allowed"),
        [MaterialErrorReasons.Signature] = ("文件内容与声明的类型不符", "the content does not match the declared type"),
        [Features.Webhooks.WebhookUrlReasons.Malformed] = ("应为不超过 2048 个字符的绝对 http(s) 地址，不含片段", "it must be an absolute http(s) URL of at most 2048 characters, without a fragment"),
        [Features.Webhooks.WebhookUrlReasons.HttpsRequired] = ("须使用 https", "it must use https"),
        [Features.Webhooks.WebhookUrlReasons.Credentials] = ("不得包含用户名或密码", "it must not carry a user name or password"),
        [Features.Webhooks.WebhookUrlReasons.PrivateAddress] = ("解析到环回、内网、链路本地或其他非公网地址", "it resolves to a loopback, private, link-local or other non-public address"),
        [Features.Webhooks.WebhookUrlReasons.Unresolvable] = ("域名无法解析", "its host name does not resolve"),
    };

    /// <summary>Every code with a message: the list schema/errors.md must document.</summary>
    public static IReadOnlyCollection<string> Codes => Messages.Keys;

    public static bool PrefersEnglish(HttpContext context)
    {
        var header = context.Request.Headers.AcceptLanguage;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var languages))
        {
            return false;
        }
        var best = languages.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return best is not null && best.Value.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public static string For(string code, HttpContext context) => For(code, PrefersEnglish(context));

    public static string For(string code, bool english) =>
        Messages.TryGetValue(code, out var message) ? (english ? message.En : message.Zh) : code;

    /// <summary>The code's message, with the reason when there is one: "不动产单元代码无效：校验码不正确。"</summary>
    public static string For(ApiError error, bool english)
    {
        var message = For(error.Code, english);
        if (error.Reason is null || !Reasons.TryGetValue(error.Reason, out var reason))
        {
            return message;
        }
        return english
            ? $"{message.TrimEnd('.')}: {reason.En}."
            : $"{message.TrimEnd('。')}：{reason.Zh}。";
    }
}
