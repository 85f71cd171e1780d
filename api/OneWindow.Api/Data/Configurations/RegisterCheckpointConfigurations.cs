using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Configurations;

internal sealed class RegisterCheckpointConfiguration : IEntityTypeConfiguration<RegisterCheckpoint>
{
    public void Configure(EntityTypeBuilder<RegisterCheckpoint> checkpoint)
    {
        // One checkpoint per sequence: two instances taking the same one cannot both store it.
        checkpoint.HasIndex(c => c.Sequence).IsUnique();
        checkpoint.Property(c => c.Root).HasMaxLength(64);
        checkpoint.Property(c => c.PreviousHash).HasMaxLength(64);
        checkpoint.Property(c => c.Hash).HasMaxLength(64);
        checkpoint.Property(c => c.KeyId).HasMaxLength(64);
        checkpoint.Property(c => c.Signature).HasMaxLength(200);
    }
}

internal sealed class RegisterCheckpointHeadConfiguration : IEntityTypeConfiguration<RegisterCheckpointHead>
{
    public void Configure(EntityTypeBuilder<RegisterCheckpointHead> head)
    {
        // By unit code, not unit id: a head stays when its unit row is deleted, and the deletion is named.
        head.HasKey(h => new { h.UnitCode, h.CheckpointSequence });
        head.Property(h => h.UnitCode).HasMaxLength(28);
        head.Property(h => h.Head).HasMaxLength(64);
    }
}

internal sealed class RegistryKeyConfiguration : IEntityTypeConfiguration<RegistryKey>
{
    public void Configure(EntityTypeBuilder<RegistryKey> key)
    {
        key.HasKey(k => k.KeyId);
        key.Property(k => k.KeyId).HasMaxLength(64);
        key.Property(k => k.Algorithm).HasMaxLength(20);
        // Keys made before certificates signed checkpoints: the column's default keeps them so.
        key.Property(k => k.Use).HasMaxLength(RegistryKey.UseLength).HasDefaultValue(RegistryKeyUses.Register);
    }
}
