using System.Diagnostics;
using System.Linq.Expressions;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using OneWindow.Api.Data.Entities;

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
/// the EF model so the two never disagree. Each table's rows are written by one compiled method that reads every
/// property and encodes it by its type into a <see cref="BinaryCopyWriter"/> (no boxing, no per-value type lookup, no
/// Npgsql parameter per value: decision 0031). Ids come from the generator;
/// <see cref="ResetSequencesAsync"/> moves the identity sequences past them afterwards. Tables named in
/// <paramref name="freeze"/> were emptied by TRUNCATE in this transaction and get <c>COPY … FREEZE</c>: their rows are
/// written frozen and the pages all-visible, so neither the first reads nor autovacuum rewrite them after the seed.
/// </summary>
public sealed class CopyRegionSink(NpgsqlConnection connection, IModel model, IReadOnlySet<string>? freeze = null) : IRegionSink
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
        var write = (Action<BinaryCopyWriter, T>)table.WriteRow;
        await using var stream = await connection.BeginRawBinaryCopyAsync(table.CopyCommand, cancellationToken);
        // Rows are encoded into the writer's buffer, which goes to the stream a megabyte at a time (synchronously: an
        // await per flush would cost more than it saves on the load's own connection).
        var writer = new BinaryCopyWriter(stream);
        writer.WriteHeader();
        foreach (var row in rows)
        {
            write(writer, row);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private CopyTable Table(Type type)
    {
        if (_tables.TryGetValue(type, out var table))
        {
            return table;
        }
        var entityType = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
        var name = Quote(store.Name);
        var idColumn = entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } id] ? id.GetColumnName(store) : null;
        var options = freeze?.Contains(store.Name) == true ? "FORMAT BINARY, FREEZE" : "FORMAT BINARY";
        var command = $"COPY {name} ({string.Join(", ", properties.Select(p => Quote(p.GetColumnName(store)!)))}) FROM STDIN ({options})";
        table = new CopyTable(name, idColumn, command, RowWriter(type, properties));
        _tables[type] = table;
        return table;
    }

    /// <summary>
    /// Compiles <c>(writer, row) =&gt; { writer.StartRow(n); writer.WriteInt64(convert(row.Property)); … }</c> for every
    /// mapped property, with EF's value converter inlined and <c>WriteNull</c> for a null.
    /// </summary>
    private static Delegate RowWriter(Type entity, IReadOnlyList<IProperty> properties)
    {
        var writer = Expression.Parameter(typeof(BinaryCopyWriter), "writer");
        var row = Expression.Parameter(entity, "row");
        var body = new List<Expression> { Expression.Call(writer, nameof(BinaryCopyWriter.StartRow), null, Expression.Constant((short)properties.Count)) };
        foreach (var property in properties)
        {
            Expression value = Expression.Property(row, property.PropertyInfo!);
            Expression? present = null;
            if (Nullable.GetUnderlyingType(value.Type) is not null)
            {
                present = Expression.Property(value, nameof(Nullable<int>.HasValue));
                value = Expression.Property(value, nameof(Nullable<int>.Value));
            }
            else if (!value.Type.IsValueType)
            {
                present = Expression.NotEqual(value, Expression.Constant(null, value.Type));
            }
            if (property.GetTypeMapping().Converter is { } converter)
            {
                value = Expression.Invoke(converter.ConvertToProviderExpression, Expression.Convert(value, converter.ModelClrType));
            }
            var write = Expression.Call(writer, WriteMethod(property, value.Type), null, value);
            body.Add(present is null ? write : Expression.IfThenElse(present, write, Expression.Call(writer, nameof(BinaryCopyWriter.WriteNull), null)));
        }
        var delegateType = typeof(Action<,>).MakeGenericType(typeof(BinaryCopyWriter), entity);
        return Expression.Lambda(delegateType, Expression.Block(body), writer, row).Compile();
    }

    /// <summary>The writer's method for a column, by the CLR type its value has after EF's converter.</summary>
    private static string WriteMethod(IProperty property, Type type) => type switch
    {
        _ when type == typeof(string) => nameof(BinaryCopyWriter.WriteText),
        _ when type == typeof(long) => nameof(BinaryCopyWriter.WriteInt64),
        _ when type == typeof(int) => nameof(BinaryCopyWriter.WriteInt32),
        _ when type == typeof(decimal) => nameof(BinaryCopyWriter.WriteNumeric),
        _ when type == typeof(bool) => nameof(BinaryCopyWriter.WriteBoolean),
        _ when type == typeof(DateTime) => nameof(BinaryCopyWriter.WriteTimestampTz),
        _ when type == typeof(DateOnly) => nameof(BinaryCopyWriter.WriteDate),
        _ => throw new NotSupportedException($"No COPY mapping for {property.DeclaringType.ClrType.Name}.{property.Name} ({type.Name})"),
    };

    private static string Quote(string identifier) => $"\"{identifier}\"";

    private sealed record CopyTable(string Name, string? IdColumn, string CopyCommand, Delegate WriteRow);
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
                var tables = RegisterTables(db);
                var deferred = await phases.TimeAsync(nameof(SeedPhases.Drop), () => BulkLoadSchema.DropAsync(connection, tables, cancellationToken));
                var sink = new CopyRegionSink(connection, db.Model, deferred.Truncated);
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
                await BulkLoadSchema.RestoreAsync(connection, [db.Model.FindEntityType(typeof(Partner))!.GetTableName()!, .. tables], deferred, phases, cancellationToken);
                // After the keys are back: each sequence's MAX(id) is read from its primary key.
                await phases.TimeAsync(nameof(SeedPhases.Sequences), () => sink.ResetSequencesAsync(cancellationToken));
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

