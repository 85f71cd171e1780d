using OneWindow.Api.Data.Register;

namespace OneWindow.Api.Features.Certificates;

/// <summary>
/// The certificates feature's services (routes: <see cref="CertificatesEndpoints"/>, GraphQL: <see cref="CertificateFields"/>):
/// the certificate keys in the registry key store, production at 缮证, verification, the holders' certificates, the
/// dispatch of paper certificates by post and reissues.
/// </summary>
public static class CertificatesFeature
{
    public static WebApplicationBuilder AddCertificatesFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CertificatesOptions>()
            .Bind(builder.Configuration.GetSection(CertificatesOptions.Section))
            .Validate(o => o.AnonymousPerMinute > 0 && o.VerifierPerMinute > 0 && o.WrongCodesPerNumber > 0 && o.WrongCodesPerCaller > 0, "Certificates: every limit must be positive.")
            .Validate(o => o.BackfillBatchSize >= 0, "Certificates:BackfillBatchSize must be 0 (off) or positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CertificateKeyCache>();
        builder.Services.AddScoped<CertificateKeys>();
        builder.Services.AddScoped<CertificateProduction>();
        builder.Services.AddScoped<VerifyCertificate>();
        builder.Services.AddScoped<HolderCertificates>();
        builder.Services.AddScoped<CertificateDispatch>();
        builder.Services.AddScoped<ReissueCertificate>();
        builder.Services.AddHostedService<CertificateKeysWarmUp>();
        builder.Services.AddHostedService<CertificateBackfill>();
        return builder;
    }
}

/// <summary>
/// Makes the certificate keys if there are none and loads them into memory when the host starts (after the database
/// initializer), so that 缮证 signs inside its transaction without creating or unprotecting a key there.
/// </summary>
internal sealed class CertificateKeysWarmUp(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (es256, sm2) = await scope.ServiceProvider.GetRequiredService<CertificateKeys>().SignersAsync(cancellationToken);
        es256.Sign([0]);
        sm2.Sign([0]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
