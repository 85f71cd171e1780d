using System.Text;
using OneWindow.Sdk;
using OneWindow.Sdk.Audiences;
using OneWindow.Sdk.Rest;

// The demo bank registers a mortgage of the demo citizen's second unit, then shows what a bank reads back: the
// verdict before lending, its applications (auto-paged), its events, and a certificate of registration checked
// offline. Usage: dotnet run --project portal-samples/BankConsole [-- http://localhost:5080]
Console.OutputEncoding = Encoding.UTF8;
var baseUrl = new Uri(args.FirstOrDefault() ?? "http://localhost:5080");
const string Unit = "441202001001GB00001F00010103";
using var client = new OneWindowClient(new OneWindowClientOptions { BaseUrl = baseUrl, ClientId = "demo-bank", ClientSecret = "demo-secret" });

var verdict = await client.Banks.GetRestrictionStatusAsync(Unit);
Console.WriteLine($"{Unit}: can mortgage {verdict.CanMortgage}, mortgaged {verdict.IsMortgaged}, seized {verdict.IsSeized}");

try
{
    // Every required material, uploaded with its SHA-256; then the submission, retried with one Idempotency-Key.
    var materials = await client.Banks.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_REGISTRATION_GENERAL, null,
        code => new MaterialFile(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {code} {Guid.NewGuid():N}\n%%EOF\n"), $"{code}.pdf"));
    var application = await client.Banks.SubmitMortgageRegistrationAsync(new MortgageRegistrationRequest
    {
        MortgageKind = "GENERAL",
        UnitCodes = [Unit],
        Mortgagors = [new() { Kind = "PERSON", Name = "李明华", IdNumber = "441202198503151015" }],
        Mortgagee = new() { Kind = "ORGANISATION", Name = "肇庆示范商业银行股份有限公司端州支行", IdNumber = "91441202MA0000001Q" },
        SecuredAmountFen = 80_000_000,
        DebtStartsOn = "2025-12-01",
        DebtEndsOn = "2045-11-30",
        Materials = materials,
    });
    Console.WriteLine($"submitted {application.BusinessNumber}: {application.StatusName} ({application.Status}); the mortgagor confirms it next");
}
catch (OneWindowApiException e)
{
    // A second run finds the first application still open (PENDING_APPLICATION_EXISTS) or the unit mortgaged.
    Console.WriteLine($"refused: {e.Code} {e.Message} " + string.Join("; ", e.FieldErrors.Select(f => $"{f.Field}: {f.Code}")));
}

Console.WriteLine("latest applications:");
await foreach (var summary in client.Banks.ListApplicationsAsync(pageSize: 5).Take(10))
{
    Console.WriteLine($"  {summary.BusinessNumber} {summary.BusinessType} {summary.Status} {summary.Summary}");
}

var events = 0;
await foreach (var e in client.Banks.ReadEventsAsync())
{
    events++;
}
Console.WriteLine($"events readable now: {events}");

var held = (await client.Banks.ListCertificatesAsync()).FirstOrDefault(c => c.Kind == CertificateKind.REGISTRATION && c.Status == CertificateStatus.VALID);
if (held is not null)
{
    var certificate = await client.Banks.GetCertificateAsync(held.Number);
    var offline = await client.Verifier.Offline.VerifyAsync(certificate.Token!);
    Console.WriteLine($"certificate {certificate.Number}: {certificate.Matter}; offline check {(offline.Authentic ? "authentic" : offline.Failure.ToString())} ({offline.Algorithm}, key {offline.KeyId})");
}
