using System.Collections.ObjectModel;

namespace OneWindow.Domain.Applications;

/// <summary>
/// The time limit (办理时限) of each business type, in working days from acceptance; 0 means immediate (即办).
/// </summary>
/// <remarks>
/// The figures are local commitments, not law (DOMAIN.md): the regulation allows 30 working days, the
/// seed's plans commit to 3 for a mortgage (one plan says 10), 5 for other registrations and "immediately"
/// for mortgage cancellation, seizure, release and objection. <see cref="Default"/> holds those
/// commitments; a registry overrides them from configuration with <see cref="Create"/> or
/// <see cref="FromConfiguration"/>.
/// </remarks>
public sealed record TimeLimitPolicy
{
    /// <summary>The regulation's limit (不动产登记暂行条例 article 20); no configured figure may exceed it.</summary>
    public const int StatutoryMaximumWorkingDays = 30;

    /// <summary>
    /// The most a complex case's time limit may be extended by, once, with a recorded reason (the seed's plans: complex
    /// cases up to 30 working days).
    /// </summary>
    public const int MaxExtensionWorkingDays = 30;

    /// <summary>The seed's committed targets.</summary>
    public static IReadOnlyDictionary<BusinessType, int> DefaultWorkingDays { get; } =
        new ReadOnlyDictionary<BusinessType, int>(new Dictionary<BusinessType, int>
        {
            [BusinessType.MortgageRegistrationGeneral] = 3,
            [BusinessType.MortgageRegistrationMaximumAmount] = 3,
            [BusinessType.MortgageRegistrationUnderConstruction] = 3,
            [BusinessType.MortgageCancellation] = 0,
            [BusinessType.FirstRegistration] = 5,
            [BusinessType.Transfer] = 5,
            [BusinessType.Seizure] = 0,
            [BusinessType.SeizureRelease] = 0,
            [BusinessType.Objection] = 0,
            [BusinessType.AdvanceNotice] = 5,
            [BusinessType.SeizureExtension] = 0,
            [BusinessType.MortgageAdvanceNotice] = 3,
            [BusinessType.MortgagedTransfer] = 5,
            [BusinessType.AdvanceNoticeCancellation] = 0,
            [BusinessType.MortgageChange] = 3,
            [BusinessType.MortgageAssignment] = 3,
            [BusinessType.OwnershipChange] = 5,
            [BusinessType.Correction] = 5,
            [BusinessType.RegistryCorrection] = 5,
            [BusinessType.OwnershipCancellation] = 5,
            [BusinessType.CertificateReplacementLost] = 5,
            [BusinessType.CertificateReplacementDamaged] = 5,
            // A court's order is handled the same day (即办), by a registrar: it takes the holders' right.
            [BusinessType.CourtOrderedTransfer] = 0,
        });

    /// <summary>The policy with the seed's figures.</summary>
    public static TimeLimitPolicy Default { get; } = new(DefaultWorkingDays);

    private TimeLimitPolicy(IReadOnlyDictionary<BusinessType, int> workingDays) => WorkingDays = workingDays;

    /// <summary>The time limit of every business type, in working days.</summary>
    public IReadOnlyDictionary<BusinessType, int> WorkingDays { get; }

    /// <summary>The defaults with <paramref name="overrides"/> laid over them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A figure outside 0..<see cref="StatutoryMaximumWorkingDays"/>, or an undefined business type.
    /// </exception>
    public static TimeLimitPolicy Create(IReadOnlyDictionary<BusinessType, int> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new Dictionary<BusinessType, int>(DefaultWorkingDays);
        foreach (var (type, days) in overrides)
        {
            if (!Enum.IsDefined(type))
            {
                throw new ArgumentOutOfRangeException(nameof(overrides), type, "Not a defined business type.");
            }

            if (days is < 0 or > StatutoryMaximumWorkingDays)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(overrides), days,
                    $"The time limit of {type} must be between 0 and {StatutoryMaximumWorkingDays} working days.");
            }

            merged[type] = days;
        }

        return new TimeLimitPolicy(new ReadOnlyDictionary<BusinessType, int>(merged));
    }

    /// <summary>
    /// The defaults with overrides keyed by business type name (as bound from a configuration section such
    /// as <c>"TimeLimits": { "MortgageRegistrationGeneral": 10 }</c>); names match case-insensitively.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not a business type name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A figure outside 0..<see cref="StatutoryMaximumWorkingDays"/>.</exception>
    public static TimeLimitPolicy FromConfiguration(IReadOnlyDictionary<string, int> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var typed = new Dictionary<BusinessType, int>();
        foreach (var (name, days) in overrides)
        {
            // Note: numeric strings are refused so that "3": 5 cannot silently mean a business type.
            if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name[0] == '-'
                || !Enum.TryParse<BusinessType>(name, ignoreCase: true, out var type) || !Enum.IsDefined(type))
            {
                throw new ArgumentException($"'{name}' is not a business type name.", nameof(overrides));
            }

            typed[type] = days;
        }

        return Create(typed);
    }

    /// <summary>The time limit of <paramref name="type"/> in working days.</summary>
    public int WorkingDaysFor(BusinessType type) =>
        WorkingDays.TryGetValue(type, out var days)
            ? days
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined business type.");

    /// <summary>Whether <paramref name="type"/> is handled immediately (即办): a limit of 0 working days.</summary>
    public bool IsImmediate(BusinessType type) => WorkingDaysFor(type) == 0;
}
