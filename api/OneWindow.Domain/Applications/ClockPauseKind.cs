namespace OneWindow.Domain.Applications;

/// <summary>
/// Why the time limit's clock is stopped besides a correction wait: periods the registry needs that do not count toward
/// the limit (暂行条例 art. 19 实地查看; 实施细则 arts. 17 and 19 公告; the seed's 权籍调查 and 公告, for which the limit is
/// extended). Staff start and end them.
/// </summary>
public enum ClockPauseKind
{
    /// <summary>测绘 / 权籍调查: the unit is surveyed.</summary>
    Survey = 1,

    /// <summary>实地查看: the registry inspects the site.</summary>
    SiteInspection = 2,

    /// <summary>公告: a public notice period runs (e.g. first registration, reissue of a lost certificate).</summary>
    PublicNotice = 3,
}
