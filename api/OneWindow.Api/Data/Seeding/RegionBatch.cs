using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Data.Seeding;

/// <summary>
/// A slice of a generated region, in foreign-key order. Entities carry explicit ids and reference each other by id
/// only (navigation properties other than a right's holders stay empty), so any sink can write them as they are.
/// </summary>
public sealed class RegionBatch
{
    public List<Partner> Partners { get; } = [];
    public List<Parcel> Parcels { get; } = [];
    public List<Building> Buildings { get; } = [];
    public List<RealEstateUnit> Units { get; } = [];
    public List<Party> Parties { get; } = [];
    public List<Right> Rights { get; } = [];
    public List<RightHolder> Holders { get; } = [];
    public List<Restriction> Restrictions { get; } = [];
    public List<RegisterEntry> Entries { get; } = [];
    /// <summary>The electronic certificates of the rights and registrations (produced on first use: no payload yet).</summary>
    public List<Certificate> Certificates { get; } = [];

    public bool IsEmpty => Partners.Count + Parcels.Count + Parties.Count == 0;
}

/// <summary>How many rows a seeding run wrote.</summary>
public sealed record RegionCounts(long Parcels, long Buildings, long Units, long Parties, long Rights, long Restrictions, long Entries)
{
    public static RegionCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public RegionCounts Add(RegionBatch batch) => new(
        Parcels + batch.Parcels.Count, Buildings + batch.Buildings.Count, Units + batch.Units.Count, Parties + batch.Parties.Count,
        Rights + batch.Rights.Count, Restrictions + batch.Restrictions.Count, Entries + batch.Entries.Count);

    public long Rows => Parcels + Buildings + Units + Parties + Rights + Restrictions + Entries;
}

public sealed class DemoRegionOptions
{
    public int Units { get; set; } = 3000;
    public int Seed { get; set; } = 441202;
    /// <summary>Units per batch handed to the sink.</summary>
    public int BatchUnits { get; set; } = 5000;
}

/// <summary>
/// Where a PostgreSQL seed spent its time. <see cref="Generate"/> (the generator's thread) and <see cref="Copy"/> (COPY
/// on the connection) overlap inside <see cref="Load"/>, the wall time from the first batch to the last.
/// </summary>
public sealed class SeedPhases
{
    public TimeSpan Drop { get; set; }
    public TimeSpan Generate { get; set; }
    public TimeSpan Copy { get; set; }
    public TimeSpan Load { get; set; }
    public TimeSpan Sequences { get; set; }
    public TimeSpan Keys { get; set; }
    public TimeSpan Indexes { get; set; }
    public TimeSpan ForeignKeys { get; set; }
    public TimeSpan Analyze { get; set; }
    public TimeSpan Commit { get; set; }

    internal async Task<T> TimeAsync<T>(string phase, Func<Task<T>> action)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await action();
        }
        finally
        {
            Add(phase, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    internal Task TimeAsync(string phase, Func<Task> action) => TimeAsync(phase, async () =>
    {
        await action();
        return true;
    });

    private void Add(string phase, TimeSpan elapsed)
    {
        switch (phase)
        {
            case nameof(Drop): Drop += elapsed; break;
            case nameof(Sequences): Sequences += elapsed; break;
            case nameof(Keys): Keys += elapsed; break;
            case nameof(Indexes): Indexes += elapsed; break;
            case nameof(ForeignKeys): ForeignKeys += elapsed; break;
            case nameof(Analyze): Analyze += elapsed; break;
            case nameof(Commit): Commit += elapsed; break;
            default: throw new ArgumentOutOfRangeException(nameof(phase), phase, null);
        }
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"load {Load.TotalSeconds:0.0} s (generator busy {Generate.TotalSeconds:0.0} s, COPY {Copy.TotalSeconds:0.0} s), keys {Keys.TotalSeconds:0.0} s, indexes {Indexes.TotalSeconds:0.0} s, ANALYZE {Analyze.TotalSeconds:0.0} s, foreign keys {ForeignKeys.TotalSeconds:0.0} s, sequences {Sequences.TotalSeconds:0.0} s, commit {Commit.TotalSeconds:0.0} s");
}
