using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Seeding;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Data;

/// <summary>
/// The PostgreSQL bulk seed (binary COPY into truncated tables with FREEZE, keys, indexes and foreign keys dropped for
/// the load and rebuilt, ANALYZE, one transaction) on a freshly migrated database of its own.
/// </summary>
public sealed class SeedTests(RegistryFixture fixture) : IAsyncLifetime
{
    private RegistryDbContext _db = null!;
    private RegistryDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        var name = $"seed_{Guid.NewGuid():N}";
        await fixture.Postgres.ExecuteAsync($"CREATE DATABASE {name}");
        _database = fixture.Database(name);
        _db = fixture.CreateContext(name);
        _db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await _db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Seed_writes_the_region_frozen_and_analyzed_and_restores_every_key_index_and_foreign_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = await SchemaAsync(ct);
        var phases = new SeedPhases();

        var counts = await DemoRegionSeeder.SeedAsync(_db, _database, new DemoRegionOptions { Units = 4000, BatchUnits = 1000 }, ct, phases: phases);

        Assert.Equal(schema, await SchemaAsync(ct));
        Assert.Equal(4000, await _db.Units.CountAsync(ct));
        Assert.Equal(counts.Entries, await _db.RegisterEntries.LongCountAsync(ct));
        Assert.Equal(counts.Parties, await _db.Parties.LongCountAsync(ct));
        Assert.True(phases.Copy > TimeSpan.Zero && phases.Indexes > TimeSpan.Zero && phases.ForeignKeys > TimeSpan.Zero);
        // COPY FREEZE marks the pages all-visible as it writes them; the ANALYZE inside the load saw that and the rows.
        foreach (var table in new[] { "units", "register_entries", "parties" })
        {
            var (pages, visible, tuples, statistics) = await TableStateAsync(table, ct);
            Assert.True(pages > 0 && visible == pages, $"{table}: {visible} of {pages} pages all-visible");
            Assert.True(tuples > 0, $"{table}: reltuples {tuples}");
            Assert.True(statistics > 0, $"{table}: no statistics");
        }
        // The sequences continue after the generated ids.
        var maxUnit = await _db.Units.MaxAsync(u => u.Id, ct);
        Assert.Equal(maxUnit + 1, await ScalarAsync<long>("SELECT nextval(pg_get_serial_sequence('units', 'id'))", ct));
    }

    [Fact]
    public async Task Seed_that_fails_half_way_leaves_no_rows_and_the_schema_as_it_was()
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = await SchemaAsync(ct);
        using var failing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long unitsWhenCancelled = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DemoRegionSeeder.SeedAsync(
            _db, _database, new DemoRegionOptions { Units = 6000, BatchUnits = 1000 }, failing.Token, progress =>
            {
                if (progress.Units >= 2000 && unitsWhenCancelled == 0)
                {
                    unitsWhenCancelled = progress.Units;
                    failing.Cancel();
                }
            }));

        Assert.InRange(unitsWhenCancelled, 2000, 5999);
        Assert.Equal(0, await _db.Units.CountAsync(ct));
        Assert.Equal(0, await _db.Parties.CountAsync(ct));
        Assert.Equal(0, await _db.RegisterEntries.CountAsync(ct));
        Assert.Equal(schema, await SchemaAsync(ct));

        // And the next seed runs as on a fresh database.
        var counts = await DemoRegionSeeder.SeedAsync(_db, _database, new DemoRegionOptions { Units = 1500 }, ct);
        Assert.Equal(1500, counts.Units);
        Assert.Equal(1500, await _db.Units.CountAsync(ct));
    }

    /// <summary>Every constraint and index of the public schema, with its definition.</summary>
    private async Task<string> SchemaAsync(CancellationToken ct)
    {
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            ORDER BY 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetString(0));
        }
        Assert.Contains(rows, r => r.StartsWith("constraint register_entries pk_register_entries PRIMARY KEY", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("constraint register_entries fk_register_entries_units_unit_id FOREIGN KEY", StringComparison.Ordinal));
        return string.Join('\n', rows);
    }

    private async Task<(int Pages, int Visible, float Tuples, long Statistics)> TableStateAsync(string table, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT relpages, relallvisible, reltuples, (SELECT count(*) FROM pg_stats WHERE schemaname = 'public' AND tablename = @table) FROM pg_class WHERE oid = @table::regclass",
            connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetFloat(2), reader.GetInt64(3));
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
