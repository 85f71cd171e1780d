using OneWindow.Domain.Register;

namespace OneWindow.Domain.Tests.Register;

public class RegisterChainTests
{
    private const string Unit = "441202003005GB00012F00010101";
    private static readonly DateTime Noon = new(2025, 3, 1, 4, 0, 0, DateTimeKind.Utc);

    private static List<ChainedEntry> Chain(int length)
    {
        var entries = new List<ChainedEntry>();
        var previous = RegisterChain.Genesis;
        for (var sequence = 1; sequence <= length; sequence++)
        {
            var at = Noon.AddDays(sequence);
            var content = $"{{\"n\":{sequence}}}";
            var hash = RegisterChain.ComputeHash(previous, Unit, sequence, "RightRegistered", "B" + sequence, at, content);
            entries.Add(new ChainedEntry(sequence, "RightRegistered", "B" + sequence, at, content, previous, hash));
            previous = hash;
        }
        return entries;
    }

    [Fact]
    public void ComputeHash_known_input_gives_the_sha256_of_its_canonical_form()
    {
        // The canonical form is the fields joined by "\n": 64 zeros, the unit code, 1, RightRegistered, "" (no
        // business number), 2025-03-01T04:00:00.000000Z, {}. Its SHA-256 was computed outside .NET with Python's
        // hashlib.sha256(canonical.encode()).hexdigest().
        var hash = RegisterChain.ComputeHash(RegisterChain.Genesis, Unit, 1, "RightRegistered", null, Noon, "{}");

        Assert.Equal("fc44a725ba6b307fda9ef49008073dc9aaaf24a40400a55a44adc20d1d87471c", hash);
    }

    [Fact]
    public void Verify_intact_chain_reports_nothing()
    {
        var entries = Chain(4);

        Assert.Empty(RegisterChain.Verify(Unit, entries, entries[^1].Hash, 4));
    }

    [Fact]
    public void Verify_altered_content_reports_HASH_MISMATCH_at_that_entry()
    {
        var entries = Chain(4);
        entries[1] = entries[1] with { Content = "{\"n\":99}" };

        var problem = Assert.Single(RegisterChain.Verify(Unit, entries, entries[^1].Hash, 4));
        Assert.Equal((2, RegisterChain.HashMismatch), (problem.Sequence, problem.Code));
    }

    [Fact]
    public void Verify_altered_content_with_recomputed_hash_reports_BROKEN_LINK_after_it()
    {
        var entries = Chain(4);
        var forged = entries[1] with { Content = "{\"n\":99}" };
        entries[1] = forged with { Hash = RegisterChain.ComputeHash(forged.PreviousHash, Unit, 2, forged.Kind, forged.BusinessNumber, forged.RecordedAtUtc, forged.Content) };

        var problem = Assert.Single(RegisterChain.Verify(Unit, entries, entries[^1].Hash, 4));
        Assert.Equal((3, RegisterChain.BrokenLink), (problem.Sequence, problem.Code));
    }

    [Fact]
    public void Verify_deleted_middle_entry_reports_SEQUENCE_GAP_and_BROKEN_LINK()
    {
        var entries = Chain(4);
        entries.RemoveAt(1);

        var codes = RegisterChain.Verify(Unit, entries, entries[^1].Hash, 4).Select(p => p.Code).ToList();
        Assert.Contains(RegisterChain.SequenceGap, codes);
        Assert.Contains(RegisterChain.BrokenLink, codes);
    }

    [Fact]
    public void Verify_deleted_last_entry_reports_HEAD_MISMATCH()
    {
        var entries = Chain(4);
        var head = entries[^1].Hash;
        entries.RemoveAt(3);

        var problem = Assert.Single(RegisterChain.Verify(Unit, entries, head, 4));
        Assert.Equal(RegisterChain.HeadMismatch, problem.Code);
    }

    [Fact]
    public void Normalise_drops_sub_microsecond_ticks()
    {
        var time = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1234567);

        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1234560), RegisterChain.Normalise(time));
    }
}
