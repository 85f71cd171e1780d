using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// Appends entries to a unit's register chain. The unit row carries the chain's head and length; its length is a
/// concurrency token, so two writers appending to one unit cannot both succeed (the loser's SaveChanges fails and
/// nothing of its transaction is stored).
/// </summary>
public static class RegisterAppend
{
    public static RegisterEntry RightRegistered(RealEstateUnit unit, Right right, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RightRegistered, RegisterSnapshots.Of(right), right.BusinessNumber, recordedAtUtc, right.Id, null);

    public static RegisterEntry RightEnded(RealEstateUnit unit, Right right, string? businessNumber, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RightEnded, RegisterSnapshots.Of(right), businessNumber, recordedAtUtc, right.Id, null);

    public static RegisterEntry RestrictionRegistered(RealEstateUnit unit, Restriction restriction, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RestrictionRegistered, RegisterSnapshots.Of(restriction), restriction.BusinessNumber, recordedAtUtc, null, restriction.Id);

    public static RegisterEntry RestrictionReleased(RealEstateUnit unit, Restriction restriction, string? businessNumber, DateTime recordedAtUtc) =>
        Append(unit, RegisterEntryKind.RestrictionReleased, RegisterSnapshots.Of(restriction), businessNumber, recordedAtUtc, null, restriction.Id);

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
