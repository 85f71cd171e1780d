using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Data.Seeding;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Tests.Data;

/// <summary>The register on PostgreSQL: migrated, seeded with the demo region, read back and checked.</summary>
public sealed class RegisterTests(RegistryFixture fixture) : IAsyncLifetime
{
    private RegistryDbContext _db = null!;

    public async ValueTask InitializeAsync() => _db = fixture.CreateContext(await fixture.CreateDatabaseAsync(nameof(RegisterTests)));

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Seeded_region_has_the_configured_units_and_every_kind_of_restriction()
    {
        Assert.Equal(new DemoRegionOptions().Units, await _db.Units.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(fixture.Seeded.Entries, await _db.RegisterEntries.LongCountAsync(TestContext.Current.CancellationToken));
        var kinds = await _db.Restrictions.Where(r => r.Status == RestrictionStatus.Active).Select(r => r.Kind).Distinct().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([RestrictionKind.AdvanceNotice, RestrictionKind.Mortgage, RestrictionKind.Objection, RestrictionKind.Seizure], kinds.OrderBy(k => k.ToString()));
        Assert.True(await _db.Units.AllAsync(u => u.UnitCode.StartsWith(DemoRegion.Division), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Seeded_unit_reads_back_with_its_owner_mortgage_and_restriction()
    {
        var ct = TestContext.Current.CancellationToken;
        var mortgage = await _db.Rights
            .Where(r => r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active && r.MortgageKind == MortgageKind.General)
            .OrderBy(r => r.Id)
            .FirstAsync(ct);

        var unit = await _db.Units
            .Include(u => u.Rights).ThenInclude(r => r.Holders).ThenInclude(h => h.Party)
            .Include(u => u.Restrictions)
            .Include(u => u.Parcel)
            .AsSplitQuery()
            .SingleAsync(u => u.Id == mortgage.UnitId, ct);

        var ownership = Assert.Single(unit.Rights, r => r.Kind == RightKind.LandUseAndHouseOwnership);
        Assert.StartsWith("粤(", ownership.CertificateNumber);
        Assert.Contains("不动产权第", ownership.CertificateNumber);
        var owners = ownership.Holders.Where(h => h.Role == HolderRole.Holder).Select(h => h.PartyId).Order().ToList();
        Assert.NotEmpty(owners);

        var active = Assert.Single(unit.Rights, r => r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active);
        Assert.Contains("不动产证明第", active.CertificateNumber);
        Assert.True(active.SecuredAmountFen > 0);
        var bank = Assert.Single(active.Holders, h => h.Role == HolderRole.Holder);
        Assert.Equal(PartyKind.Organisation, bank.Party!.Kind);
        Assert.Equal(owners, active.Holders.Where(h => h.Role == HolderRole.Obligor).Select(h => h.PartyId).Order().ToList());

        var restriction = Assert.Single(unit.Restrictions, r => r.Kind == RestrictionKind.Mortgage && r.Status == RestrictionStatus.Active);
        Assert.Equal(active.Id, restriction.RightId);
        Assert.Equal(bank.Party.Name, restriction.Authority);
        Assert.Equal(unit.UnitCode[..19], unit.Parcel!.ParcelCode);
        Assert.Empty((await RegisterVerifier.VerifyUnitAsync(_db, unit.UnitCode, ct))!);
    }

    [Fact]
    public async Task Demo_citizen_holds_two_units()
    {
        var held = await _db.RightHolders
            .Where(h => h.Party!.IdNumber == DemoRegion.Citizen.IdNumber && h.Role == HolderRole.Holder && h.Right!.Kind != RightKind.Mortgage)
            .CountAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, held);
    }

    [Fact]
    public async Task Every_sampled_unit_has_an_intact_register()
    {
        var ct = TestContext.Current.CancellationToken;
        var sample = await _db.Units.Where(u => u.Id % 25 == 0).Select(u => u.UnitCode).ToListAsync(ct);

        foreach (var code in sample)
        {
            Assert.Empty((await RegisterVerifier.VerifyUnitAsync(_db, code, ct))!);
        }
    }

    [Fact]
    public async Task Altered_register_entry_is_reported_as_HASH_MISMATCH()
    {
        var ct = TestContext.Current.CancellationToken;
        var entry = await _db.RegisterEntries.Where(e => e.Kind == RegisterEntryKind.RightRegistered).OrderBy(e => e.Id).Skip(10).FirstAsync(ct);
        var unitCode = await _db.Units.Where(u => u.Id == entry.UnitId).Select(u => u.UnitCode).SingleAsync(ct);

        await _db.Database.ExecuteSqlAsync($"UPDATE register_entries SET content = replace(content, '\"status\":\"Active\"', '\"status\":\"Ended\"') WHERE id = {entry.Id}", ct);

        var problems = (await RegisterVerifier.VerifyUnitAsync(_db, unitCode, ct))!;
        Assert.Contains(problems, p => p.Code == RegisterChain.HashMismatch && p.Sequence == entry.Sequence);
    }

    [Fact]
    public async Task Deleted_last_register_entry_is_reported_as_HEAD_MISMATCH()
    {
        var ct = TestContext.Current.CancellationToken;
        var unit = await _db.Units.Where(u => u.RegisterEntryCount >= 3).OrderBy(u => u.Id).FirstAsync(ct);

        await _db.Database.ExecuteSqlAsync($"DELETE FROM register_entries WHERE unit_id = {unit.Id} AND sequence = {unit.RegisterEntryCount}", ct);

        var problems = (await RegisterVerifier.VerifyUnitAsync(_db, unit.UnitCode, ct))!;
        Assert.Contains(problems, p => p.Code == RegisterChain.HeadMismatch);
    }

    [Fact]
    public async Task Right_changed_behind_the_register_is_reported_as_STATE_MISMATCH()
    {
        var ct = TestContext.Current.CancellationToken;
        var mortgage = await _db.Rights.Where(r => r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active).OrderBy(r => r.Id).Skip(3).FirstAsync(ct);
        var unitCode = await _db.Units.Where(u => u.Id == mortgage.UnitId).Select(u => u.UnitCode).SingleAsync(ct);

        await _db.Database.ExecuteSqlAsync($"UPDATE rights SET secured_amount_fen = 100 WHERE id = {mortgage.Id}", ct);

        var problems = (await RegisterVerifier.VerifyUnitAsync(_db, unitCode, ct))!;
        var problem = Assert.Single(problems);
        Assert.Equal(RegisterVerifier.StateMismatch, problem.Code);
    }

    [Fact]
    public async Task Location_search_uses_the_trigram_index()
    {
        var ct = TestContext.Current.CancellationToken;
        await _db.Database.ExecuteSqlRawAsync("ANALYZE units", ct);
        await using var connection = new Npgsql.NpgsqlConnection(_db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using (var off = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(ct);
        }
        await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN SELECT id FROM units WHERE location LIKE '%星湖大道%'", connection);
        var plan = string.Join('\n', await ReadAllAsync(explain, ct));

        Assert.Contains("ix_units_location", plan);
    }

    private static async Task<List<string>> ReadAllAsync(Npgsql.NpgsqlCommand command, CancellationToken ct)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }
}
