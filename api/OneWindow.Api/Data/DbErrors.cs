using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OneWindow.Api.Data;

/// <summary>What a failed statement means, on either database (PostgreSQL, or SQLite on the embedded default).</summary>
public static class DbErrors
{
    /// <summary>PostgreSQL's unique_violation.</summary>
    public const string PostgresUniqueViolation = "23505";

    /// <summary>SQLite's primary result code SQLITE_CONSTRAINT (unique, primary key, foreign key, check, not null).</summary>
    public const int SqliteConstraint = 19;

    /// <summary>SQLite's extended codes for a UNIQUE index and a PRIMARY KEY: SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY.</summary>
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// A save refused by a unique index or primary key: the row someone else inserted at the same moment exists now.
    /// Clear the change tracker before reading it back.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException is DbException inner && inner.IsUniqueViolation();

    /// <summary>The same for a raw ADO.NET exception (ExecuteSql…, a command of one's own).</summary>
    public static bool IsUniqueViolation(this DbException exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresUniqueViolation,
        // Code 19 also covers foreign keys, NOT NULL and CHECK: the extended code tells a unique index apart when
        // SQLite gives one (Microsoft.Data.Sqlite does); the primary code alone is taken as unique.
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey or SqliteConstraint,
        _ => false,
    };
}
