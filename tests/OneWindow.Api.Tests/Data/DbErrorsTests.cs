using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Data;

/// <summary>IsUniqueViolation on both databases: a duplicate key is one, a foreign key violation is not.</summary>
public sealed class DbErrorsTests(RegistryFixture registry)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unique_violation_is_recognised_on_PostgreSQL()
    {
        var database = await registry.CreateDatabaseAsync(nameof(DbErrorsTests));
        await using var db = registry.CreateContext(database);

        await AssertViolationsAsync(db);
    }

    [Fact]
    public async Task Unique_violation_is_recognised_on_SQLite()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        var options = new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite(connection).UseSnakeCaseNamingConvention().Options;
        await using var db = new RegistryDbContext(options);
        await db.Database.EnsureCreatedAsync(Ct);

        await AssertViolationsAsync(db);
    }

    private static async Task AssertViolationsAsync(RegistryDbContext db)
    {
        db.Sequences.Add(new RegistrySequence { Name = "db-errors-test", Value = 1 });
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();

        db.Sequences.Add(new RegistrySequence { Name = "db-errors-test", Value = 2 });
        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        db.ChangeTracker.Clear();

        db.Materials.Add(new Material
        {
            PublicId = "mat_ffffffffffffffffffffffffffffffff",
            OwnerKey = "partner:1",
            UploadedBy = "test",
            FileName = "x.pdf",
            ContentType = "application/pdf",
            Size = 1,
            Sha256 = new string('0', 64),
            UploadedAt = DateTime.UtcNow,
        });
        var foreignKey = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        db.ChangeTracker.Clear();

        Assert.True(duplicate.IsUniqueViolation(), duplicate.InnerException?.Message);
        Assert.False(foreignKey.IsUniqueViolation(), foreignKey.InnerException?.Message);
    }
}
