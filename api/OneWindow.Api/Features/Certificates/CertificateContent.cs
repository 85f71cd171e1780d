using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Privacy;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Certificates;

/// <summary>A party on a certificate as the register records it (unmasked: only entitled callers see this).</summary>
public sealed record CertificateParty(string Name, string IdNumber, PartyKind Kind, decimal? SharePercent);

/// <summary>A unit a certificate covers.</summary>
public sealed record CertificateUnit(string UnitCode, string Location, decimal Area, string Use);

/// <summary>
/// The fields of the paper certificate (DOMAIN.md, Certificates), read from the register by number: the rights that
/// carry it (one per unit: a mortgage over several units has one certificate of registration), or the advance notice
/// or objection it was issued for. Holders are as recorded, unmasked: <see cref="Payload"/> is what may be shown to all.
/// </summary>
public sealed record CertificateContent(
    string Number,
    CertificateKind Kind,
    string Matter,
    string Registry,
    DateOnly RegisteredOn,
    IReadOnlyList<CertificateParty> Holders,
    IReadOnlyList<CertificateParty> Obligors,
    IReadOnlyList<CertificateUnit> Units,
    string? RightNature,
    string? CoOwnership,
    DateOnly? TermStart,
    DateOnly? TermEnd,
    long? SecuredAmountFen,
    string? Notes)
{
    /// <summary>How many units the signed payload lists; the rest are counted (a token must fit a QR code).</summary>
    public const int UnitsInPayload = 3;

    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The exact text is stored and signed, so nobody re-canonicalises it; readable Chinese keeps it short.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The identities entitled to the certificate: its holders (权利人) and, for a mortgage, the mortgagors.</summary>
    public IEnumerable<string> Entitled => Holders.Concat(Obligors).Select(p => p.IdNumber);

    /// <summary>
    /// The canonical payload the tokens sign: fields in a fixed order, no whitespace, people masked (a natural person's
    /// name and ID number; organisations in clear), at most <see cref="UnitsInPayload"/> units and their count.
    /// </summary>
    public string Payload(int edition, DateOnly issuedOn) => JsonSerializer.Serialize(new CertificatePayload(
        1, "OW-CERT", Number, Kind == CertificateKind.Title ? "TITLE" : "REGISTRATION", edition, Matter, Registry,
        issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [.. Holders.Select(Masked)], Obligors.Count == 0 ? null : [.. Obligors.Select(Masked)],
        [.. Units.Take(UnitsInPayload).Select(u => new PayloadUnit(u.UnitCode, u.Location))], Units.Count,
        RightNature, Units.Count == 1 ? Units[0].Use : null, Units.Count == 1 ? Units[0].Area.ToString("0.00", CultureInfo.InvariantCulture) : null,
        CoOwnership, TermStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TermEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SecuredAmountFen), Canonical);

    public static CertificatePayload? ReadPayload(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<CertificatePayload>(payload, Canonical);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static PayloadParty Masked(CertificateParty party) => party.Kind == PartyKind.Person
        ? new(PersonalDataMasking.MaskName(party.Name), PersonalDataMasking.MaskIdNumber(party.IdNumber))
        : new(party.Name, party.IdNumber);

    /// <summary>The certificate's content from the register, or null when no right or registration carries the number.</summary>
    public static async Task<CertificateContent?> LoadAsync(RegistryDbContext db, string number, CancellationToken cancellationToken)
    {
        var parsed = CertificateNumber.Parse(number, new DateOnly(9998, 1, 1));
        var rights = await db.Rights.AsNoTracking().Where(r => r.CertificateNumber == number)
            .Include(r => r.Unit).Include(r => r.Holders).ThenInclude(h => h.Party)
            .OrderBy(r => r.Id).AsSplitQuery().ToListAsync(cancellationToken);
        if (rights.Count > 0)
        {
            var first = rights[0];
            CertificateParty Party(RightHolder h) => new(h.Party!.Name, h.Party.IdNumber, h.Party.Kind, h.SharePercent);
            return new CertificateContent(
                number, parsed.Kind, MatterOf(first), parsed.Registry, ChinaTime.DateOf(first.RegisteredAt),
                [.. first.Holders.Where(h => h.Role == HolderRole.Holder).OrderBy(h => h.Position).Select(Party)],
                [.. first.Holders.Where(h => h.Role == HolderRole.Obligor).OrderBy(h => h.Position).Select(Party)],
                [.. rights.Select(r => new CertificateUnit(r.Unit!.UnitCode, r.Unit.Location, r.Unit.Area, r.Unit.Use))],
                first.Nature, first.Kind == RightKind.Mortgage ? null : first.CoOwnership switch
                {
                    Data.Entities.CoOwnership.Sole => "SOLE",
                    Data.Entities.CoOwnership.Joint => "JOINT",
                    _ => "IN_SHARES",
                },
                first.TermStart, first.TermEnd, first.SecuredAmountFen, first.Notes);
        }
        var restriction = await db.Restrictions.AsNoTracking()
            .Where(r => r.DocumentNumber == number && r.RightId == null && (r.Kind == RestrictionKind.AdvanceNotice || r.Kind == RestrictionKind.Objection))
            .Include(r => r.Unit).Include(r => r.BeneficiaryParty)
            .OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (restriction is null)
        {
            return null;
        }
        var beneficiary = restriction.BeneficiaryParty is { } b ? new CertificateParty(b.Name, b.IdNumber, b.Kind, null) : null;
        return new CertificateContent(
            number, parsed.Kind, restriction.Kind == RestrictionKind.AdvanceNotice ? "预告登记" : "异议登记", parsed.Registry,
            ChinaTime.DateOf(restriction.RegisteredAt), beneficiary is null ? [] : [beneficiary], [],
            [new CertificateUnit(restriction.Unit!.UnitCode, restriction.Unit.Location, restriction.Unit.Area, restriction.Unit.Use)],
            null, null, restriction.StartsOn, restriction.EndsOn, null, restriction.Notes);
    }

    /// <summary>权利类型 as printed.</summary>
    public static string MatterOf(Right right) => right.Kind switch
    {
        RightKind.LandUse => "国有建设用地使用权",
        RightKind.LandUseAndHouseOwnership => "国有建设用地使用权/房屋所有权",
        _ => "抵押权",
    };
}

/// <summary>The signed payload (canonical JSON; the order of the fields is the order here).</summary>
public sealed record CertificatePayload(
    int V,
    string Typ,
    string Number,
    string Kind,
    int Edition,
    string Matter,
    string Registry,
    string IssuedOn,
    IReadOnlyList<PayloadParty> Holders,
    IReadOnlyList<PayloadParty>? Obligors,
    IReadOnlyList<PayloadUnit> Units,
    int UnitCount,
    string? RightNature,
    string? Use,
    string? Area,
    string? CoOwnership,
    string? TermStart,
    string? TermEnd,
    long? SecuredAmountFen);

/// <summary>A holder or obligor in the payload: a person masked, an organisation in clear.</summary>
public sealed record PayloadParty(string Name, string IdNumber);

public sealed record PayloadUnit(string UnitCode, string Location);
