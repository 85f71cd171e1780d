using System.Globalization;
using Npgsql;

namespace OneWindow.LoadTests;

/// <summary>A party as the register names it: what a submission must repeat exactly.</summary>
internal sealed record RegisteredParty(string Name, string IdNumber);

/// <summary>A house free to mortgage, with every holder of its ownership right in force.</summary>
internal sealed record FreeUnit(string UnitCode, IReadOnlyList<RegisteredParty> Holders);

/// <summary>A partner behind a client id: the name and credit code its submissions name it by.</summary>
internal sealed record PartnerIdentity(string ClientId, string Name, string CreditCode);

/// <summary>The developer's parcel: its land unit (fixture code W…), its location and building numbers no one uses yet.</summary>
internal sealed record DeveloperLand(string LandUnitCode, string Location, IReadOnlyList<string> FreeBuildingNumbers)
{
    /// <summary>The parcel code: the first 19 characters, shared by every unit on the parcel.</summary>
    public string ParcelCode => LandUnitCode[..19];
}

/// <summary>
/// What the bulk benchmark submits, read from the host's PostgreSQL database before any request, in one read-only
/// transaction with plain SQL (table and column names as the migrations create them; enums stored as their names).
/// </summary>
internal sealed class BulkWorkload
{
    // A house whose one ownership right in force is held by people only, with no restriction in force (no seizure,
    // advance notice, mortgage or objection) and no open application of any kind: a general mortgage of it by its
    // holders passes every check. Ordered by code so two runs on one database pick alike.
    private const string FreeUnitsSql = """
        with candidates as (
          select u.id, u.unit_code, r.id as right_id
          from units u
          join rights r on r.unit_id = u.id and r.status = 'Active' and r.kind = 'LandUseAndHouseOwnership'
          where u.kind = 'House'
            and not exists (select 1 from rights o
                            where o.unit_id = u.id and o.status = 'Active' and o.kind = 'LandUseAndHouseOwnership' and o.id <> r.id)
            and not exists (select 1 from restrictions x where x.unit_id = u.id and x.status = 'Active')
            and not exists (select 1 from application_units a where a.unit_code = u.unit_code and a.is_open)
            and exists (select 1 from right_holders h where h.right_id = r.id and h.role = 'Holder')
            and not exists (select 1 from right_holders h join parties p on p.id = h.party_id
                            where h.right_id = r.id and h.role = 'Holder' and p.kind <> 'Person')
          order by u.unit_code
          limit @limit
        )
        select c.unit_code, p.name, p.id_number
        from candidates c
        join right_holders h on h.right_id = c.right_id and h.role = 'Holder'
        join parties p on p.id = h.party_id
        order by c.unit_code, h.position
        """;

    private const string PartnerSql = """
        select p.name, p.credit_code
        from partner_clients c join partners p on p.id = c.partner_id
        where c.client_id = @client
        """;

    // The parcel's land unit whose land use right in force the developer holds, not seized; one without any
    // restriction in force first.
    private const string LandSql = """
        select u.unit_code, pa.location
        from units u
        join parcels pa on pa.id = u.parcel_id
        join rights r on r.unit_id = u.id and r.status = 'Active' and r.kind = 'LandUse'
        where u.kind = 'Land'
          and exists (select 1 from right_holders h join parties p on p.id = h.party_id
                      where h.right_id = r.id and h.role = 'Holder' and p.id_number = @creditCode)
          and not exists (select 1 from restrictions x where x.unit_id = u.id and x.status = 'Active' and x.kind = 'Seizure')
        order by exists (select 1 from restrictions x where x.unit_id = u.id and x.status = 'Active'), u.unit_code
        limit 1
        """;

    // Building numbers taken on the parcel: by a building, by a unit's code, or by an application's unit (one still
    // open, or one a failed run left behind).
    private const string TakenBuildingNumbersSql = """
        select b.building_number from buildings b join units u on u.parcel_id = b.parcel_id where u.unit_code = @land
        union
        select substr(unit_code, 21, 4) from units where unit_code like @pattern
        union
        select substr(unit_code, 21, 4) from application_units where unit_code like @pattern
        """;

    private BulkWorkload(PartnerIdentity bank, PartnerIdentity developer, IReadOnlyList<FreeUnit> units, DeveloperLand? land)
    {
        Bank = bank;
        Developer = developer;
        Units = units;
        Land = land;
    }

    public PartnerIdentity Bank { get; }
    public PartnerIdentity Developer { get; }

    /// <summary>Free houses: the warmup's first, then each round's, never one twice.</summary>
    public IReadOnlyList<FreeUnit> Units { get; }

    /// <summary>The developer's parcel, when the run registers buildings.</summary>
    public DeveloperLand? Land { get; }

