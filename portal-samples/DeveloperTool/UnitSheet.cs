using System.Globalization;
using CsvHelper;

namespace OneWindow.Samples.DeveloperTool;

/// <summary>One unit of the building, as its line of the CSV gave it.</summary>
public sealed record SheetUnit(int Line, string UnitCode, string Location, int Floor, string? RoomNumber, decimal Area, decimal? InteriorArea, string Use);

/// <summary>What is wrong with the CSV, and on which line (0: the file as a whole).</summary>
public sealed record SheetError(int Line, string Message)
{
    public override string ToString() => Line == 0 ? Message : $"line {Line}: {Message}";
}

/// <summary>
/// A building's units read from a CSV (the survey report's unit list): every line checked before anything is sent,
/// and every fault reported with its line number, so a sheet with one bad line submits nothing.
/// </summary>
/// <remarks>
/// Columns (a header line names them, in any order; lines starting with <c>#</c> are comments):
/// <c>unit_code</c> (28 characters, on the land unit's parcel, <c>F</c> + the building number + the unit number),
/// <c>location</c> (坐落), <c>floor</c> (whole number, not 0; basements -1 … -10), <c>room_number</c> (may be empty),
/// <c>area</c> (建筑面积, m², at most 2 decimals), <c>interior_area</c> (套内面积, may be empty, not more than
/// <c>area</c>), <c>use</c> (用途, e.g. 住宅). All units are in one building.
/// </remarks>
public sealed class UnitSheet
{
    public static readonly IReadOnlyList<string> Columns = ["unit_code", "location", "floor", "room_number", "area", "interior_area", "use"];

    private UnitSheet(string? buildingNumber, IReadOnlyList<SheetUnit> units, IReadOnlyList<SheetError> errors)
    {
        BuildingNumber = buildingNumber;
        Units = units;
        Errors = errors;
    }

    /// <summary>The building's number (4 digits) shared by every unit code; null when the sheet has errors.</summary>
    public string? BuildingNumber { get; }

    /// <summary>The units, in the sheet's order (empty when there are errors).</summary>
    public IReadOnlyList<SheetUnit> Units { get; }

    public IReadOnlyList<SheetError> Errors { get; }

    /// <summary>The building's floors above ground: the highest floor of its units.</summary>
    public int Floors => Units.Count == 0 ? 0 : Math.Max(1, Units.Max(u => u.Floor));

