using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneWindow.Domain.Calendar;

/// <summary>The JSON shape of holidays.json; see <see cref="HolidayCalendar"/> for the format.</summary>
internal sealed class HolidayCalendarFile
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public required List<YearSection> Years { get; init; }

    internal sealed class YearSection
    {
        public required int Year { get; init; }

        public string? Source { get; init; }

        public required List<DaysOffEntry> DaysOff { get; init; }

        public required List<MakeUpEntry> MakeUpWorkingDays { get; init; }
    }

    internal sealed class DaysOffEntry
    {
        public required string Name { get; init; }

        public required DateOnly From { get; init; }

        public DateOnly? To { get; init; }
    }

    internal sealed class MakeUpEntry
    {
        public required string Name { get; init; }

        public required DateOnly Date { get; init; }
    }
}
