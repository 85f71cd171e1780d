using System.Text.Json;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Events;

/// <summary>A kind of event: its name on the wire, what it reports and who hears it (docs/events.md lists these).</summary>
public sealed record EventTypeInfo(string Name, string Description, string Audience);

/// <summary>
/// The event types, declared once: the feed, the GraphQL description and docs/events.md come from this list. An
/// application's steps are named after the status they lead to (one per <see cref="ApplicationStatus"/>), so a new
/// status is a new type without another registration.
/// </summary>
public static class EventTypes
{
    private const string ApplicationAudience = "the submitter and every applicant of the application (by identity of record)";
    private const string UnitAudience = "the holders of record of the unit's rights (owners, mortgagees) and the parties of its restrictions (the court that seized, the objector, the advance notice's buyer), as they stand with the change";

    public const string ConfirmationReceived = "application.confirmationReceived";
    public const string DeadlineExtended = "application.deadlineExtended";
    public const string ClockPaused = "application.clockPaused";
    public const string ClockResumed = "application.clockResumed";
    public const string UnitSeized = "unit.seized";
    public const string UnitSeizureReleased = "unit.seizureReleased";
    public const string UnitObjectionRecorded = "unit.objectionRecorded";
    public const string UnitObjectionCancelled = "unit.objectionCancelled";
    public const string UnitObjectionLawsuitRecorded = "unit.objectionLawsuitRecorded";
    public const string UnitAdvanceNoticeRecorded = "unit.advanceNoticeRecorded";
    public const string UnitAdvanceNoticeCancelled = "unit.advanceNoticeCancelled";
    public const string UnitMortgageRecorded = "unit.mortgageRecorded";
    public const string UnitMortgageCancelled = "unit.mortgageCancelled";
    public const string UnitTransferred = "unit.transferred";
    public const string UnitRightRecorded = "unit.rightRecorded";
    public const string UnitRightEnded = "unit.rightEnded";
    public const string UnitRightAmended = "unit.rightAmended";
    public const string UnitTransferNotice = "unit.transferNotice";
    public const string CertificateCancelled = "certificate.cancelled";
    public const string CertificateReplaced = "certificate.replaced";
    public const string WebhookSecretExpiring = "webhook.secretExpiring";

    /// <summary>The type of an application's step: the status it led to, or a confirmation that left it waiting for others.</summary>
    public static string ForStep(ApplicationAction? action, ApplicationStatus to) => action switch
    {
        ApplicationAction.Confirm when to == ApplicationStatus.AwaitingConfirmation => ConfirmationReceived,
        // The time limit's own steps leave the status as it is: named after what they did.
        ApplicationAction.ExtendDeadline => DeadlineExtended,
        ApplicationAction.PauseClock => ClockPaused,
        ApplicationAction.ResumeClock => ClockResumed,
        _ => "application." + JsonNamingPolicy.CamelCase.ConvertName(to.ToString()),
    };

    public static string? ForRestriction(RestrictionKind kind, bool released) => kind switch
    {
        RestrictionKind.Seizure => released ? UnitSeizureReleased : UnitSeized,
        RestrictionKind.Objection => released ? UnitObjectionCancelled : UnitObjectionRecorded,
        RestrictionKind.AdvanceNotice => released ? UnitAdvanceNoticeCancelled : UnitAdvanceNoticeRecorded,
        // A mortgage's restriction comes with its right: the right's event reports it.
        _ => null,
    };

    /// <summary>A restriction amended in force: an objection's lawsuit recorded (other amendments are not reported).</summary>
    public static string? ForAmendedRestriction(RestrictionKind kind) => kind == RestrictionKind.Objection ? UnitObjectionLawsuitRecorded : null;

    public static string ForRight(RightKind kind, bool ended) => kind == RightKind.Mortgage
        ? ended ? UnitMortgageCancelled : UnitMortgageRecorded
        : ended ? UnitRightEnded : UnitRightRecorded;