    /// <summary>Reads and checks the sheet for a building on the parcel of <paramref name="landUnitCode"/>.</summary>
    public static UnitSheet Read(TextReader reader, string landUnitCode)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(landUnitCode);
        var parcel = landUnitCode.Length >= 19 ? landUnitCode[..19] : landUnitCode;
        var errors = new List<SheetError>();
        var units = new List<SheetUnit>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            CommentPrefix = '#',
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => errors.Add(new SheetError((int)record.LineNumber, $"not readable as CSV ({record.Reason}): {record.RawRecord}")),
        };
        try
        {
            using var csv = CsvReader.Create(reader, options, leaveOpen: true);
            csv.ReadHeader();
            var header = csv.Headers.Select(h => h.Trim()).ToArray();
            if (header.Length == 0 || header.All(h => h.Length == 0))
            {
                return Failed(new SheetError(0, "the file is empty: it needs a header line (" + string.Join(',', Columns) + ") and a line per unit"));
            }
            var index = Columns.ToDictionary(c => c, c => Array.FindIndex(header, h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
            var missing = index.Where(c => c.Value < 0).Select(c => c.Key).ToList();
            if (missing.Count > 0)
            {
                return Failed(new SheetError((int)csv.LineNumber, "the header lacks the column(s) " + string.Join(", ", missing) + "; expected " + string.Join(',', Columns)));
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            string? building = null;
            var buildingLine = 0;
            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                string Field(string column) => csv.GetString(index[column]).Trim();
                if (csv.FieldCount != header.Length)
                {
                    errors.Add(new SheetError(line, $"{csv.FieldCount} field(s), the header has {header.Length}"));
                    continue;
                }
                var before = errors.Count;
                void Fault(string message) => errors.Add(new SheetError(line, message));

                var code = Field("unit_code").ToUpperInvariant();
                if (code.Length == 0)
                {
                    Fault("unit_code is empty");
                }
                else if (code.Length != 28)
                {
                    Fault($"unit_code {code} has {code.Length} characters, a unit code has 28");
                }
                else if (!code.StartsWith(parcel, StringComparison.Ordinal))
                {
                    Fault($"unit_code {code} is not on the parcel of land unit {landUnitCode} (it must start with {parcel})");
                }
                else if (code[19] != 'F' || !code[20..].All(char.IsAsciiDigit) || code[20..24] == "0000")
                {
                    Fault($"unit_code {code} is not a unit of a building: after the parcel comes F, the building number (4 digits) and the unit number (4 digits)");
                }
                else if (seen.TryGetValue(code, out var first))
                {
                    Fault($"unit_code {code} is already on line {first}");
                }
                else
                {
                    seen[code] = line;
                    if (building is null)
                    {
                        building = code[20..24];
                        buildingLine = line;
                    }
                    else if (code[20..24] != building)
                    {
                        Fault($"unit_code {code} is in building {code[20..24]}, line {buildingLine} in building {building}: one registration covers one building");
                    }
                }

                var location = Field("location");
                if (location.Length is 0 or > 200)
                {
                    Fault(location.Length == 0 ? "location (坐落) is empty" : "location (坐落) is longer than 200 characters");
                }
                var use = Field("use");
                if (use.Length is 0 or > 20)
                {
                    Fault(use.Length == 0 ? "use (用途) is empty" : "use (用途) is longer than 20 characters");
                }
                var room = Field("room_number");
                if (room.Length > 20)
                {
                    Fault("room_number is longer than 20 characters");
                }
                var floorText = Field("floor");
                if (!int.TryParse(floorText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var floor) || floor is 0 or < -10 or > 200)
                {
                    Fault($"floor '{floorText}' is not a floor: a whole number from 1 up, or -1 … -10 for basements");
                }
                var area = Area(Field("area"), "area", required: true, Fault);
                var interior = Area(Field("interior_area"), "interior_area", required: false, Fault);
                if (area is { } a && interior is { } i && i > a)
                {
                    Fault($"interior_area {i} is more than area {a}");
                }

                if (errors.Count == before)
                {
                    units.Add(new SheetUnit(line, code, location, floor, room.Length == 0 ? null : room, area!.Value, interior, use));
                }
            }
            if (errors.Count == 0 && units.Count == 0)
            {
                return Failed(new SheetError(0, "the file has a header but no units"));
            }
            return errors.Count > 0 ? Failed([.. errors]) : new UnitSheet(building, units, []);
        }
        catch (CsvFormatException e)
        {
            errors.Add(new SheetError((int)e.LineNumber, "not readable as CSV: " + e.Message.Split('\n')[0]));
            return Failed([.. errors]);
        }
    }

    /// <summary>The line of the sheet that gave the unit at <paramref name="index"/> of the submission.</summary>
    public int LineOf(int index) => index >= 0 && index < Units.Count ? Units[index].Line : 0;

    private static decimal? Area(string text, string column, bool required, Action<string> fault)
    {
        if (text.Length == 0)
        {
            if (required)
            {
                fault($"{column} is empty");
            }
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 1_000_000)
        {
            fault($"{column} '{text}' is not an area in square metres (a positive number such as 89.36)");
            return null;
        }
        if (decimal.Round(value, 2) != value)
        {
            fault($"{column} {text} has more than 2 decimals");
            return null;
        }
        return value;
    }

    private static UnitSheet Failed(params SheetError[] errors) => new(null, [], errors);
}
