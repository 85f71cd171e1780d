using System.Security.Cryptography;
using System.Text;
using OneWindow.Api.Data.Seeding;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Tests.Data;

/// <summary>The generator alone, without a database.</summary>
public class DemoRegionTests
{
    private static string Digest(DemoRegionOptions options)
    {
        var text = new StringBuilder();
        foreach (var batch in new DemoRegion(options).Generate())
        {
            foreach (var unit in batch.Units)
            {
                text.Append(unit.UnitCode).Append(unit.Location).Append(unit.RegisterHead).Append('\n');
            }
            foreach (var party in batch.Parties)
            {
                text.Append(party.Name).Append(party.IdNumber).Append('\n');
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public void Generate_twice_with_the_same_seed_gives_the_same_region()
    {
        Assert.Equal(Digest(new DemoRegionOptions { Units = 2000 }), Digest(new DemoRegionOptions { Units = 2000 }));
    }

    [Fact]
    public void Generate_gives_exactly_the_requested_units_in_batches()
    {
        var batches = new DemoRegion(new DemoRegionOptions { Units = 12_345, BatchUnits = 5000 }).Generate().ToList();

        Assert.Equal(12_345, batches.Sum(b => b.Units.Count));
        Assert.True(batches.Count >= 3);
    }

    [Fact]
    public void Generate_writes_only_valid_identifiers()
    {
        var today = new DateOnly(2026, 1, 1);
        foreach (var batch in new DemoRegion(new DemoRegionOptions { Units = 3000 }).Generate())
        {
            Assert.All(batch.Units, u => Assert.True(UnitCode.TryParse(u.UnitCode, out _, out var error), $"{u.UnitCode}: {error}"));
            Assert.All(batch.Parties, p => Assert.True(
                p.IdType == Domain.Identifiers.IdentityDocumentType.ResidentId
                    ? ResidentIdNumber.TryParse(p.IdNumber, out _, out _, today)
                    : UnifiedSocialCreditCode.TryParse(p.IdNumber, out _, out _),
                p.IdNumber));
            Assert.All(batch.Rights, r => Assert.True(CertificateNumber.TryParse(r.CertificateNumber, out _, out _), r.CertificateNumber));
            Assert.All(batch.Rights, r => Assert.True(BusinessNumber.TryParse(r.BusinessNumber, out _, out _), r.BusinessNumber));
            Assert.All(batch.Partners, p => Assert.True(UnifiedSocialCreditCode.TryParse(p.CreditCode, out _, out _), p.CreditCode));
        }
    }

    [Fact]
    public void Generate_gives_unique_unit_codes_and_id_numbers()
    {
        var batches = new DemoRegion(new DemoRegionOptions { Units = 20_000 }).Generate().ToList();

        var codes = batches.SelectMany(b => b.Units).Select(u => u.UnitCode).ToList();
        var ids = batches.SelectMany(b => b.Parties).Select(p => p.IdNumber).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
