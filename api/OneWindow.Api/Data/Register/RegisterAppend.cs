using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// Appends entries to a unit's register chain. The unit row carries the chain's head and length; its length is a
/// concurrency token, so two writers appending to one unit cannot both succeed (the loser's SaveChanges fails and
/// nothing of its transaction is stored). Entries about rights and restrictions record their parties' identities,
/// given by <c>parties</c> (party id → identity).
/// </summary>
public static class RegisterAppend
{
    /// <summary>The unit's first entry: its attributes as they enter the register.</summary>
    public static RegisterEntry UnitEntered(RealEstateUnit unit, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.UnitEntered, RegisterSnapshots.Of(unit), null, recordedAtUtc, null, null);

    /// <summary>The unit's attributes as a change or correction leaves them.</summary>
    public static RegisterEntry UnitChanged(RealEstateUnit unit, string? businessNumber, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.UnitChanged, RegisterSnapshots.Of(unit), businessNumber, recordedAtUtc, null, null);

    public static RegisterEntry RightRegistered(RealEstateUnit unit, Right right, Func<long, PartyIdentity> parties, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RightRegistered, RegisterSnapshots.Of(right, parties), right.BusinessNumber, recordedAtUtc, right.Id, null);

    public static RegisterEntry RightEnded(RealEstateUnit unit, Right right, Func<long, PartyIdentity> parties, string? businessNumber, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RightEnded, RegisterSnapshots.Of(right, parties), businessNumber, recordedAtUtc, right.Id, null);

    public static RegisterEntry RestrictionRegistered(RealEstateUnit unit, Restriction restriction, Func<long, PartyIdentity> parties, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RestrictionRegistered, RegisterSnapshots.Of(restriction, parties), restriction.BusinessNumber, recordedAtUtc, null, restriction.Id);

    public static RegisterEntry RestrictionReleased(
        RealEstateUnit unit, Restriction restriction, Func<long, PartyIdentity> parties, string? businessNumber, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RestrictionReleased, RegisterSnapshots.Of(restriction, parties), businessNumber, recordedAtUtc, null, restriction.Id);

    /// <summary>A right in force changed without ending (its obligors): the entry records its new state.</summary>
    public static RegisterEntry RightAmended(RealEstateUnit unit, Right right, Func<long, PartyIdentity> parties, string? businessNumber, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RightAmended, RegisterSnapshots.Of(right, parties), businessNumber, recordedAtUtc, right.Id, null);

    /// <summary>A restriction in force changed without ending: the entry records its new state.</summary>
    public static RegisterEntry RestrictionAmended(
        RealEstateUnit unit, Restriction restriction, Func<long, PartyIdentity> parties, string? businessNumber, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RestrictionAmended, RegisterSnapshots.Of(restriction, parties), businessNumber, recordedAtUtc, null, restriction.Id);

    private static RegisterEntry Append(
        RealEstateUnit unit, RegisterEntryKind kind, string content, string? businessNumber, DateTime recordedAtUtc, long? rightId, long? restrictionId)
    {
        var recordedAt = RegisterChain.Normalise(recordedAtUtc);
        var sequence = unit.RegisterEntryCount + 1;
        var previous = unit.RegisterHead ?? RegisterChain.Genesis;
        var hash = RegisterChain.ComputeHash(previous, unit.UnitCode, sequence, kind.ToString(), businessNumber, recordedAt, content);
        unit.RegisterHead = hash;
        unit.RegisterEntryCount = sequence;
        return new RegisterEntry
        {
            UnitId = unit.Id,
            Sequence = sequence,
            Kind = kind,
            BusinessNumber = businessNumber,
            RightId = rightId,
            RestrictionId = restrictionId,
            Content = content,
            RecordedAt = recordedAt,
            PreviousHash = previous,
            Hash = hash,
        };
    }
}
