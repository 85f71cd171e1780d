using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Tests.Data;

/// <summary>
/// The register altered directly in the database — a holder's ID number, a share, an amount, a unit's area, a chain
/// rewritten consistently, a checkpoint edited — and the verification naming the unit. Each test has its own copy of
/// the seeded register.
/// </summary>
public sealed class RegisterTamperTests(RegistryFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2025, 11, 20, 2, 0, 0, DateTimeKind.Utc);
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();
    private RegistryDbContext _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = fixture.CreateContext(await fixture.CreateDatabaseAsync(nameof(RegisterTamperTests)));

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private IRegistryKeys Keys => new DatabaseRegistryKeys(_db, _protection, TimeProvider.System);

    private Task<RegisterVerificationReport?> VerifyAsync(string? unitCode = null, ExportedCheckpoint? against = null) =>
        RegisterVerification.RunAsync(_db, unitCode, against, Now, Ct);

    [Fact]
    public async Task Intact_register_with_a_checkpoint_verifies_and_names_no_unit()
    {
        var checkpoint = await RegisterCheckpoints.TakeAsync(_db, Keys, Now, Ct);

        var report = (await VerifyAsync())!;

        output.WriteLine($"whole register: {report.UnitsChecked} units in {report.ElapsedMilliseconds} ms");
        Assert.True(report.Intact, string.Join("\n", report.Problems.Take(5)) + string.Join("\n", report.RegisterProblems));
        Assert.Equal(await _db.Units.CountAsync(Ct), report.UnitsChecked);
        Assert.Equal(new CheckpointCheck(1, Now, checkpoint!.KeyId, "database", SignatureValid: true, HeadsRollUp: true), report.Checkpoint);
        Assert.Equal(report.UnitsChecked, checkpoint.UnitCount);
        Assert.Equal(await _db.RegisterEntries.LongCountAsync(Ct), checkpoint.EntryCount);
    }

    [Fact]
    public async Task Holder_id_number_changed_in_parties_names_every_unit_the_party_holds()
    {
        var holder = await _db.RightHolders.Where(h => h.Party!.Kind == PartyKind.Person && h.Right!.Kind == RightKind.LandUseAndHouseOwnership)
            .OrderBy(h => h.Id).Skip(40).Select(h => new { h.PartyId, h.Right!.Unit!.UnitCode }).FirstAsync(Ct);
        var held = await _db.RightHolders.Where(h => h.PartyId == holder.PartyId).Select(h => h.Right!.Unit!.UnitCode).Distinct().ToListAsync(Ct);

        await _db.Database.ExecuteSqlAsync($"UPDATE parties SET id_number = '440101199001011234' WHERE id = {holder.PartyId}", Ct);

        var report = (await VerifyAsync())!;
        Assert.Equal(held.Order(StringComparer.Ordinal), report.UnitsNotMatching);
        Assert.Contains(report.Problems, p => p.UnitCode == holder.UnitCode && p.Code == RegisterVerifier.StateMismatch);
    }

    [Fact]
    public async Task Share_changed_names_the_unit()
    {
        var holder = await _db.RightHolders.Where(h => h.SharePercent != null).OrderBy(h => h.Id)
            .Select(h => new { h.Id, h.Right!.Unit!.UnitCode }).FirstAsync(Ct);

        await _db.Database.ExecuteSqlAsync($"UPDATE right_holders SET share_percent = 99 WHERE id = {holder.Id}", Ct);

        await AssertOnlyUnitNamedAsync(holder.UnitCode, RegisterVerifier.StateMismatch);
    }

    [Fact]
    public async Task Mortgage_amount_changed_names_the_unit()
    {
        var mortgage = await _db.Rights.Where(r => r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active).OrderBy(r => r.Id).Skip(5)
            .Select(r => new { r.Id, r.Unit!.UnitCode }).FirstAsync(Ct);

        await _db.Database.ExecuteSqlAsync($"UPDATE rights SET secured_amount_fen = secured_amount_fen * 10 WHERE id = {mortgage.Id}", Ct);

        await AssertOnlyUnitNamedAsync(mortgage.UnitCode, RegisterVerifier.StateMismatch);
    }

    [Fact]
    public async Task Unit_area_changed_names_the_unit()
    {
        var unit = await _db.Units.OrderBy(u => u.Id).Skip(100).Select(u => u.UnitCode).FirstAsync(Ct);

        await _db.Database.ExecuteSqlAsync($"UPDATE units SET area = area + 10 WHERE unit_code = {unit}", Ct);

        await AssertOnlyUnitNamedAsync(unit, RegisterVerifier.StateMismatch);
        var single = (await VerifyAsync(unit))!;
        Assert.Equal([unit], single.UnitsNotMatching);
        Assert.Equal(1, single.UnitsChecked);
    }

    [Fact]
    public async Task Chain_rewritten_consistently_after_a_checkpoint_is_named_against_it()
    {
        await RegisterCheckpoints.TakeAsync(_db, Keys, Now, Ct);
        var mortgage = await _db.Rights.Where(r => r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active).OrderBy(r => r.Id).Skip(7).FirstAsync(Ct);
        var unitCode = await _db.Units.Where(u => u.Id == mortgage.UnitId).Select(u => u.UnitCode).SingleAsync(Ct);

        // The amount is changed in the row and in every entry about it, and every hash from there on recomputed.
        await _db.Database.ExecuteSqlAsync($"UPDATE rights SET secured_amount_fen = 1 WHERE id = {mortgage.Id}", Ct);
        await RewriteChainAsync(mortgage.UnitId, entry => entry.Content = entry.Content.Replace(
            $"\"securedAmountFen\":{mortgage.SecuredAmountFen},", "\"securedAmountFen\":1,", StringComparison.Ordinal));

        Assert.Empty((await RegisterVerifier.VerifyUnitAsync(_db, unitCode, Ct))!);
        var report = (await VerifyAsync())!;
        Assert.Equal([unitCode], report.UnitsNotMatching);
        Assert.Equal(RegisterChain.CheckpointMismatch, Assert.Single(report.Problems).Code);
        Assert.Equal([unitCode], (await VerifyAsync(unitCode))!.UnitsNotMatching);
    }

    [Fact]
    public async Task Exported_checkpoint_accepts_later_entries_and_names_a_chain_rewritten_before_a_later_checkpoint()
    {
        var first = await RegisterCheckpoints.TakeAsync(_db, Keys, Now, Ct);
        var exported = ReadBack((await RegisterCheckpoints.ExportAsync(_db, first!.Sequence, Ct))!);
        var changed = await AppendSeizureAsync(await _db.Units.OrderBy(u => u.Id).Skip(200).Select(u => u.Id).FirstAsync(Ct));

        // A legitimate entry after the checkpoint is explained by the chain.
        var report = (await VerifyAsync(against: exported))!;
        Assert.True(report.Intact, string.Join("\n", report.Problems.Concat<object>(report.RegisterProblems)));
        Assert.Equal("file", report.Checkpoint!.Source);

        // A rewrite before a later checkpoint passes against that one (it recorded the rewritten head) but not against
        // the copy kept elsewhere.
        var victim = await _db.Units.Where(u => u.RegisterEntryCount >= 3).OrderBy(u => u.Id).Skip(11).FirstAsync(Ct);
        // The first entry backdated by a day, every hash after it recomputed.
        await RewriteChainAsync(victim.Id, entry => entry.RecordedAt = entry.Sequence == 1 ? entry.RecordedAt.AddDays(-1) : entry.RecordedAt);
        var second = await RegisterCheckpoints.TakeAsync(_db, Keys, Now.AddHours(1), Ct);

        Assert.Equal(2, await _db.RegisterCheckpointHeads.CountAsync(h => h.CheckpointSequence == second!.Sequence, Ct));
        Assert.Equal(first.Hash, second!.PreviousHash);
        Assert.True((await VerifyAsync())!.Intact);
        var against = (await VerifyAsync(against: exported))!;
        Assert.Equal([victim.UnitCode], against.UnitsNotMatching);
        Assert.DoesNotContain(changed, against.UnitsNotMatching);
    }

    [Fact]
    public async Task Edited_checkpoint_fails_its_signature()
    {
        var checkpoint = await RegisterCheckpoints.TakeAsync(_db, Keys, Now, Ct);
        var exported = ReadBack((await RegisterCheckpoints.ExportAsync(_db, null, Ct))!);
        var forgedRoot = new string('f', 64);

        // An exported copy with another root: the signature no longer matches, and the heads are not trusted.
        var forged = exported with { Payload = exported.Payload.Replace(exported.Root, forgedRoot, StringComparison.Ordinal) };
        var report = (await VerifyAsync(against: forged))!;
        Assert.False(report.Intact);
        Assert.False(report.Checkpoint!.SignatureValid);
        Assert.Contains(report.RegisterProblems, p => p.Code == RegisterVerification.SignatureInvalid);

        // The stored one edited in the database.
        await _db.Database.ExecuteSqlAsync($"UPDATE register_checkpoints SET payload = replace(payload, {checkpoint!.Root}, {forgedRoot}), root = {forgedRoot}", Ct);
        Assert.Contains((await VerifyAsync())!.RegisterProblems, p => p.Code == RegisterVerification.SignatureInvalid);
    }

    [Fact]
    public async Task Altered_checkpoint_heads_no_longer_roll_up_to_the_signed_root()
    {
        await RegisterCheckpoints.TakeAsync(_db, Keys, Now, Ct);
        var unit = await _db.RegisterCheckpointHeads.OrderBy(h => h.UnitCode).Skip(3).Select(h => h.UnitCode).FirstAsync(Ct);

        await _db.Database.ExecuteSqlAsync($"UPDATE register_checkpoint_heads SET head = {new string('e', 64)} WHERE unit_code = {unit}", Ct);

        var report = (await VerifyAsync())!;
        Assert.False(report.Intact);
        Assert.True(report.Checkpoint!.SignatureValid);
        Assert.False(report.Checkpoint.HeadsRollUp);
        Assert.Contains(report.RegisterProblems, p => p.Code == RegisterVerification.HeadsMismatch);
    }

    [Fact]
    public async Task Deleted_unit_is_named_against_the_checkpoint()
    {
        await RegisterCheckpoints.TakeAsync(_db, Keys, Now, Ct);
        var unit = await _db.Units.Where(u => !_db.ApplicationUnits.Any(a => a.UnitCode == u.UnitCode)).OrderBy(u => u.Id).Skip(50).FirstAsync(Ct);

        await _db.Database.ExecuteSqlAsync($"DELETE FROM register_entries WHERE unit_id = {unit.Id}", Ct);
        await _db.Database.ExecuteSqlAsync($"DELETE FROM restrictions WHERE unit_id = {unit.Id}", Ct);
        await _db.Database.ExecuteSqlAsync($"DELETE FROM right_holders WHERE right_id IN (SELECT id FROM rights WHERE unit_id = {unit.Id})", Ct);
        await _db.Database.ExecuteSqlAsync($"DELETE FROM rights WHERE unit_id = {unit.Id}", Ct);
        await _db.Database.ExecuteSqlAsync($"DELETE FROM units WHERE id = {unit.Id}", Ct);

        var report = (await VerifyAsync())!;
        Assert.Equal([unit.UnitCode], report.UnitsNotMatching);
        Assert.Equal(RegisterVerifier.UnitMissing, Assert.Single(report.Problems).Code);
    }

    private async Task AssertOnlyUnitNamedAsync(string unitCode, string code)
    {
        var report = (await VerifyAsync())!;
        Assert.False(report.Intact);
        Assert.Equal([unitCode], report.UnitsNotMatching);
        Assert.All(report.Problems, p => Assert.Equal(code, p.Code));
    }

    /// <summary>What a forger with database access does: changes entries' content and recomputes every hash and the head.</summary>
    private async Task RewriteChainAsync(long unitId, Action<RegisterEntry> rewrite)
    {
        var unit = await _db.Units.SingleAsync(u => u.Id == unitId, Ct);
        var entries = await _db.RegisterEntries.Where(e => e.UnitId == unitId).OrderBy(e => e.Sequence).ToListAsync(Ct);
        var previous = RegisterChain.Genesis;
        foreach (var entry in entries)
        {
            rewrite(entry);
            entry.PreviousHash = previous;
            entry.Hash = RegisterChain.ComputeHash(previous, unit.UnitCode, entry.Sequence, entry.Kind.ToString(), entry.BusinessNumber,
                DateTime.SpecifyKind(entry.RecordedAt, DateTimeKind.Utc), entry.Content);
            previous = entry.Hash;
        }
        unit.RegisterHead = previous;
        await _db.SaveChangesAsync(Ct);
        _db.ChangeTracker.Clear();
    }

    /// <summary>A court's seizure entered as the register writer does (rows, then the entry moving the head).</summary>
    private async Task<string> AppendSeizureAsync(long unitId)
    {
        var unit = await _db.Units.SingleAsync(u => u.Id == unitId, Ct);
        var seizure = new Restriction
        {
            UnitId = unit.Id,
            Kind = Domain.Restrictions.RestrictionKind.Seizure,
            Status = RestrictionStatus.Active,
            Authority = "肇庆市端州区人民法院",
            DocumentNumber = "(2025)粤1202执999号",
            StartsOn = new DateOnly(2025, 11, 20),
            RegisteredAt = Now,
        };
        _db.Restrictions.Add(seizure);
        await _db.SaveChangesAsync(Ct);
        _db.RegisterEntries.Add(RegisterAppend.RestrictionRegistered(unit, seizure, _ => throw new InvalidOperationException("no party"), Now.AddMinutes(5)));
        await _db.SaveChangesAsync(Ct);
        _db.ChangeTracker.Clear();
        return unit.UnitCode;
    }

    /// <summary>The checkpoint as a file written and read back.</summary>
    private static ExportedCheckpoint ReadBack(ExportedCheckpoint checkpoint) =>
        JsonSerializer.Deserialize<ExportedCheckpoint>(JsonSerializer.Serialize(checkpoint, RegisterCommands.Json), RegisterCommands.Json)!;
}
