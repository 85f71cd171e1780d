using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Applications;

/// <summary>What an application must wait for before it may be entered in the register.</summary>
public enum WaitingPeriodKind
{
    /// <summary>
    /// 补证: the loss declaration (遗失、灭失声明) has been published for 15 working days (实施细则 art. 22:
    /// 刊发…遗失、灭失声明15个工作日后，予以补发).
    /// </summary>
    LossDeclaration = 1,

    /// <summary>
    /// 依职权更正: the holders notified in writing had 30 working days to apply for the correction themselves, then
    /// the registry's public notice ran 15 working days (实施细则 art. 81: 通知当事人在30个工作日内办理更正登记…
    /// 在公告15个工作日后，依法予以更正; art. 17: 依职权更正登记 is announced, 公告期不少于15个工作日).
    /// </summary>
    RegistryCorrectionNotice = 2,
}

/// <summary>
/// A waiting period on the working-day calendar: it starts the day after <paramref name="StartsOn"/> (the day of
/// publication or of the notice, which does not count) and ends with the last of its <paramref name="WorkingDays"/>,
/// <paramref name="EndsOn"/>. The application may be entered in the register from the next day (00:00 China time).
/// </summary>
/// <param name="Kind">What is waited for.</param>
/// <param name="StartsOn">The day the declaration was published or the notice served (not counted).</param>
/// <param name="WorkingDays">The period's working days.</param>
/// <param name="EndsOn">The period's last working day.</param>
/// <param name="IsProvisional">Whether a day counted lies in a year without an announced holiday schedule.</param>
public sealed record WaitingPeriod(WaitingPeriodKind Kind, DateOnly StartsOn, int WorkingDays, DateOnly EndsOn, bool IsProvisional)
{
    /// <summary>补证 waits this many working days after the loss declaration is published (实施细则 art. 22).</summary>
    public const int LossDeclarationWorkingDays = 15;

    /// <summary>The holders notified of an error have this many working days to apply for the correction (实施细则 art. 81).</summary>
    public const int CorrectionNoticeWorkingDays = 30;

    /// <summary>Then the registry's public notice of its correction runs this many working days (实施细则 arts. 81, 17).</summary>
    public const int CorrectionPublicNoticeWorkingDays = 15;

    /// <summary>The first instant at which the application may be entered: 00:00 China time after <see cref="EndsOn"/>, in UTC.</summary>
    public DateTime OverAtUtc => ChinaTime.StartOfDayUtc(EndsOn.AddDays(1));

    /// <summary>Whether the period is over at <paramref name="nowUtc"/>.</summary>
    public bool IsOverAt(DateTime nowUtc) => ChinaTime.AsUtc(nowUtc, nameof(nowUtc)) >= OverAtUtc;

    /// <summary>The part of the period during which the time limit's clock stands still (公告所需时间不计算在登记办理期限内).</summary>
    public (DateTime FromUtc, DateTime? ToUtc) ClockPause => (ChinaTime.StartOfDayUtc(StartsOn.AddDays(1)), OverAtUtc);

    /// <summary>补证's wait: 15 working days from the day after the loss declaration was published.</summary>
    public static WaitingPeriod LossDeclaration(DateOnly publishedOn, HolidayCalendar calendar) =>
        Of(WaitingPeriodKind.LossDeclaration, publishedOn, LossDeclarationWorkingDays, calendar);

    /// <summary>
    /// 依职权更正's wait: the holders' 30 working days from the day after the written notice was served, then the
    /// public notice's 15 working days, published on the first working day after the holders' period (45 in all).
    /// </summary>
    public static WaitingPeriod RegistryCorrection(DateOnly noticeServedOn, HolidayCalendar calendar) =>
        Of(WaitingPeriodKind.RegistryCorrectionNotice, noticeServedOn, CorrectionNoticeWorkingDays + CorrectionPublicNoticeWorkingDays, calendar);

    private static WaitingPeriod Of(WaitingPeriodKind kind, DateOnly startsOn, int workingDays, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var end = calendar.AddWorkingDays(startsOn, workingDays);
        return new WaitingPeriod(kind, startsOn, workingDays, end.Value, end.IsProvisional);
    }
}