    public static string ForCertificate(CertificateStatus status) =>
        status == CertificateStatus.Replaced ? CertificateReplaced : CertificateCancelled;

    /// <summary>A step of an application (<c>application.*</c>).</summary>
    public static bool IsApplicationStep(string type) => type.StartsWith("application.", StringComparison.Ordinal);

    /// <summary>
    /// An event told to some of the unit's parties only (<c>unit.transferNotice</c>, to the mortgagees of record): the
    /// feed and webhooks carry it to its audience; <c>unitChanged</c>, which every watcher of the unit may follow, does not.
    /// </summary>
    public static bool IsAddressedNotice(string type) => type == UnitTransferNotice;

    /// <summary>A change of the register or of a certificate's status (<c>unit.*</c>, <c>certificate.*</c>).</summary>
    public static bool IsRegisterChange(string type) =>
        type.StartsWith("unit.", StringComparison.Ordinal) || type.StartsWith("certificate.", StringComparison.Ordinal);

    public static IReadOnlyList<EventTypeInfo> All { get; } =
    [
        .. Enum.GetValues<ApplicationStatus>().Select(s => new EventTypeInfo(ForStep(null, s), $"An application moved to {s} (a step of its timeline).", ApplicationAudience)),
        new(ConfirmationReceived, "An applicant confirmed; the application still waits for others.", ApplicationAudience),
        new(DeadlineExtended, "A registrar extended the time limit of a complex case (once, up to 30 working days); data: extensionWorkingDays, dueDate.", ApplicationAudience),
        new(ClockPaused, "A survey, site-inspection or public-notice period stopped the clock; data: clockPause.", ApplicationAudience),
        new(ClockResumed, "The period ended and the clock runs again; data: clockPause, dueDate (moved by the days it stopped).", ApplicationAudience),
        new(UnitSeized, "A seizure (查封) was entered on the unit.", UnitAudience),
        new(UnitSeizureReleased, "A seizure was released (解封).", UnitAudience),
        new(UnitObjectionRecorded, "An objection (异议) was entered on the unit.", UnitAudience),
        new(UnitObjectionCancelled, "An objection was cancelled.", UnitAudience),
        new(UnitObjectionLawsuitRecorded, "The objector's lawsuit was recorded within 15 days: the objection no longer lapses (endsOn null, lawsuitFiledOn).", UnitAudience),
        new(UnitAdvanceNoticeRecorded, "An advance notice (预告) was entered on the unit.", UnitAudience),
        new(UnitAdvanceNoticeCancelled, "An advance notice was cancelled.", UnitAudience),
        new(UnitMortgageRecorded, "A mortgage right was entered on the unit.", UnitAudience),
        new(UnitMortgageCancelled, "A mortgage right on the unit ended (注销).", UnitAudience),
        new(UnitTransferred, "The unit's ownership passed to new holders (转移).", UnitAudience),
        new(UnitRightRecorded, "A right of ownership or land use was entered (e.g. a first registration).", UnitAudience),
        new(UnitRightEnded, "A right of ownership or land use ended without a new one.", UnitAudience),
        new(UnitRightAmended, "A right in force changed without ending: a mortgage's obligor (义务人) became the new owner after a transfer (Civil Code art. 406).", UnitAudience),
        new(UnitTransferNotice, "Civil Code art. 406: a unit a mortgage of yours stays on was transferred (转移, 协助执行 or 带押过户); data: mortgageCertificateNumber, certificateNumber, previousCertificateNumber, coOwnership, newOwners (people masked), registerEntry.", "the mortgagees of record of that mortgage, and nobody else"),
        new(CertificateCancelled, "A certificate was cancelled: none of its rights stays in force.", "the holders of record of the rights (or the party of the restriction) the certificate carries"),
        new(CertificateReplaced, "A certificate of title was replaced by the buyer's new one (a transfer).", "the holders of record of the rights the certificate carries"),
        new(WebhookSecretExpiring, "A webhook endpoint's signing secret expires soon: rotate it (docs/events.md, Webhooks).", "the partner that registered the endpoint"),
    ];
}
