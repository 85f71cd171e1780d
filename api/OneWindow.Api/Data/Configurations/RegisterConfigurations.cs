using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Configurations;

internal sealed class ParcelConfiguration : IEntityTypeConfiguration<Parcel>
{
    public void Configure(EntityTypeBuilder<Parcel> parcel)
    {
        parcel.Property(p => p.ParcelCode).HasMaxLength(19).IsFixedLength(false);
        parcel.HasIndex(p => p.ParcelCode).IsUnique();
        parcel.Property(p => p.Division).HasMaxLength(6);
        parcel.Property(p => p.Location).HasMaxLength(200);
        parcel.Property(p => p.LandUse).HasMaxLength(40);
        parcel.Property(p => p.LandRightNature).HasMaxLength(20);
    }
}

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> building)
    {
        building.Property(b => b.BuildingNumber).HasMaxLength(4);
        building.Property(b => b.Name).HasMaxLength(100);
        building.HasIndex(b => new { b.ParcelId, b.BuildingNumber }).IsUnique();
        building.HasOne(b => b.Parcel).WithMany(p => p.Buildings).HasForeignKey(b => b.ParcelId);
    }
}

internal sealed class RealEstateUnitConfiguration : IEntityTypeConfiguration<RealEstateUnit>
{
    public void Configure(EntityTypeBuilder<RealEstateUnit> unit)
    {
        unit.ToTable("units");
        unit.Property(u => u.UnitCode).HasMaxLength(28);
        unit.HasIndex(u => u.UnitCode).IsUnique();
        unit.Property(u => u.Location).HasMaxLength(200);
        unit.Property(u => u.RoomNumber).HasMaxLength(20);
        unit.Property(u => u.Use).HasMaxLength(40);
        unit.Property(u => u.RegisterHead).HasMaxLength(64);
        unit.Property(u => u.RegisterEntryCount).IsConcurrencyToken();
        unit.HasOne(u => u.Parcel).WithMany().HasForeignKey(u => u.ParcelId);
        unit.HasOne(u => u.Building).WithMany().HasForeignKey(u => u.BuildingId);
        unit.HasIndex(u => u.BuildingId);
        unit.HasIndex(u => u.ParcelId);
    }
}

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> party)
    {
        party.Property(p => p.Name).HasMaxLength(200);
        party.Property(p => p.IdNumber).HasMaxLength(40);
        party.Property(p => p.Nationality).HasMaxLength(3);
        party.Property(p => p.Phone).HasMaxLength(20);
        // Holder lookups by ID number (a citizen's own properties, a bank's mortgages).
        // Not unique: a holder's name change (变更登记) is a new row with the same document; the newest is current (decision 0022).
        party.HasIndex(p => new { p.IdType, p.IdNumber });
        party.HasIndex(p => p.IdNumber);
    }
}

internal sealed class RightConfiguration : IEntityTypeConfiguration<Right>
{
    public void Configure(EntityTypeBuilder<Right> right)
    {
        right.Property(r => r.CertificateNumber).HasMaxLength(60);
        right.Property(r => r.Nature).HasMaxLength(40);
        right.Property(r => r.Notes).HasMaxLength(1000);
        right.Property(r => r.BusinessNumber).HasMaxLength(21);
        right.HasOne(r => r.Unit).WithMany(u => u.Rights).HasForeignKey(r => r.UnitId);
        right.HasIndex(r => new { r.UnitId, r.Status });
        // Not unique: one certificate of registration may cover several units of one mortgage contract.
        right.HasIndex(r => r.CertificateNumber);
        // What an application recorded (its business number), and the registry's sequences.
        right.HasIndex(r => r.BusinessNumber);
    }
}

internal sealed class RightHolderConfiguration : IEntityTypeConfiguration<RightHolder>
{
    public void Configure(EntityTypeBuilder<RightHolder> holder)
    {
        holder.Property(h => h.SharePercent).HasPrecision(7, 4);
        holder.HasOne(h => h.Right).WithMany(r => r.Holders).HasForeignKey(h => h.RightId);
        holder.HasOne(h => h.Party).WithMany().HasForeignKey(h => h.PartyId);
        holder.HasIndex(h => h.RightId);
        holder.HasIndex(h => h.PartyId);
    }
}

internal sealed class RestrictionConfiguration : IEntityTypeConfiguration<Restriction>
{
    public void Configure(EntityTypeBuilder<Restriction> restriction)
    {
        restriction.Property(r => r.Authority).HasMaxLength(200);
        restriction.Property(r => r.DocumentNumber).HasMaxLength(100);
        restriction.Property(r => r.ReleaseDocumentNumber).HasMaxLength(100);
        restriction.Property(r => r.Notes).HasMaxLength(1000);
        restriction.Property(r => r.BusinessNumber).HasMaxLength(21);
        restriction.HasIndex(r => r.BusinessNumber);
        restriction.HasOne(r => r.Unit).WithMany(u => u.Restrictions).HasForeignKey(r => r.UnitId);
        restriction.HasOne(r => r.Right).WithMany().HasForeignKey(r => r.RightId);
        restriction.HasOne(r => r.BeneficiaryParty).WithMany().HasForeignKey(r => r.BeneficiaryPartyId);
        restriction.HasIndex(r => new { r.UnitId, r.Status });
        restriction.HasIndex(r => r.RightId);
        // A certificate of registration of an advance notice or objection is found by its number (Certificates).
        restriction.HasIndex(r => r.DocumentNumber);
    }
}

internal sealed class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntry>
{
    public void Configure(EntityTypeBuilder<RegisterEntry> entry)
    {
        entry.Property(e => e.BusinessNumber).HasMaxLength(21);
        entry.HasIndex(e => e.BusinessNumber);
        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
        entry.HasOne<RealEstateUnit>().WithMany().HasForeignKey(e => e.UnitId);
        // The chain's order and the guard against two writers appending the same position.
        entry.HasIndex(e => new { e.UnitId, e.Sequence }).IsUnique();
    }
}
