using System.Security.Cryptography;
using OneWindow.Domain.Register;

namespace OneWindow.Domain.Tests.Register;

public class CheckpointTests
{
    private const string First = "441202001001GB00001F00010101";
    private const string Second = "441202001001GB00001F00010102";
    private static readonly DateTime Noon = new(2025, 3, 1, 4, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void PartyIdentity_hashes_name_and_id_number_as_sha256_of_utf8()
    {
        var identity = PartyIdentity.Of("Person", "ResidentId", "李明华", "441202198503151015");

        // hashlib.sha256("李明华".encode()).hexdigest(), computed outside .NET.
        Assert.Equal("0af1b77170555748c980f87a83527447b92f952dc0f1f0c2fc03257766a99801", identity.NameSha256);
        Assert.DoesNotContain("441202198503151015", identity.ToString());
        Assert.NotEqual(identity, PartyIdentity.Of("Person", "ResidentId", "李明华", "441202198503151023"));
    }

    [Fact]
    public void CheckpointRoot_known_leaves_give_the_sha256_of_their_lines()
    {
        // hashlib.sha256("".join(f"{code}\n{count}\n{head}\n" for …).encode()).hexdigest(), computed outside .NET.
        var root = CheckpointRoot.Of([new(First, 3, new string('a', 64)), new(Second, 1, new string('b', 64))]);

        Assert.Equal("b2413eb49f64b86422406d4a80394b7fc3b4297c062902a14017b05342e93787", root);
    }

    [Fact]
    public void CheckpointRoot_changes_with_any_head_or_count()
    {
        CheckpointLeaf[] leaves = [new(First, 3, new string('a', 64)), new(Second, 1, new string('b', 64))];
        var root = CheckpointRoot.Of(leaves);

        Assert.NotEqual(root, CheckpointRoot.Of([leaves[0] with { EntryCount = 4 }, leaves[1]]));
        Assert.NotEqual(root, CheckpointRoot.Of([leaves[0], leaves[1] with { Head = new string('c', 64) }]));
        Assert.NotEqual(root, CheckpointRoot.Of([leaves[0]]));
    }

    [Fact]
    public void CheckpointRoot_refuses_leaves_out_of_order_or_repeated()
    {
        Assert.Throws<InvalidOperationException>(() => CheckpointRoot.Of([new(Second, 1, "x"), new(First, 1, "y")]));
        Assert.Throws<InvalidOperationException>(() => CheckpointRoot.Of([new(First, 1, "x"), new(First, 1, "x")]));
    }

    [Fact]
    public void Signed_payload_verifies_and_an_edited_one_does_not()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfoPem();
        var payload = new CheckpointPayload(7, Noon, 2, 4, new string('a', 64), CheckpointPayload.Genesis, "registry-1", CheckpointSignature.Es256).ToJson();
        var signature = CheckpointSignature.Sign(payload, key);

        Assert.True(CheckpointSignature.Verify(payload, signature, CheckpointSignature.Es256, publicKey));
        Assert.False(CheckpointSignature.Verify(payload.Replace(new string('a', 64), new string('b', 64), StringComparison.Ordinal), signature, CheckpointSignature.Es256, publicKey));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(CheckpointSignature.Verify(payload, signature, CheckpointSignature.Es256, other.ExportSubjectPublicKeyInfoPem()));
        Assert.False(CheckpointSignature.Verify(payload, "not base64!", CheckpointSignature.Es256, publicKey));
        Assert.False(CheckpointSignature.Verify(payload, signature, "SM2", publicKey));
    }

    [Fact]
    public void CheckpointPayload_reads_back_what_it_wrote()
    {
        var payload = new CheckpointPayload(7, Noon.AddTicks(1234567), 2, 4, new string('a', 64), CheckpointPayload.Genesis, "registry-1", CheckpointSignature.Es256);

        var read = CheckpointPayload.Parse(payload.ToJson());

        Assert.Equal(payload with { TakenAt = RegisterChain.Normalise(payload.TakenAt) }, read);
        Assert.Null(CheckpointPayload.Parse("{\"sequence\":1}"));
        Assert.Null(CheckpointPayload.Parse("not json"));
    }

    [Fact]
    public void VerifyAgainstCheckpoint_accepts_entries_added_after_it_and_names_a_rewritten_chain()
    {
        var entries = Chain(4, "x");
        var leaf = new CheckpointLeaf(First, 2, entries[1].Hash);

        Assert.Null(RegisterChain.VerifyAgainstCheckpoint(leaf, entries, 9));
        Assert.Null(RegisterChain.VerifyAgainstCheckpoint(null, entries, 9));

        // Entry 1 changed and every hash after it recomputed: the chain is consistent, the checkpoint is not.
        var rewritten = Chain(4, "y");
        Assert.Empty(RegisterChain.Verify(First, rewritten, rewritten[^1].Hash, 4));
        var problem = RegisterChain.VerifyAgainstCheckpoint(leaf, rewritten, 9);
        Assert.Equal(RegisterChain.CheckpointMismatch, problem?.Code);
        Assert.Equal(2, problem?.Sequence);

        Assert.Equal(RegisterChain.CheckpointMismatch, RegisterChain.VerifyAgainstCheckpoint(leaf with { EntryCount = 5 }, entries, 9)?.Code);
    }

    private static List<ChainedEntry> Chain(int length, string firstContent)
    {
        var entries = new List<ChainedEntry>();
        var previous = RegisterChain.Genesis;
        for (var sequence = 1; sequence <= length; sequence++)
        {
            var content = sequence == 1 ? firstContent : $"{{\"n\":{sequence}}}";
            var hash = RegisterChain.ComputeHash(previous, First, sequence, "RightRegistered", null, Noon.AddDays(sequence), content);
            entries.Add(new ChainedEntry(sequence, "RightRegistered", null, Noon.AddDays(sequence), content, previous, hash));
            previous = hash;
        }
        return entries;
    }
}
