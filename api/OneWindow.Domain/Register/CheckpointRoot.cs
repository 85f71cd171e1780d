using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Domain.Register;

/// <summary>One unit's chain as a checkpoint records it: its code, how many entries it had and the newest one's hash.</summary>
public sealed record CheckpointLeaf(string UnitCode, int EntryCount, string Head);

/// <summary>
/// Rolls every unit's chain head up into one hash: SHA-256 over the lines "unit code, entry count, head" of all units
/// in ordinal order of their codes. Built incrementally, so a register of any size is rolled up as it is read; the
/// leaves must come in strictly increasing order (a repeated or out-of-order code is refused, so two different
/// lists cannot give one root by reordering).
/// </summary>
public sealed class CheckpointRoot : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _last;

    public long UnitCount { get; private set; }

    public long EntryCount { get; private set; }

    public void Add(CheckpointLeaf leaf)
    {
        if (_last is not null && string.CompareOrdinal(_last, leaf.UnitCode) >= 0)
        {
            throw new InvalidOperationException($"Checkpoint leaves must come in increasing unit code order: {leaf.UnitCode} after {_last}.");
        }
        _last = leaf.UnitCode;
        _hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{leaf.UnitCode}\n{leaf.EntryCount}\n{leaf.Head}\n")));
        UnitCount++;
        EntryCount += leaf.EntryCount;
    }

    /// <summary>The root (lower-case hex). Call once, after the last leaf.</summary>
    public string Complete() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public static string Of(IEnumerable<CheckpointLeaf> leaves)
    {
        using var root = new CheckpointRoot();
        foreach (var leaf in leaves)
        {
            root.Add(leaf);
        }
        return root.Complete();
    }

    public void Dispose() => _hash.Dispose();
}
