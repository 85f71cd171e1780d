using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Domain.Register;

/// <summary>The hashed fields of one register entry, in the order they are chained.</summary>
public sealed record ChainedEntry(
    int Sequence,
    string Kind,
    string? BusinessNumber,
    DateTime RecordedAtUtc,
    string Content,
    string PreviousHash,
    string Hash);

/// <summary>What is wrong at one position of a unit's chain.</summary>
public sealed record ChainProblem(int Sequence, string Code, string Detail);

/// <summary>
/// The hash chain of a unit's register (登记簿): entry n stores SHA-256(entry n-1's hash, unit code, n, kind,
/// business number, time, content). Changing any stored field of any entry, deleting or inserting one, breaks the
/// chain at that point; the unit row keeps the newest hash and the count so deleting the last entry shows too.
/// </summary>
public static class RegisterChain
{
    /// <summary>The "previous hash" of a unit's first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public const string SequenceGap = "SEQUENCE_GAP";
    public const string BrokenLink = "BROKEN_LINK";
    public const string HashMismatch = "HASH_MISMATCH";
    public const string HeadMismatch = "HEAD_MISMATCH";
    public const string CheckpointMismatch = "CHECKPOINT_MISMATCH";

    /// <summary>
    /// Times are hashed at microsecond precision, the precision PostgreSQL stores: call this on a time before it is
    /// stored or hashed.
    /// </summary>
    public static DateTime Normalise(DateTime utc)
    {
        var ticks = utc.Ticks - (utc.Ticks % 10);
        return new DateTime(ticks, DateTimeKind.Utc);
    }

    public static string ComputeHash(
        string previousHash, string unitCode, int sequence, string kind, string? businessNumber, DateTime recordedAtUtc, string content)
    {
        var canonical = string.Join('\n',
            previousHash,
            unitCode,
            sequence.ToString(CultureInfo.InvariantCulture),
            kind,
            businessNumber ?? "",
            Normalise(recordedAtUtc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            content);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// Checks a unit's entries (in any order) against each other and against the head hash and count kept on the
    /// unit. An empty result means the chain is intact.
    /// </summary>
    public static IReadOnlyList<ChainProblem> Verify(string unitCode, IEnumerable<ChainedEntry> entries, string? head, int count)
    {
        var problems = new List<ChainProblem>();
        var previous = Genesis;
        var expectedSequence = 1;
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Sequence != expectedSequence)
            {
                problems.Add(new(entry.Sequence, SequenceGap, $"expected entry {expectedSequence}, found {entry.Sequence}"));
            }
            if (entry.PreviousHash != previous)
            {
                problems.Add(new(entry.Sequence, BrokenLink, "the previous hash does not match the entry before it"));
            }
            var recomputed = ComputeHash(entry.PreviousHash, unitCode, entry.Sequence, entry.Kind, entry.BusinessNumber, entry.RecordedAtUtc, entry.Content);
            if (recomputed != entry.Hash)
            {
                problems.Add(new(entry.Sequence, HashMismatch, "the stored fields do not give the stored hash"));
            }
            previous = entry.Hash;
            expectedSequence = entry.Sequence + 1;
        }
        var found = expectedSequence - 1;
        if ((head ?? Genesis) != previous || count != found)
        {
            problems.Add(new(found, HeadMismatch, $"the unit records {count} entries ending in {head ?? "nothing"}; the chain has {found} ending in {previous}"));
        }
        return problems;
    }

    /// <summary>
    /// Checks a unit's entries against what a signed checkpoint recorded for it: the first <c>leaf.EntryCount</c>
    /// entries must still end in <c>leaf.Head</c>; entries after them are changes made after the checkpoint (the chain
    /// check covers those). A chain rewritten consistently — every hash recomputed — passes <see cref="Verify"/> but
    /// not this. Null when the unit matches (or the checkpoint predates the unit).
    /// </summary>
    public static ChainProblem? VerifyAgainstCheckpoint(CheckpointLeaf? leaf, IEnumerable<ChainedEntry> entries, long checkpointSequence)
    {
        if (leaf is null)
        {
            return null;
        }
        if (leaf.EntryCount == 0)
        {
            return leaf.Head == Genesis ? null : new(0, CheckpointMismatch, $"checkpoint {checkpointSequence} recorded no entries but a head {leaf.Head}");
        }
        var entry = entries.FirstOrDefault(e => e.Sequence == leaf.EntryCount);
        if (entry is null)
        {
            return new(leaf.EntryCount, CheckpointMismatch, $"checkpoint {checkpointSequence} recorded {leaf.EntryCount} entries; entry {leaf.EntryCount} is gone");
        }
        return entry.Hash == leaf.Head
            ? null
            : new(leaf.EntryCount, CheckpointMismatch, $"entry {leaf.EntryCount} no longer has the hash checkpoint {checkpointSequence} signed: the chain was rewritten");
    }
}
