using System.Globalization;
using System.Text.Json;

namespace OneWindow.LoadTests;

/// <summary>
/// The bodies the bulk benchmark sends, built from the workload before the clock starts and serialized once (the
/// retry sends the very same bytes). Shapes as in api/OneWindow.Api/Features/Applications/ApplicationRequests.cs.
/// </summary>
internal static class BulkRequests
{
    /// <summary>The circumstance the bank declares, as the applications tests do: the mortgage clauses are in the loan contract.</summary>
    public const string MortgageCircumstance = "MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE";

    /// <summary>Rooms per floor of a new building: 2,000 units are 40 floors of 50.</summary>
    private const int RoomsPerFloor = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record PartyBody(string Kind, string Name, string IdNumber);

    public sealed record MaterialBody(string MaterialId, string Code);

    public sealed record MortgageBody(
        string MortgageKind, string[] UnitCodes, PartyBody[] Mortgagors, PartyBody Mortgagee, long SecuredAmountFen,
        string DebtStartsOn, string DebtEndsOn, string[] Circumstances, MaterialBody[] Materials);

    public sealed record BulkBody(MortgageBody[] Items);

    public sealed record NewUnitBody(string UnitCode, string Location, int Floor, string RoomNumber, decimal Area, decimal InteriorArea, string Use);

    public sealed record BuildingBody(string Number, string Name, int Floors);

    public sealed record FirstRegistrationBody(string LandUnitCode, PartyBody Owner, BuildingBody Building, NewUnitBody[] Units, MaterialBody[] Materials);

    /// <summary>
    /// One general mortgage per unit, mortgaged by exactly its registered holders to the bank; a 20-year debt from
    /// today (China date).
    /// </summary>
    public static byte[] Mortgages(IEnumerable<FreeUnit> units, PartnerIdentity bank, IReadOnlyList<MaterialBody> materials)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var starts = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ends = today.AddYears(20).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var mortgagee = Organisation(bank);
        var items = new List<MortgageBody>();
        foreach (var unit in units)
        {
            items.Add(new MortgageBody(
                "GENERAL",
                [unit.UnitCode],
                [.. unit.Holders.Select(h => new PartyBody("PERSON", h.Name, h.IdNumber))],
                mortgagee,
                100_000_000 + 100L * items.Count,
                starts,
                ends,
                [MortgageCircumstance],
                [.. materials]));
        }
        return JsonSerializer.SerializeToUtf8Bytes(new BulkBody([.. items]), Json);
    }

    /// <summary>
    /// A new building of <paramref name="count"/> units on the developer's parcel: floors of 50 rooms, unit codes
    /// parcel + F + building + floor (2 digits) + room (2 digits).
    /// </summary>
    public static byte[] FirstRegistration(DeveloperLand land, string building, int count, PartnerIdentity developer, IReadOnlyList<MaterialBody> materials)
    {
        var roomsPerFloor = Math.Max(RoomsPerFloor, (count + 98) / 99);
        var floors = (count + roomsPerFloor - 1) / roomsPerFloor;
        var number = int.Parse(building, CultureInfo.InvariantCulture);
        var units = new NewUnitBody[count];
        for (var i = 0; i < count; i++)
        {
            var floor = i / roomsPerFloor + 1;
            var room = i % roomsPerFloor + 1;
            var roomNumber = string.Create(CultureInfo.InvariantCulture, $"{floor}{room:D2}");
            units[i] = new NewUnitBody(
                string.Create(CultureInfo.InvariantCulture, $"{land.ParcelCode}F{building}{floor:D2}{room:D2}"),
                Truncate(string.Create(CultureInfo.InvariantCulture, $"{land.Location}{number}幢{roomNumber}房"), 200),
                floor,
                roomNumber,
                88.50m + room % 7,
                70.25m,
                "住宅");
        }
        var body = new FirstRegistrationBody(
            land.LandUnitCode,
            Organisation(developer),
            new BuildingBody(building, string.Create(CultureInfo.InvariantCulture, $"{number}幢"), floors),
            units,
            [.. materials]);
        return JsonSerializer.SerializeToUtf8Bytes(body, Json);
    }

    private static PartyBody Organisation(PartnerIdentity partner) => new("ORGANISATION", partner.Name, partner.CreditCode);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
