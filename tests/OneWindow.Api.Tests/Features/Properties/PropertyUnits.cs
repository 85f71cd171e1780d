using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Properties;

/// <summary>Finds seeded units of a given shape in a test database, so tests don't hard-code generated codes.</summary>
public static class PropertyUnits
{
    public static Task<string> WithActiveRestrictionAsync(RegistryDbContext db, RestrictionKind kind, int skip = 0) =>
        db.Restrictions
            .Where(r => r.Kind == kind && r.Status == RestrictionStatus.Active && (r.EndsOn == null || r.EndsOn > new DateOnly(2025, 12, 31) || kind == RestrictionKind.Mortgage))
            .Where(r => !db.Restrictions.Any(o => o.UnitId == r.UnitId && o.Status == RestrictionStatus.Active && o.Kind != kind))
            .OrderBy(r => r.UnitId)
            .Select(r => r.Unit!.UnitCode)
            .Skip(skip)
            .FirstAsync(TestContext.Current.CancellationToken);

    public static Task<string> CleanAsync(RegistryDbContext db, int skip = 0) =>
        db.Units
            .Where(u => u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership))
            .Where(u => !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active))
            .OrderBy(u => u.Id)
            .Select(u => u.UnitCode)
            .Skip(skip)
            .FirstAsync(TestContext.Current.CancellationToken);

    public static Task<string> TitleCertificateAsync(RegistryDbContext db, string unitCode) =>
        db.Rights
            .Where(r => r.Unit!.UnitCode == unitCode && r.Kind == RightKind.LandUseAndHouseOwnership)
            .Select(r => r.CertificateNumber!)
            .FirstAsync(TestContext.Current.CancellationToken);
}
