using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        endpoint.HasOne(e => e.Partner).WithMany().HasForeignKey(e => e.PartnerId);
        endpoint.HasIndex(e => e.PartnerId);
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.EventTypes).HasMaxLength(2000);
        endpoint.Property(e => e.Description).HasMaxLength(200);
        endpoint.Property(e => e.ProtectedSecret).HasMaxLength(1000);
        endpoint.Property(e => e.PreviousProtectedSecret).HasMaxLength(1000);
        endpoint.Property(e => e.Version).IsConcurrencyToken();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // An event is queued once per endpoint, whichever instance queues it.
        delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        // The dispatcher's claim: an endpoint's pending deliveries by key and position, and what is due.
        delivery.HasIndex(d => new { d.EndpointId, d.Status, d.OrderingKey, d.Position });
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.Property(d => d.EventType).HasMaxLength(60);
        delivery.Property(d => d.OrderingKey).HasMaxLength(80);
        delivery.Property(d => d.LockedBy).HasMaxLength(40);
        delivery.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> attempt)
    {
        attempt.ToTable("webhook_delivery_attempts");
        attempt.HasIndex(a => a.DeliveryId);
        attempt.Property(a => a.Error).HasMaxLength(40);
        attempt.Property(a => a.ResponseExcerpt).HasMaxLength(1024);
    }
}
