using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OneWindow.Api.Data;

/// <summary>Used by <c>dotnet ef migrations add</c>: migrations are generated for PostgreSQL, without a server.</summary>
internal sealed class DesignTimeRegistryFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        RegistryDataExtensions.Configure(options, new RegistryDatabase(IsEmbedded: false, "Host=localhost;Database=onewindow"));
        return new RegistryDbContext(options.Options);
    }
}
