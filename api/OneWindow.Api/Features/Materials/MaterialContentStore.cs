using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Materials;

/// <summary>
/// Where the bytes of materials live: <c>material_contents</c>, one row per SHA-256 (docs/decisions/0007). Written
/// and read with plain SQL so EF never holds a file in memory: on PostgreSQL the bytes stream from the upload's
/// temporary file to the server and back from the server to the response.
/// </summary>
public static class MaterialContentStore
{
    /// <summary>
    /// Stores the material row and, unless they are there already, its bytes — in one transaction (the caller's when
    /// one is open). Two uploads of the same new bytes at the same moment both succeed: the second insert becomes an
    /// update of the first's row (ON CONFLICT), no unique violation is raised.
    /// </summary>
    public static async Task SaveAsync(RegistryDbContext db, Material material, Func<Stream> openContent, DateTime now, CancellationToken cancellationToken)
    {
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await StoreContentAsync(db, material.Sha256, material.Size, openContent, now, cancellationToken);
            db.Materials.Add(material);
            await db.SaveChangesAsync(cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }
        catch
        {
            // Nothing of the upload stays tracked: the context may be used again (e.g. to answer with an error).
            db.Entry(material).State = EntityState.Detached;
            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Bytes already stored are only marked as stored now (the row is locked until the transaction ends): the cleanup
    /// deletes only contents unreferenced and not stored within the retention, so it cannot delete them between this
    /// statement and the insert of the material that references them. Otherwise the bytes are inserted.
    /// </summary>
    private static async Task StoreContentAsync(
        RegistryDbContext db, string sha256, long size, Func<Stream> openContent, DateTime now, CancellationToken cancellationToken)
    {
        var touched = await db.Database.ExecuteSqlAsync(
            $"UPDATE material_contents SET stored_at = {now} WHERE sha256 = {sha256}", cancellationToken);
        if (touched > 0)
        {
            return;
        }
        await using var stream = openContent();
        // PostgreSQL: Npgsql reads the (seekable) stream while it sends the statement, a buffer at a time. SQLite (the
        // embedded default) binds a byte array: one copy of the file, for the length of the statement.
        object content = db.Database.IsNpgsql()
            ? new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = stream }
            : await ReadAllAsync(stream, size, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO material_contents (sha256, content, size, stored_at) VALUES ({sha256}, {content}, {size}, {now})
            ON CONFLICT (sha256) DO UPDATE SET stored_at = excluded.stored_at
            """,
            cancellationToken);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, long size, CancellationToken cancellationToken)
    {
        var bytes = new byte[size];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    /// <summary>
    /// Copies the bytes stored under a SHA-256 to <paramref name="destination"/> as they are read (sequential access:
    /// PostgreSQL's answer is streamed, never held whole). False when there are none.
    /// </summary>
    public static async Task<bool> CopyToAsync(RegistryDbContext db, string sha256, Stream destination, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT content FROM material_contents WHERE sha256 = @sha256";
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@sha256";
            parameter.Value = sha256;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }
            await using var content = reader.GetStream(0);
            await content.CopyToAsync(destination, cancellationToken);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
