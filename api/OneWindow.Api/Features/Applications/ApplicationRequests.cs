namespace OneWindow.Api.Features.Applications;

// The bodies partners send to submit applications, the same on REST and GraphQL. Every field is optional in the type
// so that a submission missing several things is told about all of them at once (一次性告知), each with a code and
// the field's path; enums and dates travel as text for the same reason (yyyy-MM-dd dates, UPPER_SNAKE enums).

/// <summary>An applicant or party: a person (resident ID number) or an organisation (unified social credit code).</summary>
/// <param name="Kind">PERSON or ORGANISATION.</param>
/// <param name="Name">Full name, as on the identity document.</param>
/// <param name="IdNumber">18-character resident ID number (PERSON) or unified social credit code (ORGANISATION).</param>
/// <param name="Phone">Contact phone, optional.</param>
/// <param name="SharePercent">Share in percent, for co-ownership in shares (按份共有) only.</param>
/// <param name="IdType">
/// The identity document idNumber is from: for a PERSON RESIDENT_ID (the default), PASSPORT,
/// HONG_KONG_MACAO_TRAVEL_PERMIT, TAIWAN_TRAVEL_PERMIT, HONG_KONG_MACAO_RESIDENCE_PERMIT or TAIWAN_RESIDENCE_PERMIT; for
/// an ORGANISATION CREDIT_CODE (the default) or ORGANISATION_CODE (only for an organisation the register records by it).
/// </param>
/// <param name="Nationality">A PASSPORT's issuing state: its ISO 3166-1 alpha-3 code (GBR, USA, …); required with a passport, refused with any other document.</param>
public sealed record PartyInput(string? Kind, string? Name, string? IdNumber, string? Phone = null, decimal? SharePercent = null, string? IdType = null, string? Nationality = null);

/// <summary>A material of the application: an uploaded file (its id from POST /api/v1/materials) as which checklist material.</summary>
/// <param name="MaterialId">The id the upload returned.</param>
/// <param name="Code">The checklist material it is (e.g. MAIN_CREDIT_CONTRACT); see materialChecklist.</param>
public sealed record MaterialReference(string? MaterialId, string? Code);

/// <summary>抵押权首次登记: one mortgage on one or more units (一并抵押).</summary>
/// <param name="MortgageKind">GENERAL, MAXIMUM_AMOUNT (最高额抵押) or BUILDING_UNDER_CONSTRUCTION (在建建筑物抵押).</param>
/// <param name="SecuredAmountFen">The secured debt (一般抵押) or the ceiling (最高债权额), in fen.</param>
/// <param name="DebtStartsOn">Start of the debt's performance term (债务履行期限), yyyy-MM-dd.</param>
/// <param name="DebtEndsOn">Its end, yyyy-MM-dd.</param>
/// <param name="TransferAgreement">
/// NONE (default), FORBIDDEN or LIMITED: the parties' agreement on transferring the property, registered with the
/// mortgage (Civil Code art. 406); with one, a transfer needs the mortgagee to join it.
/// </param>
public sealed record MortgageRegistrationRequest(
    string? MortgageKind,
    IReadOnlyList<string>? UnitCodes,
    IReadOnlyList<PartyInput>? Mortgagors,
    PartyInput? Mortgagee,
    long? SecuredAmountFen,
    string? DebtStartsOn,
    string? DebtEndsOn,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null,
    string? TransferAgreement = null) : IApplicationRequest;

