using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("people");
        person.Property(p => p.UserName).HasMaxLength(100);
        person.HasIndex(p => p.UserName).IsUnique();
        person.Property(p => p.PasswordHash).HasMaxLength(200);
        person.Property(p => p.Name).HasMaxLength(100);
        person.Property(p => p.IdNumber).HasMaxLength(18);
        person.HasIndex(p => p.IdNumber);
    }
}

internal sealed class PartnerClientConfiguration : IEntityTypeConfiguration<PartnerClient>
{
    public void Configure(EntityTypeBuilder<PartnerClient> client)
    {
        client.Property(c => c.ClientId).HasMaxLength(100);
        client.HasIndex(c => c.ClientId).IsUnique();
        client.HasOne(c => c.Partner).WithMany().HasForeignKey(c => c.PartnerId);
        client.HasIndex(c => c.PartnerId);
        client.HasMany(c => c.RetiredSecrets).WithOne().HasForeignKey(s => s.PartnerClientId);
    }
}

internal sealed class RetiredClientSecretConfiguration : IEntityTypeConfiguration<RetiredClientSecret>
{
    public void Configure(EntityTypeBuilder<RetiredClientSecret> secret)
    {
        secret.Property(s => s.SecretHash).HasMaxLength(500);
        secret.HasIndex(s => s.PartnerClientId);
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> key)
    {
        key.Property(k => k.KeyId).HasMaxLength(64);
        key.HasIndex(k => k.KeyId).IsUnique();
        // One key per use: instances starting together race to create it, and the loser reads the winner's.
        key.HasIndex(k => k.Use).IsUnique();
    }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> record)
    {
        record.Property(r => r.Caller).HasMaxLength(100);
        record.Property(r => r.CallerKind).HasMaxLength(20);
        record.Property(r => r.Subject).HasMaxLength(100);
        record.Property(r => r.Fields).HasMaxLength(200);
        record.Property(r => r.Purpose).HasMaxLength(200);
        record.Property(r => r.TraceId).HasMaxLength(64);
        record.HasIndex(r => new { r.Subject, r.OccurredAt });
        record.HasIndex(r => new { r.Caller, r.OccurredAt });
        record.HasIndex(r => r.OccurredAt);
    }
}
