using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data;

/// <summary>The one DbContext of the platform: the register, applications and partners.</summary>
public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Parcel> Parcels => Set<Parcel>();
    public DbSet<Building> Buildings => Set<Building>();
    public DbSet<RealEstateUnit> Units => Set<RealEstateUnit>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<Right> Rights => Set<Right>();
    public DbSet<RightHolder> RightHolders => Set<RightHolder>();
    public DbSet<Restriction> Restrictions => Set<Restriction>();
    public DbSet<RegisterEntry> RegisterEntries => Set<RegisterEntry>();
    public DbSet<RegisterCheckpoint> RegisterCheckpoints => Set<RegisterCheckpoint>();
    public DbSet<RegisterCheckpointHead> RegisterCheckpointHeads => Set<RegisterCheckpointHead>();
    public DbSet<RegistryKey> RegistryKeys => Set<RegistryKey>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<RegistrationApplication> Applications => Set<RegistrationApplication>();
    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();
    public DbSet<ApplicationCorrectionItem> ApplicationCorrectionItems => Set<ApplicationCorrectionItem>();
    public DbSet<ApplicationMaterial> ApplicationMaterials => Set<ApplicationMaterial>();
    public DbSet<ApplicationParty> ApplicationParties => Set<ApplicationParty>();
    public DbSet<ApplicationUnit> ApplicationUnits => Set<ApplicationUnit>();
    public DbSet<Material> Materials => Set<Material>();
    public DbSet<MaterialContent> MaterialContents => Set<MaterialContent>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<RegistrySequence> Sequences => Set<RegistrySequence>();
    public DbSet<ConfigurationDocument> ConfigurationDocuments => Set<ConfigurationDocument>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<PartnerClient> PartnerClients => Set<PartnerClient>();
    public DbSet<RetiredClientSecret> RetiredClientSecrets => Set<RetiredClientSecret>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<OutboxRecipient> OutboxRecipients => Set<OutboxRecipient>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();

    /// <summary>ASP.NET Core Data Protection's key ring: shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
        // OpenIddict's applications, authorizations, scopes and tokens, in this one context.
        modelBuilder.UseOpenIddict();
        if (Database.IsNpgsql())
        {
            // Fuzzy location search (坐落) uses trigram GIN indexes: LIKE '%…%' without a scan.
            modelBuilder.HasPostgresExtension("pg_trgm");
            modelBuilder.Entity<RealEstateUnit>()
                .HasIndex(u => u.Location)
                .HasMethod("gin")
                .HasOperators("gin_trgm_ops");
            Configurations.IdentifierCollation.UseByteOrder(modelBuilder);
        }
    }
}
