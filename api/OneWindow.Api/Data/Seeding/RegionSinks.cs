using System.Diagnostics;
using System.Linq.Expressions;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using OneWindow.Api.Data.Entities;
using NpgsqlTypes;

namespace OneWindow.Api.Data.Seeding;

/// <summary>Where generated batches go.</summary>
public interface IRegionSink
{
    Task WriteAsync(RegionBatch batch, CancellationToken cancellationToken);
}

/// <summary>Writes through EF Core: the embedded SQLite file, where a few thousand units take a second or two.</summary>
public sealed class EfRegionSink(RegistryDbContext db) : IRegionSink
{
    public async Task WriteAsync(RegionBatch batch, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(batch.Partners);
        db.AddRange(batch.Parcels);
        db.AddRange(batch.Buildings);
        db.AddRange(batch.Units);
        db.AddRange(batch.Parties);
        db.AddRange(batch.Rights);
        db.AddRange(batch.Holders);
        db.AddRange(batch.Restrictions);
        db.AddRange(batch.Entries);
        db.AddRange(batch.Certificates);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}

/// <summary>
/// Writes with PostgreSQL's binary COPY, table by table, taking table and column names and value conversions from
/// the EF model so the two never disagree. Ids come from the generator; <see cref="ResetSequencesAsync"/> moves the
/// identity sequences past them afterwards.
/// </summary>
public sealed class CopyRegionSink(NpgsqlConnection connection, IModel model) : IRegionSink
{
    private readonly Dictionary<Type, CopyTable> _tables = [];

    public async Task WriteAsync(RegionBatch batch, CancellationToken cancellationToken)
    {
        await CopyAsync(batch.Partners, cancellationToken);
        await CopyAsync(batch.Parcels, cancellationToken);
        await CopyAsync(batch.Buildings, cancellationToken);
        await CopyAsync(batch.Units, cancellationToken);
        await CopyAsync(batch.Parties, cancellationToken);
        await CopyAsync(batch.Rights, cancellationToken);
        await CopyAsync(batch.Holders, cancellationToken);
        await CopyAsync(batch.Restrictions, cancellationToken);
        await CopyAsync(batch.Entries, cancellationToken);
        await CopyAsync(batch.Certificates, cancellationToken);
    }

    public async Task ResetSequencesAsync(CancellationToken cancellationToken)
    {
        foreach (var table in _tables.Values.Where(t => t.IdColumn is not null))
        {
            var sql = $"SELECT setval(pg_get_serial_sequence('{table.Name}', '{table.IdColumn}'), GREATEST((SELECT MAX({table.IdColumn}) FROM {table.Name}), 1))";
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteScalarAsync(cancellationToken);
        }
    }

    private async Task CopyAsync<T>(List<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var table = Table(typeof(T));
        await using var importer = await connection.BeginBinaryImportAsync(table.CopyCommand, cancellationToken);
        // Synchronous writes into the importer's buffer: it flushes to the server itself, and an await per value
        // would cost more than the value.
        foreach (var row in rows)
        {
            importer.StartRow();
            foreach (var column in table.Columns)
            {
                var value = column.Read(row);
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, column.Type);
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private CopyTable Table(Type type)
    {
        if (_tables.TryGetValue(type, out var table))
        {
            return table;
        }
        var entityType = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null)
            .Select(p => new CopyColumn(p.GetColumnName(store)!, Reader(p), DbType(p)))
            .ToList();
        var name = Quote(store.Name);
        var idColumn = entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } id] ? id.GetColumnName(store) : null;
        table = new CopyTable(name, idColumn, columns, $"COPY {name} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)");
        _tables[type] = table;
        return table;
    }

    private static Func<object, object?> Reader(IProperty property)
    {
        var entity = Expression.Parameter(typeof(object));
        var value = Expression.Property(Expression.Convert(entity, property.DeclaringType.ClrType), property.PropertyInfo!);
        var getter = Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), entity).Compile();
        var converter = property.GetTypeMapping().Converter;
        return converter is null ? getter : row => getter(row) is { } raw ? converter.ConvertToProvider(raw) : null;
    }

    private static NpgsqlDbType DbType(IProperty property)
    {
        var type = property.GetTypeMapping().Converter?.ProviderClrType ?? Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        return type switch
        {
            _ when type == typeof(string) => NpgsqlDbType.Text,
            _ when type == typeof(long) => NpgsqlDbType.Bigint,
            _ when type == typeof(int) => NpgsqlDbType.Integer,
            _ when type == typeof(decimal) => NpgsqlDbType.Numeric,
            _ when type == typeof(bool) => NpgsqlDbType.Boolean,
            _ when type == typeof(DateTime) => NpgsqlDbType.TimestampTz,
            _ when type == typeof(DateOnly) => NpgsqlDbType.Date,
            _ => throw new NotSupportedException($"No COPY mapping for {property.DeclaringType.ClrType.Name}.{property.Name} ({type.Name})"),
        };
    }

    private static string Quote(string identifier) => $"\"{identifier}\"";

    private sealed record CopyColumn(string Name, Func<object, object?> Read, NpgsqlDbType Type);

    private sealed record CopyTable(string Name, string? IdColumn, IReadOnlyList<CopyColumn> Columns, string CopyCommand);
}