    public static async Task<BulkWorkload> LoadAsync(BulkOptions options, TextWriter log)
    {
        log.WriteLine("workload: reading the register (read-only) …");
        try
        {
            await using var connection = await OpenAsync(options.ConnectionString);
            // One snapshot for every query.
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);

            var bank = await PartnerAsync(connection, transaction, options.BankClient);
            var developer = await PartnerAsync(connection, transaction, options.DeveloperClient);
            var units = options.FreeUnitsNeeded == 0 ? [] : await FreeUnitsAsync(connection, transaction, options.FreeUnitsNeeded);
            if (units.Count < options.FreeUnitsNeeded)
            {
                throw new SetupException(
                    $"the register has {units.Count} free units (houses held by people only, no restriction in force, no open "
                    + $"application); the run needs {options.FreeUnitsNeeded} (--mortgages {options.Mortgages} × --rounds {options.Rounds} "
                    + $"+ --warmup {options.Warmup}). Seed a larger region (seed --units 50000, see tests/OneWindow.LoadTests/README.md), "
                    + "or ask for fewer.");
            }
            var land = options.BuildingsNeeded == 0 ? null : await LandAsync(connection, transaction, developer, options.BuildingsNeeded);
            await transaction.RollbackAsync();

            log.WriteLine(
                $"workload: {units.Count} free units ({units.Sum(u => u.Holders.Count)} holders) for {bank.Name}; "
                + (land is null ? "no first registration" : $"land unit {land.LandUnitCode} of {developer.Name}, new buildings {string.Join(", ", land.FreeBuildingNumbers)}"));
            return new BulkWorkload(bank, developer, units, land);
        }
        catch (NpgsqlException e)
        {
            throw new SetupException($"cannot read the workload from the database (--connection): {Describe.Exception(e)}");
        }
    }

    private static async Task<PartnerIdentity> PartnerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string clientId)
    {
        await using var command = new NpgsqlCommand(PartnerSql, connection, transaction);
        command.Parameters.AddWithValue("client", clientId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new SetupException(
                $"the database knows no client '{clientId}' (table partner_clients). The demo clients exist once the host has "
                + "started in Development with Registry__SeedDemoRegion=true on this database; is --connection the host's?");
        }
        return new PartnerIdentity(clientId, reader.GetString(0), reader.GetString(1));
    }

    private static async Task<List<FreeUnit>> FreeUnitsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count)
    {
        await using var command = new NpgsqlCommand(FreeUnitsSql, connection, transaction);
        command.Parameters.AddWithValue("limit", count);
        command.CommandTimeout = 300;
        await using var reader = await command.ExecuteReaderAsync();
        var units = new List<FreeUnit>(count);
        List<RegisteredParty>? holders = null;
        string? current = null;
        while (await reader.ReadAsync())
        {
            var code = reader.GetString(0);
            if (code != current)
            {
                holders = [];
                units.Add(new FreeUnit(code, holders));
                current = code;
            }
            holders!.Add(new RegisteredParty(reader.GetString(1), reader.GetString(2)));
        }
        return units;
    }

    private static async Task<DeveloperLand> LandAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PartnerIdentity developer, int buildings)
    {
        string code;
        string location;
        await using (var command = new NpgsqlCommand(LandSql, connection, transaction))
        {
            command.Parameters.AddWithValue("creditCode", developer.CreditCode);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                throw new SetupException(
                    $"the register has no land unit whose land use right {developer.Name} ({developer.CreditCode}) holds without a "
                    + "seizure: the demo region has such parcels; pass --units 0 to leave the first registration out");
            }
            code = reader.GetString(0);
            location = reader.GetString(1);
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(TakenBuildingNumbersSql, connection, transaction))
        {
            command.Parameters.AddWithValue("land", code);
            command.Parameters.AddWithValue("pattern", code[..19] + "F%");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                taken.Add(reader.GetString(0));
            }
        }
        // From the top down, far from the numbers the region and the tests use.
        var free = new List<string>(buildings);
        for (var number = 9999; number >= 1 && free.Count < buildings; number--)
        {
            var text = number.ToString("D4", CultureInfo.InvariantCulture);
            if (!taken.Contains(text))
            {
                free.Add(text);
            }
        }
        if (free.Count < buildings)
        {
            throw new SetupException($"the parcel of {code} has no {buildings} free building numbers left");
        }
        return new DeveloperLand(code, location, free);
    }

    /// <summary>
    /// How many application units (open or closed) name <paramref name="unitCodes"/>: counted before a bulk request
    /// and after its replay, the difference is what was stored.
    /// </summary>
    public static async Task<long> CountApplicationUnitsAsync(string connectionString, IReadOnlyList<string> unitCodes)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("select count(*) from application_units where unit_code = any(@codes)", connection);
        command.Parameters.AddWithValue("codes", unitCodes.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The rights and register entries <paramref name="businessNumber"/> wrote.</summary>
    public static async Task<(long Rights, long Entries)> CountRecordedAsync(string connectionString, string businessNumber)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(
            "select (select count(*) from rights where business_number = @number), (select count(*) from register_entries where business_number = @number)",
            connection);
        command.Parameters.AddWithValue("number", businessNumber);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// A connection whose every transaction is read-only. Note: the tool never writes to the host's database; the
    /// session setting makes sure of it whatever the queries.
    /// </summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "OneWindow.LoadTests bulk",
            Pooling = false,
        };
        builder.Options = (builder.Options is { Length: > 0 } options ? options + " " : "") + "-c default_transaction_read_only=on";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
