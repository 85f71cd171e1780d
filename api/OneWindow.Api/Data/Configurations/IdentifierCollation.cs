using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Configurations;

/// <summary>
/// PostgreSQL only: the columns that hold the register's identifiers — unit and parcel codes, business numbers,
/// certificate and document numbers, ID numbers, wherever they are stored — use the "C" collation (byte order).
/// In the database's C.UTF-8 locale their order is the same (UTF-8 byte order is code point order, and glibc's
/// C.UTF-8 collates by code point: docs/decisions/0031 says how that was checked), but a btree on a "C" column
/// compares with memcmp and sorts with abbreviated keys instead of calling strcoll for every comparison, which made
/// these indexes the slowest part of seeding a large region. Every column of a kind is set, not only the indexed
/// ones: PostgreSQL refuses to compare two columns of different collations, and queries join these columns with each
/// other (a checkpoint's unit code with the unit's, a restriction's document number with a certificate's number).
/// A new column holding one of these identifiers gets the same collation by its property name.
/// </summary>
internal static class IdentifierCollation
{
    public const string ByteOrder = "C";

    private static readonly HashSet<string> IdentifierProperties = new(StringComparer.Ordinal)
    {
        nameof(RealEstateUnit.UnitCode), nameof(Parcel.ParcelCode), nameof(Right.BusinessNumber), nameof(Right.CertificateNumber),
        nameof(Restriction.DocumentNumber), nameof(Restriction.ReleaseDocumentNumber), nameof(Party.IdNumber),
    };

    public static void UseByteOrder(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetDeclaredProperties())
            {
                var identifier = IdentifierProperties.Contains(property.Name)
                    || (entity.ClrType == typeof(Certificate) && property.Name == nameof(Certificate.Number));
                if (identifier && property.ClrType == typeof(string))
                {
                    property.SetCollation(ByteOrder);
                }
            }
        }
    }
}
