using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Configurations;

internal sealed class RegistrationApplicationConfiguration : IEntityTypeConfiguration<RegistrationApplication>
{
    public void Configure(EntityTypeBuilder<RegistrationApplication> application)
    {
        application.ToTable("applications");
        application.Property(a => a.BusinessNumber).HasMaxLength(21);
        application.HasIndex(a => a.BusinessNumber).IsUnique();
        application.Property(a => a.SubmitterKey).HasMaxLength(40);
        application.Property(a => a.SubmittedBy).HasMaxLength(200);
        application.Property(a => a.Circumstances).HasMaxLength(400);
        application.Property(a => a.Summary).HasMaxLength(300);
        application.Property(a => a.Version).IsConcurrencyToken();
        application.HasOne(a => a.Partner).WithMany().HasForeignKey(a => a.PartnerId);
        // A submitter's own applications, newest first; staff lists by status and deadline.
        application.HasIndex(a => new { a.SubmitterKey, a.Id });
        application.HasIndex(a => new { a.Status, a.DueDate });
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> applicationEvent)
    {
        applicationEvent.Property(e => e.Actor).HasMaxLength(200);
        applicationEvent.Property(e => e.Reason).HasMaxLength(2000);
        applicationEvent.HasOne<RegistrationApplication>().WithMany(a => a.Events).HasForeignKey(e => e.ApplicationId);
        applicationEvent.HasIndex(e => e.ApplicationId);
    }
}

internal sealed class ApplicationCorrectionItemConfiguration : IEntityTypeConfiguration<ApplicationCorrectionItem>
{
    public void Configure(EntityTypeBuilder<ApplicationCorrectionItem> item)
    {
        item.ToTable("application_correction_items");
        item.Property(i => i.MaterialCode).HasMaxLength(60);
        item.Property(i => i.Note).HasMaxLength(500);
        item.HasOne<ApplicationEvent>().WithMany(e => e.CorrectionItems).HasForeignKey(i => i.ApplicationEventId);
        item.HasIndex(i => i.ApplicationEventId);
    }
}

internal sealed class ApplicationPartyConfiguration : IEntityTypeConfiguration<ApplicationParty>
{
    public void Configure(EntityTypeBuilder<ApplicationParty> party)
    {
        party.Property(p => p.Name).HasMaxLength(200);
        party.Property(p => p.IdNumber).HasMaxLength(40);
        party.Property(p => p.Nationality).HasMaxLength(3);
        party.Property(p => p.Phone).HasMaxLength(20);
        party.Property(p => p.SharePercent).HasPrecision(7, 4);
        party.Property(p => p.ConfirmedBy).HasMaxLength(200);
        party.HasOne<RegistrationApplication>().WithMany(a => a.Parties).HasForeignKey(p => p.ApplicationId);
        party.HasIndex(p => p.ApplicationId);
        // The applications a citizen or a partner is a party to.
        party.HasIndex(p => new { p.IdNumber, p.ApplicationId });
    }
}

internal sealed class ApplicationUnitConfiguration : IEntityTypeConfiguration<ApplicationUnit>
{
    public void Configure(EntityTypeBuilder<ApplicationUnit> unit)
    {
        unit.Property(u => u.UnitCode).HasMaxLength(28);
        unit.HasOne<RegistrationApplication>().WithMany(a => a.Units).HasForeignKey(u => u.ApplicationId);
        unit.HasIndex(u => u.ApplicationId);
        unit.Property(u => u.ConflictGroup).HasMaxLength(40);
        // At most one open application of a kind per unit, even when two arrive at once (the second insert fails).
        unit.HasIndex(u => new { u.UnitCode, u.ConflictGroup }).IsUnique().HasFilter("is_open").HasDatabaseName("ix_application_units_open");
        unit.HasIndex(u => u.UnitCode);
    }
}

internal sealed class MaterialConfiguration : IEntityTypeConfiguration<Material>
{
    public void Configure(EntityTypeBuilder<Material> material)
    {
        material.Property(m => m.PublicId).HasMaxLength(40);
        material.HasIndex(m => m.PublicId).IsUnique();
        material.Property(m => m.OwnerKey).HasMaxLength(40);
        material.Property(m => m.UploadedBy).HasMaxLength(200);
        material.Property(m => m.FileName).HasMaxLength(260);
        material.Property(m => m.ContentType).HasMaxLength(100);
        material.Property(m => m.Sha256).HasMaxLength(64);
        material.Property(m => m.MaterialCode).HasMaxLength(60);
        material.HasIndex(m => new { m.OwnerKey, m.Id });
        material.HasOne<MaterialContent>().WithMany().HasForeignKey(m => m.Sha256).HasPrincipalKey(c => c.Sha256);
    }
}

internal sealed class MaterialContentConfiguration : IEntityTypeConfiguration<MaterialContent>
{
    public void Configure(EntityTypeBuilder<MaterialContent> content)
    {
        content.HasKey(c => c.Sha256);
        content.Property(c => c.Sha256).HasMaxLength(64);
    }
}

internal sealed class ApplicationMaterialConfiguration : IEntityTypeConfiguration<ApplicationMaterial>
{
    public void Configure(EntityTypeBuilder<ApplicationMaterial> material)
    {
        material.Property(m => m.MaterialCode).HasMaxLength(60);
        material.HasOne<RegistrationApplication>().WithMany(a => a.Materials).HasForeignKey(m => m.ApplicationId);
        material.HasOne(m => m.Material).WithMany().HasForeignKey(m => m.MaterialId);
        material.HasIndex(m => new { m.ApplicationId, m.MaterialId, m.MaterialCode }).IsUnique();
        material.HasIndex(m => m.MaterialId);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.Property(r => r.CallerKey).HasMaxLength(40);
        record.Property(r => r.Key).HasMaxLength(100);
        record.Property(r => r.Operation).HasMaxLength(60);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        // Two requests with one key at once: the second insert fails and it answers with the first's result.
        record.HasIndex(r => new { r.CallerKey, r.Key }).IsUnique();
        record.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class RegistrySequenceConfiguration : IEntityTypeConfiguration<RegistrySequence>
{
    public void Configure(EntityTypeBuilder<RegistrySequence> sequence)
    {
        sequence.ToTable("sequences");
        sequence.HasKey(s => s.Name);
        sequence.Property(s => s.Name).HasMaxLength(80);
    }
}

internal sealed class ConfigurationDocumentConfiguration : IEntityTypeConfiguration<ConfigurationDocument>
{
    public void Configure(EntityTypeBuilder<ConfigurationDocument> document)
    {
        document.HasKey(d => d.Name);
        document.Property(d => d.Name).HasMaxLength(40);
        document.Property(d => d.UpdatedBy).HasMaxLength(100);
        document.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.Property(p => p.Name).HasMaxLength(200);
        partner.Property(p => p.CreditCode).HasMaxLength(18);
        partner.HasIndex(p => p.CreditCode).IsUnique();
        partner.Property(p => p.ContactName).HasMaxLength(100);
        partner.Property(p => p.ContactPhone).HasMaxLength(30);
        partner.Property(p => p.ContactEmail).HasMaxLength(200);
        partner.Property(p => p.ReviewedBy).HasMaxLength(100);
        partner.Property(p => p.ReviewNote).HasMaxLength(1000);
        partner.Property(p => p.ChannelReviewedBy).HasMaxLength(100);
        partner.Property(p => p.ChannelNote).HasMaxLength(1000);
        partner.HasIndex(p => new { p.Status, p.CreatedAt });
    }
}