/// <summary>抵押权注销登记: ends a registered mortgage on the units its certificate of registration names.</summary>
/// <param name="CertificateNumber">The mortgage's certificate of registration (不动产登记证明号).</param>
/// <param name="UnitCodes">The units whose mortgage ends (all units of that certificate, or some of them).</param>
/// <param name="Circumstances">Must name who applies: JOINT_APPLICATION, MORTGAGEE_ALONE or MORTGAGOR_ALONE.</param>
public sealed record MortgageCancellationRequest(
    string? CertificateNumber,
    IReadOnlyList<string>? UnitCodes,
    PartyInput? Mortgagee,
    IReadOnlyList<PartyInput>? Mortgagors,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>One unit of a new building, from the survey report (测绘报告).</summary>
public sealed record NewUnitInput(
    string? UnitCode, string? Location, int? Floor, string? RoomNumber, decimal? Area, decimal? InteriorArea, string? Use);

/// <summary>The building the units are in.</summary>
/// <param name="Number">The 4-digit building number (幢号) inside the units' codes.</param>
public sealed record NewBuildingInput(string? Number, string? Name, int? Floors);

/// <summary>
/// 国有建设用地使用权及房屋所有权首次登记: a developer registers the units of a completed building on the parcel whose
/// land use right it holds.
/// </summary>
/// <param name="LandUnitCode">The parcel's land unit (fixture code W…), whose land use right the owner holds.</param>
public sealed record FirstRegistrationRequest(
    string? LandUnitCode,
    PartyInput? Owner,
    NewBuildingInput? Building,
    IReadOnlyList<NewUnitInput>? Units,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>国有建设用地使用权及房屋所有权转移登记: the owners transfer the unit to the buyers.</summary>
/// <param name="CoOwnership">SOLE (one transferee), JOINT (共同共有) or IN_SHARES (按份共有, shares adding up to 100).</param>
/// <param name="PriceFen">The transaction price, in fen (optional).</param>
/// <param name="Mortgagees">
/// The mortgagees who join the transfer: required for each mortgage in force on the unit whose registered agreement
/// forbids or limits transfer (Civil Code art. 406); they confirm with their own identity like the other applicants.
/// </param>
public sealed record TransferRequest(
    string? UnitCode,
    IReadOnlyList<PartyInput>? Transferors,
    IReadOnlyList<PartyInput>? Transferees,
    string? CoOwnership,
    long? PriceFen = null,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null,
    IReadOnlyList<PartyInput>? Mortgagees = null) : IApplicationRequest;

/// <summary>预告登记, e.g. of a pre-sale purchase: the seller (owner of the unit, or the developer holding the land) and the buyers.</summary>
public sealed record AdvanceNoticeRequest(
    string? UnitCode,
    IReadOnlyList<PartyInput>? Transferors,
    IReadOnlyList<PartyInput>? Transferees,
    string? ContractNumber,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>
/// 预购商品房抵押预告登记: the bank's advance notice of its mortgage on a pre-sold home; the mortgagors are the buyers of
/// its purchase notice. Same secured amount and term as a mortgage registration.
/// </summary>
public sealed record MortgageAdvanceNoticeRequest(
    string? UnitCode,
    IReadOnlyList<PartyInput>? Mortgagors,
    PartyInput? Mortgagee,
    long? SecuredAmountFen,
    string? DebtStartsOn,
    string? DebtEndsOn,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>
/// 带押过户: the transfer's fields, the seller's mortgage that is cancelled (its certificate of registration and its
/// mortgagee) and the buyers' new mortgage (the buyers are its mortgagors).
/// </summary>
public sealed record MortgagedTransferRequest(
    string? UnitCode,
    IReadOnlyList<PartyInput>? Transferors,
    IReadOnlyList<PartyInput>? Transferees,
    string? CoOwnership,
    long? PriceFen,
    CancelledMortgageInput? CancelledMortgage,
    NewMortgageInput? NewMortgage,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>The mortgage a transfer with its mortgage cancels.</summary>
public sealed record CancelledMortgageInput(string? CertificateNumber, PartyInput? Mortgagee);

/// <summary>The buyers' new mortgage in a transfer with its mortgage: a general mortgage.</summary>
public sealed record NewMortgageInput(PartyInput? Mortgagee, long? SecuredAmountFen, string? DebtStartsOn, string? DebtEndsOn);

/// <summary>预告登记注销: the advance notice's holder of record gives it up.</summary>
/// <param name="DocumentNumber">The notice's certificate of registration (不动产登记证明号).</param>
public sealed record AdvanceNoticeCancellationRequest(
    string? UnitCode,
    string? DocumentNumber,
    PartyInput? Holder,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>
/// 抵押权变更登记 (a new secured amount or end of the debt's term; mortgagee and mortgagors apply) or, with an
/// <paramref name="Assignee"/>, 抵押权转移登记 (the claim assigned to another lender; the mortgagee and the assignee apply).
/// </summary>
/// <param name="CertificateNumber">The mortgage's certificate of registration.</param>
public sealed record MortgageChangeRequest(
    string? CertificateNumber,
    IReadOnlyList<string>? UnitCodes,
    PartyInput? Mortgagee,
    IReadOnlyList<PartyInput>? Mortgagors = null,
    PartyInput? Assignee = null,
    long? SecuredAmountFen = null,
    string? DebtEndsOn = null,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null,
    PartyInput? NewMortgagee = null) : IApplicationRequest;

/// <summary>异议登记: an interested party claims the register is wrong; it lapses if they do not sue within 15 days.</summary>
/// <param name="Matter">What the objection is about (异议事项).</param>
public sealed record ObjectionRequest(
    string? UnitCode,
    PartyInput? Objector,
    string? Matter,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null) : IApplicationRequest;

/// <summary>查封登记 on a court's notice of assistance in execution (协助执行通知书). Registered at once.</summary>
/// <param name="DocumentNumber">The ruling or notice number (文号), e.g. (2025)粤1202执123号.</param>
/// <param name="StartsOn">First day of the seizure (default: today), yyyy-MM-dd.</param>
/// <param name="EndsOn">Last day (default: three years less a day from the start), yyyy-MM-dd.</param>
public sealed record SeizureRequest(
    IReadOnlyList<string>? UnitCodes,
    string? DocumentNumber,
    string? StartsOn = null,
    string? EndsOn = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest
{
    /// <summary>A court's order names no circumstances.</summary>
    IReadOnlyList<string>? IApplicationRequest.Circumstances => null;
}

/// <summary>注销查封登记 (解封): releases the court's seizure registered under <see cref="SeizureDocumentNumber"/>.</summary>
public sealed record SeizureReleaseRequest(
    IReadOnlyList<string>? UnitCodes,
    string? SeizureDocumentNumber,
    string? ReleaseDocumentNumber,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest
{
    /// <summary>A court's order names no circumstances.</summary>
    IReadOnlyList<string>? IApplicationRequest.Circumstances => null;
}

/// <summary>续封: the court that seized extends its seizure, before it ends, for up to three more years.</summary>
/// <param name="SeizureDocumentNumber">The document number (文号) of the seizure in force to extend.</param>
/// <param name="DocumentNumber">The extension's own ruling or notice number.</param>
/// <param name="EndsOn">The extension's last day, yyyy-MM-dd (default and latest: three years less a day after the seizure's end).</param>
public sealed record SeizureExtensionRequest(
    IReadOnlyList<string>? UnitCodes,
    string? SeizureDocumentNumber,
    string? DocumentNumber,
    string? EndsOn = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest
{
    /// <summary>A court's order names no circumstances.</summary>
    IReadOnlyList<string>? IApplicationRequest.Circumstances => null;
}

/// <summary>Many mortgage registrations in one request: each is validated and stored on its own.</summary>
public sealed record BulkMortgageRegistrationRequest(IReadOnlyList<MortgageRegistrationRequest>? Items);

/// <summary>A workflow step by staff or the applicant.</summary>
/// <param name="Reason">Required to refuse, ask for correction (list everything missing at once) and return.</param>
/// <param name="Version">The application's version as last read; when given, a changed application is refused (CONCURRENT_CHANGE).</param>
/// <param name="Items">request-correction only (required there): every checklist material missing or faulty, at once (一次性告知).</param>
/// <param name="WorkingDays">extend-deadline only (required there): working days added to the time limit, 1 to 30, once.</param>
/// <param name="Pause">pause-clock only (required there): SURVEY (测绘), SITE_INSPECTION (实地查看) or PUBLIC_NOTICE (公告).</param>
public sealed record ApplicationActionRequest(
    string? Reason = null, int? Version = null, IReadOnlyList<CorrectionItemInput>? Items = null, int? WorkingDays = null, string? Pause = null);

/// <summary>One item of a correction request: a material of the application's checklist and what is wrong with it.</summary>
/// <param name="MaterialCode">The checklist material (e.g. MORTGAGE_CONTRACT); see materialChecklist.</param>
/// <param name="Defect">MISSING (not submitted) or FAULTY (submitted, not in the required form).</param>
/// <param name="Note">What is wrong, at most 500 characters (e.g. 缺少签字页).</param>
public sealed record CorrectionItemInput(string? MaterialCode, string? Defect, string? Note = null);

/// <summary>补正: the applicant supplies the materials asked for; the application goes back to where it was.</summary>
public sealed record SupplementRequest(IReadOnlyList<MaterialReference>? Materials, string? Reason = null, int? Version = null);
