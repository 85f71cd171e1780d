using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Configurations;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> certificate)
    {
        certificate.Property(c => c.Number).HasMaxLength(60);
        // One certificate per number: verification finds it in one index lookup.
        certificate.HasIndex(c => c.Number).IsUnique();
        certificate.Property(c => c.BusinessNumber).HasMaxLength(21);
        certificate.Property(c => c.VerificationCode).HasMaxLength(16);
        certificate.Property(c => c.ReplacedBy).HasMaxLength(60);
        certificate.Property(c => c.Courier).HasMaxLength(40);
        certificate.Property(c => c.TrackingNumber).HasMaxLength(40);
        certificate.Property(c => c.LastPrintedBy).HasMaxLength(200);
        certificate.HasOne<RegistrationApplication>().WithMany().HasForeignKey(c => c.ApplicationId);
        certificate.HasIndex(c => c.ApplicationId);
    }
}
