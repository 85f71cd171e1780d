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
        application.Property(a => a.BusinessType).HasMaxLength(40);
        application.Property(a => a.Status).HasMaxLength(40);
        application.HasOne(a => a.Partner).WithMany().HasForeignKey(a => a.PartnerId);
        application.HasIndex(a => new { a.PartnerId, a.SubmittedAt });
        application.HasIndex(a => new { a.Status, a.DueDate });
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> applicationEvent)
    {
        applicationEvent.Property(e => e.Action).HasMaxLength(40);
        applicationEvent.Property(e => e.FromStatus).HasMaxLength(40);
        applicationEvent.Property(e => e.ToStatus).HasMaxLength(40);
        applicationEvent.Property(e => e.Actor).HasMaxLength(200);
        applicationEvent.Property(e => e.Reason).HasMaxLength(2000);
        applicationEvent.HasOne<RegistrationApplication>().WithMany(a => a.Events).HasForeignKey(e => e.ApplicationId);
        applicationEvent.HasIndex(e => e.ApplicationId);
    }
}

internal sealed class ApplicationMaterialConfiguration : IEntityTypeConfiguration<ApplicationMaterial>
{
    public void Configure(EntityTypeBuilder<ApplicationMaterial> material)
    {
        material.Property(m => m.MaterialCode).HasMaxLength(60);
        material.Property(m => m.FileName).HasMaxLength(260);
        material.Property(m => m.ContentType).HasMaxLength(100);
        material.Property(m => m.Sha256).HasMaxLength(64);
        material.HasOne<RegistrationApplication>().WithMany(a => a.Materials).HasForeignKey(m => m.ApplicationId);
        material.HasIndex(m => m.ApplicationId);
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
        partner.HasIndex(p => new { p.Status, p.CreatedAt });
    }
}
