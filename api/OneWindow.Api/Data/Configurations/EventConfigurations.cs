using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Configurations;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> outboxEvent)
    {
        outboxEvent.ToTable("outbox_events");
        // The feed reads by position; the publisher finds what has none yet; pruning goes by time.
        outboxEvent.HasIndex(e => e.Position).IsUnique();
        outboxEvent.HasIndex(e => e.OccurredAt);
        outboxEvent.Property(e => e.Type).HasMaxLength(60);
        outboxEvent.Property(e => e.BusinessNumber).HasMaxLength(40);
        outboxEvent.Property(e => e.UnitCode).HasMaxLength(28);
        outboxEvent.HasMany(e => e.Recipients).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxRecipientConfiguration : IEntityTypeConfiguration<OutboxRecipient>
{
    public void Configure(EntityTypeBuilder<OutboxRecipient> recipient)
    {
        recipient.ToTable("outbox_event_recipients");
        // A recipient's feed is a range of this key.
        recipient.HasKey(r => new { r.Recipient, r.EventId });
        recipient.HasIndex(r => r.EventId);
        recipient.Property(r => r.Recipient).HasMaxLength(60);
    }
}
