using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// The canonical JSON of a unit, a right or a restriction as the register recorded it. Entries store it as hashed
/// content, and the verifier compares it with the current rows, so a row changed behind the register's back is found.
/// It covers who holds what: each holder's identity (kind, ID type, SHA-256 of name and ID number — no personal data in
/// clear), role and share; the right's amount, terms and certificate; the unit's attributes.
/// </summary>
public static class RegisterSnapshots
{
    // The canonical form, fixed since the first entries: properties in this order, camelCase names, nulls written, enums
    // by name, dates as yyyy-MM-dd, times as System.Text.Json writes a UTC DateTime, and relaxed escaping (Chinese text in
    // clear). It was produced by JsonSerializer from records until issue 20; writing it directly costs a quarter of
    // that, and every entry already stored must keep matching it, character for character (docs/decisions/0031).
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The unit's natural state: what its entry of entering the register records.</summary>
    public static string Of(RealEstateUnit unit) => Write(unit, static (json, unit) =>
    {
        json.WriteString("unitCode", unit.UnitCode);
        json.WriteString("location", unit.Location);
        json.WriteString("area", Area(unit.Area));
        json.WriteString("interiorArea", Area(unit.InteriorArea));
        json.WriteString("use", unit.Use);
        WriteEnum(json, "kind", unit.Kind);
        WriteNumber(json, "floor", unit.Floor);
        json.WriteString("roomNumber", unit.RoomNumber);
    });