public static class DemoRegionSeeder
{
    /// <summary>
    /// Generates the region into the register in one transaction: all of it is stored, or none. On PostgreSQL the
    /// generator runs ahead on another thread while COPY writes the previous batch, and the secondary indexes and
    /// foreign keys of the register's tables are dropped for the load and created again at the end (building an
    /// index once is far cheaper than maintaining it row by row; re-adding a foreign key checks every row once).
    /// Their definitions are read from the database, so the migrations stay the one source of the schema.
    /// </summary>
    public static async Task<RegionCounts> SeedAsync(
        RegistryDbContext db, RegistryDatabase database, DemoRegionOptions options, CancellationToken cancellationToken, Action<RegionCounts>? progress = null,
        SeedPhases? phases = null)
    {
        phases ??= new SeedPhases();
        var counts = RegionCounts.Zero;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (database.IsPostgres)
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                var sink = new CopyRegionSink(connection, db.Model);
                var tables = RegisterTables(db);
                var deferred = await phases.TimeAsync(nameof(SeedPhases.Drop), () => BulkLoadSchema.DropAsync(connection, tables, cancellationToken));
                var batches = Channel.CreateBounded<RegionBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
                var generator = Task.Run(async () =>
                {
                    try
                    {
                        using var generated = new DemoRegion(options).Generate().GetEnumerator();
                        while (true)
                        {
                            var started = Stopwatch.GetTimestamp();
                            var more = generated.MoveNext();
                            phases.Generate += Stopwatch.GetElapsedTime(started);
                            if (!more)
                            {
                                break;
                            }
                            await batches.Writer.WriteAsync(generated.Current, cancellationToken);
                        }
                        batches.Writer.Complete();
                    }
                    catch (Exception e)
                    {
                        batches.Writer.Complete(e);
                    }
                }, cancellationToken);
                var load = Stopwatch.StartNew();
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    var started = Stopwatch.GetTimestamp();
                    await sink.WriteAsync(batch, cancellationToken);
                    phases.Copy += Stopwatch.GetElapsedTime(started);
                    counts = counts.Add(batch);
                    progress?.Invoke(counts);
                }
                await generator;
                phases.Load = load.Elapsed;
                await phases.TimeAsync(nameof(SeedPhases.Sequences), () => sink.ResetSequencesAsync(cancellationToken));
                await BulkLoadSchema.RestoreAsync(connection, deferred, phases, cancellationToken);
            }
            else
            {
                var sink = new EfRegionSink(db);
                foreach (var batch in new DemoRegion(options).Generate())
                {
                    await sink.WriteAsync(batch, cancellationToken);
                    counts = counts.Add(batch);
                    progress?.Invoke(counts);
                }
            }
            await phases.TimeAsync(nameof(SeedPhases.Commit), () => transaction.CommitAsync(cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return counts;
    }

    private static IReadOnlyList<string> RegisterTables(RegistryDbContext db) =>
        [.. new[] { typeof(Parcel), typeof(Building), typeof(RealEstateUnit), typeof(Party), typeof(Right), typeof(RightHolder), typeof(Restriction), typeof(RegisterEntry), typeof(Certificate) }
            .Select(t => db.Model.FindEntityType(t)!.GetTableName()!)];
}

/// <summary>Drops and restores the secondary indexes and foreign keys of tables around a bulk load.</summary>
internal static class BulkLoadSchema
{
    public sealed record Deferred(IReadOnlyList<(string Table, string Name, string Definition)> ForeignKeys, IReadOnlyList<(string Name, string Definition)> Indexes);

    public static async Task<Deferred> DropAsync(NpgsqlConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var foreignKeys = new List<(string, string, string)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = 'f' AND (c.conrelid::regclass::text = ANY(@tables) OR c.confrelid::regclass::text = ANY(@tables))
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        var indexes = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid::regclass::text = ANY(@tables) AND NOT i.indisprimary
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (table, name, _) in foreignKeys)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"", cancellationToken);
        }
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name}", cancellationToken);
        }
        return new Deferred(foreignKeys, indexes);
    }

    public static async Task RestoreAsync(NpgsqlConnection connection, Deferred deferred, SeedPhases phases, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '512MB'", cancellationToken);
        await phases.TimeAsync(nameof(SeedPhases.Indexes), async () =>
        {
            foreach (var (_, definition) in deferred.Indexes)
            {
                await ExecuteAsync(connection, definition, cancellationToken);
            }
        });
        await phases.TimeAsync(nameof(SeedPhases.ForeignKeys), async () =>
        {
            foreach (var (table, name, definition) in deferred.ForeignKeys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}", cancellationToken);
            }
        });
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