/// <summary>
/// Drops and restores the indexes and constraints of tables around a bulk load: foreign keys (to and from the tables),
/// primary keys and unique constraints, and the other indexes. Empty tables are also truncated, inside the load's
/// transaction, so COPY may write their rows frozen (<c>COPY … FREEZE</c> needs a table truncated or created in the
/// same transaction); a table that holds rows is left as it is and loaded without FREEZE.
/// </summary>
internal static class BulkLoadSchema
{
    public sealed record Deferred(
        IReadOnlyList<(string Table, string Name, string Definition)> Keys,
        IReadOnlyList<(string Name, string Definition)> Indexes,
        IReadOnlyList<(string Table, string Name, string Definition)> ForeignKeys,
        IReadOnlySet<string> Truncated);

    public static async Task<Deferred> DropAsync(NpgsqlConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var foreignKeys = await ConstraintsAsync(connection, tables, "f", cancellationToken);
        var keys = await ConstraintsAsync(connection, tables, "pu", cancellationToken);
        var indexes = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid::regclass::text = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
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
        foreach (var (table, name, _) in keys)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"", cancellationToken);
        }
        var truncated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            // The table is locked (ACCESS EXCLUSIVE, by the DROP above) until the load commits: empty now means empty.
            await using var command = new NpgsqlCommand($"SELECT NOT EXISTS (SELECT 1 FROM \"{table}\")", connection);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                await ExecuteAsync(connection, $"TRUNCATE \"{table}\"", cancellationToken);
                truncated.Add(table);
            }
        }
        return new Deferred(keys, indexes, foreignKeys, truncated);
    }

    /// <summary>
    /// Builds the keys, then the indexes, analyzes <paramref name="tables"/>, then re-adds the foreign keys (each checks
    /// every row once).
    /// <c>maintenance_work_mem</c> is raised so each build sorts in memory, in parallel workers where PostgreSQL
    /// chooses to (btree builds; <c>max_parallel_maintenance_workers</c>).
    /// </summary>
    public static async Task RestoreAsync(NpgsqlConnection connection, IReadOnlyList<string> tables, Deferred deferred, SeedPhases phases, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '512MB'", cancellationToken);
        await phases.TimeAsync(nameof(SeedPhases.Keys), async () =>
        {
            foreach (var (table, name, definition) in deferred.Keys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}", cancellationToken);
            }
        });
        await phases.TimeAsync(nameof(SeedPhases.Indexes), async () =>
        {
            foreach (var (_, definition) in deferred.Indexes)
            {
                await ExecuteAsync(connection, definition, cancellationToken);
            }
        });
        // Statistics before the foreign keys: their checks are joins the planner should plan with the real sizes. ANALYZE
        // in the load's transaction counts the rows it wrote, and its statistics commit with them.
        await phases.TimeAsync(nameof(SeedPhases.Analyze), () => ExecuteAsync(connection, $"ANALYZE {string.Join(", ", tables.Select(t => $"\"{t}\""))}", cancellationToken));
        await phases.TimeAsync(nameof(SeedPhases.ForeignKeys), async () =>
        {
            foreach (var (table, name, definition) in deferred.ForeignKeys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}", cancellationToken);
            }
        });
    }

    private static async Task<List<(string Table, string Name, string Definition)>> ConstraintsAsync(
        NpgsqlConnection connection, IReadOnlyList<string> tables, string kinds, CancellationToken cancellationToken)
    {
        // Foreign keys are found from both ends (a table outside the load may reference one inside it); keys only on
        // the tables themselves.
        var constraints = new List<(string, string, string)>();
        await using var command = new NpgsqlCommand(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = ANY(@kinds)
              AND (c.conrelid::regclass::text = ANY(@tables) OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY(@tables)))
            """, connection);
        command.Parameters.AddWithValue("tables", tables.ToArray());
        command.Parameters.AddWithValue("kinds", kinds.Select(k => k.ToString()).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            constraints.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return constraints;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