    /// <summary>The right with its holders (load them first), each holder's identity from <paramref name="parties"/>.</summary>
    public static string Of(Right right, Func<long, PartyIdentity> parties) => Write((right, parties), static (json, state) =>
    {
        var (right, parties) = state;
        json.WriteNumber("id", right.Id);
        WriteEnum(json, "kind", right.Kind);
        WriteEnum(json, "mortgageKind", right.MortgageKind);
        WriteEnum(json, "status", right.Status);
        WriteEnum(json, "coOwnership", right.CoOwnership);
        json.WriteString("certificateNumber", right.CertificateNumber);
        WriteNumber(json, "securedAmountFen", right.SecuredAmountFen);
        WriteDate(json, "termStart", right.TermStart);
        WriteDate(json, "termEnd", right.TermEnd);
        json.WriteString("nature", right.Nature);
        json.WriteString("notes", right.Notes);
        WriteTime(json, "endedAt", Normalise(right.EndedAt));
        json.WriteStartArray("holders");
        foreach (var holder in Ordered(right.Holders))
        {
            json.WriteStartObject();
            json.WriteNumber("partyId", holder.PartyId);
            WriteIdentity(json, "party", parties(holder.PartyId));
            WriteEnum(json, "role", holder.Role);
            json.WriteString("sharePercent", Share(holder.SharePercent));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        // Left out when none (every entry written before art. 406 agreements were recorded), so those hash as they did.
        if (right.TransferAgreement != TransferAgreement.None)
        {
            WriteEnum(json, "transferAgreement", right.TransferAgreement);
        }
    });

    public static string Of(Restriction restriction, Func<long, PartyIdentity> parties) => Write((restriction, parties), static (json, state) =>
    {
        var (restriction, parties) = state;
        json.WriteNumber("id", restriction.Id);
        WriteEnum(json, "kind", restriction.Kind);
        WriteEnum(json, "status", restriction.Status);
        json.WriteString("authority", restriction.Authority);
        json.WriteString("documentNumber", restriction.DocumentNumber);
        WriteNumber(json, "rightId", restriction.RightId);
        WriteNumber(json, "beneficiaryPartyId", restriction.BeneficiaryPartyId);
        if (restriction.BeneficiaryPartyId is { } beneficiary)
        {
            WriteIdentity(json, "beneficiary", parties(beneficiary));
        }
        else
        {
            json.WriteNull("beneficiary");
        }
        WriteDate(json, "startsOn", restriction.StartsOn);
        WriteDate(json, "endsOn", restriction.EndsOn);
        json.WriteString("notes", restriction.Notes);
        WriteTime(json, "releasedAt", Normalise(restriction.ReleasedAt));
        json.WriteString("releaseDocumentNumber", restriction.ReleaseDocumentNumber);
        // Recorded only once set, so the entries written before these existed still match.
        if (restriction.LawsuitFiledOn is not null)
        {
            WriteDate(json, "lawsuitFiledOn", restriction.LawsuitFiledOn);
        }
        if (restriction.LawsuitCaseNumber is not null)
        {
            json.WriteString("lawsuitCaseNumber", restriction.LawsuitCaseNumber);
        }
    });

    /// <summary>The identity a party's entries record.</summary>
    public static PartyIdentity Identity(Party party) =>
        PartyIdentity.Of(party.Kind.ToString(), party.IdType.ToString(), party.Name, party.IdNumber);

    /// <summary>
    /// One buffer and writer per thread, reset for each snapshot (as JsonSerializer pools its own). It is taken out of the
    /// slot while in use, so a snapshot written from inside another (a <c>parties</c> lookup that writes one) gets its own.
    /// </summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json)? _writer;

    private static string Write<T>(T state, Action<Utf8JsonWriter, T> properties)
    {
        var writer = _writer ?? NewWriter();
        _writer = null;
        var (buffer, json) = writer;
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        properties(json, state);
        json.WriteEndObject();
        json.Flush();
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        _writer = writer;
        return text;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        return (buffer, new Utf8JsonWriter(buffer, Options));
    }

    private static void WriteIdentity(Utf8JsonWriter json, string name, PartyIdentity identity)
    {
        json.WriteStartObject(name);
        json.WriteString("kind", identity.Kind);
        json.WriteString("idType", identity.IdType);
        json.WriteString("nameSha256", identity.NameSha256);
        json.WriteString("idNumberSha256", identity.IdNumberSha256);
        json.WriteEndObject();
    }

    /// <summary>By name, as JsonStringEnumConverter writes a defined value; a value without a name as its number.</summary>
    private static void WriteEnum<TEnum>(Utf8JsonWriter json, string name, TEnum? value) where TEnum : struct, Enum
    {
        if (value is not { } present)
        {
            json.WriteNull(name);
        }
        else if (Enum.IsDefined(present))
        {
            json.WriteString(name, present.ToString());
        }
        else
        {
            json.WriteNumber(name, Convert.ToInt64(present, CultureInfo.InvariantCulture));
        }
    }

    private static void WriteEnum<TEnum>(Utf8JsonWriter json, string name, TEnum value) where TEnum : struct, Enum =>
        WriteEnum(json, name, (TEnum?)value);

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } present)
        {
            json.WriteNumber(name, present);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateOnly? value)
    {
        if (value is { } present)
        {
            Span<char> text = stackalloc char[16];
            present.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture);
            json.WriteString(name, text[..written]);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTime? value)
    {
        if (value is { } present)
        {
            json.WriteString(name, present);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Holders by position, then party (a stable sort, as the entries have always listed them).</summary>
    private static RightHolder[] Ordered(ICollection<RightHolder> holders)
    {
        var ordered = new RightHolder[holders.Count];
        var count = 0;
        foreach (var holder in holders)
        {
            var at = count++;
            while (at > 0 && (ordered[at - 1].Position > holder.Position || (ordered[at - 1].Position == holder.Position && ordered[at - 1].PartyId > holder.PartyId)))
            {
                ordered[at] = ordered[at - 1];
                at--;
            }
            ordered[at] = holder;
        }
        return ordered;
    }

    /// <summary>Shares in one fixed form: the database gives 50.0000 where the generator wrote 50.</summary>
    private static string? Share(decimal? percent) => percent?.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Areas as stored (two decimals).</summary>
    private static string? Area(decimal? area) => area?.ToString("0.00", CultureInfo.InvariantCulture);

    private static DateTime? Normalise(DateTime? utc) =>
        utc is { } value ? RegisterChain.Normalise(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
