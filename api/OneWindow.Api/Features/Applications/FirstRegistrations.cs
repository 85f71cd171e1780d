using OneWindow.Api.Auth;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

public sealed record NewUnitData(string UnitCode, string Location, int? Floor, string? RoomNumber, decimal Area, decimal? InteriorArea, string Use);

public sealed record FirstRegistrationPayload(
    string LandUnitCode,
    PartyData Owner,
    string BuildingNumber,
    string BuildingName,
    int Floors,
    IReadOnlyList<NewUnitData> Units,
    string? Notes);

/// <summary>
/// 国有建设用地使用权及房屋所有权首次登记 of a developer's building: the owner must hold the land use right of the
/// parcel's land unit; every unit code lies on that parcel, in the named building, and has no ownership registered yet
/// (a unit surveyed for pre-sale exists without one). Entry in the register creates the units that do not exist yet and
/// gives each an ownership right (房地一体) with its own certificate of title; a seizure of the land carries over to
/// every new unit (decision 0019).
/// </summary>
public sealed class FirstRegistrations : ApplicationKind<FirstRegistrationRequest, FirstRegistrationPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.FirstRegistration], "submitFirstRegistration", "/first-registrations", Scopes.ApplicationsSubmit,
        "首次登记 of a developer's building: all its units in one application.",
        typeof(FirstRegistrationInputType), [(ApplicantRole.Owner, "owner")]);

    protected override Draft<FirstRegistrationPayload>? Parse(FirstRegistrationRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var land = Inputs.Unit(request.LandUnitCode, path + "landUnitCode", problems);
        if (land is not null && UnitCode.Parse(land).FixtureKind != 'W')
        {
            problems.Add(ErrorCodes.NotALandUnit, path + "landUnitCode");
            land = null;
        }
        var owner = Inputs.Party(request.Owner, path + "owner", problems, context.Today);
        string? number = null;
        string? name = null;
        var floors = 0;
        if (request.Building is not { } building)
        {
            problems.Add(ErrorCodes.FieldRequired, path + "building");
        }
        else
        {
            number = building.Number?.Trim();
            if (string.IsNullOrEmpty(number))
            {
                problems.Add(ErrorCodes.FieldRequired, path + "building.number");
                number = null;
            }
            else if (number.Length != 4 || !number.All(char.IsAsciiDigit) || number == "0000")
            {
                problems.Add(ErrorCodes.InvalidBuildingNumber, path + "building.number", "FOUR_DIGITS");
                number = null;
            }
            name = Inputs.Text(building.Name, path + "building.name", problems, 50) ?? (number is null ? null : $"{int.Parse(number, System.Globalization.CultureInfo.InvariantCulture)}幢");
            if (building.Floors is not { } f || f is < 1 or > 200)
            {
                problems.Add(building.Floors is null ? ErrorCodes.FieldRequired : ErrorCodes.InvalidFloor, path + "building.floors");
            }
            else
            {
                floors = f;
            }
        }
        var units = ParseUnits(request.Units, land, number, floors, context, problems, path);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (land is null || owner is null || number is null || name is null || floors == 0 || units is null)
        {
            return null;
        }
        return new Draft<FirstRegistrationPayload>
        {
            Type = BusinessType.FirstRegistration,
            Payload = new FirstRegistrationPayload(land, owner, number, name, floors, units, notes),
            Applicants = [(ApplicantRole.Owner, owner)],
            UnitCodes = [.. units.Select(u => u.UnitCode)],
        };
    }

    private static List<NewUnitData>? ParseUnits(IReadOnlyList<NewUnitInput>? inputs, string? land, string? building, int floors, SubmitContext context, Problems problems, string path)
    {
        if (inputs is null || inputs.Count == 0)
        {
            problems.Add(ErrorCodes.FieldRequired, path + "units");
            return null;
        }
        if (inputs.Count > context.Options.MaxUnitsPerApplication)
        {
            problems.Add(ErrorCodes.TooManyUnits, path + "units", $"AT_MOST_{context.Options.MaxUnitsPerApplication}");
            return null;
        }
        var parcel = land?[..19];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var units = new List<NewUnitData>(inputs.Count);
        var ok = true;
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"{path}units[{i}]";
            var input = inputs[i];
            if (input is null)
            {
                problems.Add(ErrorCodes.FieldRequired, field);
                ok = false;
                continue;
            }
            var code = Inputs.Unit(input.UnitCode, field + ".unitCode", problems);
            if (code is not null)
            {
                var parsed = UnitCode.Parse(code);
                if (parcel is not null && parsed.ParcelCode != parcel)
                {
                    problems.Add(ErrorCodes.UnitNotOnParcel, field + ".unitCode", path + "landUnitCode");
                    code = null;
                }
                else if (parsed.FixtureKind != 'F' || (building is not null && parsed.BuildingNumber != building))
                {
                    problems.Add(ErrorCodes.UnitNotInBuilding, field + ".unitCode", path + "building.number");
                    code = null;
                }
                else if (!seen.Add(code))
                {
                    problems.Add(ErrorCodes.DuplicateUnit, field + ".unitCode");
                    code = null;
                }
            }
            var location = Inputs.Text(input.Location, field + ".location", problems, 200, required: true);
            var use = Inputs.Text(input.Use, field + ".use", problems, 20, required: true);
            var room = Inputs.Text(input.RoomNumber, field + ".roomNumber", problems, 20);
            if (input.Floor is { } floor && (floor is < -10 or 0 || (floors > 0 && floor > floors)))
            {
                problems.Add(ErrorCodes.InvalidFloor, field + ".floor", "WITHIN_THE_BUILDING");
                ok = false;
            }
            if (input.Area is not { } area || area <= 0 || area > 1_000_000 || decimal.Round(area, 2) != area)
            {
                problems.Add(input.Area is null ? ErrorCodes.FieldRequired : ErrorCodes.InvalidArea, field + ".area", "POSITIVE_SQUARE_METRES_2_DECIMALS");
                ok = false;
            }
            else if (input.InteriorArea is { } interior && (interior <= 0 || interior > area || decimal.Round(interior, 2) != interior))
            {
                problems.Add(ErrorCodes.InvalidArea, field + ".interiorArea", "NOT_MORE_THAN_THE_AREA");
                ok = false;
            }
            if (code is null || location is null || use is null || !ok)
            {
                ok = false;
                continue;
            }
            units.Add(new NewUnitData(code, location, input.Floor, room, input.Area!.Value, input.InteriorArea, use));
        }
        return ok ? units : null;
    }

    public override string Location(FirstRegistrationPayload payload, RegisterState state) => payload.Units[0].Location;

    public override string UnitField(int index) => $"units[{index}].unitCode";

    public override IReadOnlyList<string> UnitsToLoad(FirstRegistrationPayload payload) => [payload.LandUnitCode, .. payload.Units.Select(u => u.UnitCode)];

    public override void Check(FirstRegistrationPayload payload, RegisterState state, Problems problems, string path)
    {
        if (RegisterChecks.Existing(state, payload.LandUnitCode, path + "landUnitCode", problems) is { } land)
        {
            if (land.Ownership is not { Kind: RightKind.LandUse } landRight
                || UnitState.HoldersOf(landRight).All(h => h.IdNumber != payload.Owner.IdNumber))
            {
                problems.Add(ErrorCodes.LandRightNotHeld, path + "owner", path + "landUnitCode");
            }
            // A seizure of the land does not stop the first registration: it carries over to the new units (decision 0019).
        }
        for (var i = 0; i < payload.Units.Count; i++)
        {
            if (state.Unit(payload.Units[i].UnitCode) is { Ownership: not null })
            {
                problems.Add(ErrorCodes.UnitAlreadyRegistered, $"{path}units[{i}].unitCode");
            }
        }
    }

    public override async Task RecordAsync(FirstRegistrationPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var landRight = context.State.Unit(payload.LandUnitCode)!.Ownership!;
        var land = await context.Change.UnitsAsync([payload.LandUnitCode], cancellationToken);
        var parcelId = land[payload.LandUnitCode].ParcelId;
        var building = await context.Db.Buildings.SingleOrDefaultAsync(b => b.ParcelId == parcelId && b.BuildingNumber == payload.BuildingNumber, cancellationToken);
        if (building is null)
        {
            building = new Building { ParcelId = parcelId, BuildingNumber = payload.BuildingNumber, Name = payload.BuildingName, Floors = payload.Floors };
            context.Db.Buildings.Add(building);
        }
        // Recorded: the building is completed (竣工), whatever stage it was registered in before.
        building.Stage = BuildingStage.Completed;
        building.Floors = Math.Max(building.Floors, payload.Floors);

        // A seizure of the land use right extends to the buildings on it (最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的
        // 规定 art. 21): each seizure of the land not yet ended, in force or queued, is entered on every new unit with the
        // same court, ruling and term, so only that court releases it (decision 0019).
        var landSeizures = context.State.Unit(payload.LandUnitCode)!.Restrictions
            .Where(r => r.Kind == RestrictionKind.Seizure && (r.EndsOn is null || r.EndsOn >= context.Today))
            .OrderBy(r => r.StartsOn).ThenBy(r => r.Id)
            .ToList();
        var owner = await context.Parties.GetAsync(payload.Owner, cancellationToken);
        var created = new List<RealEstateUnit>(payload.Units.Count);
        var existing = await context.Change.UnitsAsync([.. payload.Units.Select(u => u.UnitCode)], cancellationToken);
        var certificates = await context.Numbering.CertificateNumbersAsync(CertificateKind.Title, payload.Units.Count, context.Db, cancellationToken);
        var nature = $"{landRight.Nature ?? "出让"}/市场化商品房";
        for (var i = 0; i < payload.Units.Count; i++)
        {
            var data = payload.Units[i];
            if (!existing.TryGetValue(data.UnitCode, out var unit))
            {
                unit = new RealEstateUnit
                {
                    UnitCode = data.UnitCode,
                    ParcelId = parcelId,
                    Building = building,
                    Location = data.Location,
                    Floor = data.Floor,
                    RoomNumber = data.RoomNumber,
                    Area = data.Area,
                    InteriorArea = data.InteriorArea,
                    Use = data.Use,
                    Kind = UnitKind.House,
                };
                context.Change.AddUnit(unit);
            }
            var right = new Right
            {
                Kind = RightKind.LandUseAndHouseOwnership,
                CoOwnership = CoOwnership.Sole,
                CertificateNumber = certificates[i].ToString(),
                TermStart = landRight.TermStart,
                TermEnd = landRight.TermEnd,
                Nature = nature,
                Notes = payload.Notes,
                BusinessNumber = context.Application.BusinessNumber,
            };
            right.Holders.Add(new RightHolder { Party = owner, Role = HolderRole.Holder, Position = 0 });
            context.Change.AddRight(unit, right);
            created.Add(unit);
            foreach (var seizure in landSeizures)
            {
                context.Change.AddRestriction(unit, new Restriction
                {
                    Kind = RestrictionKind.Seizure,
                    Authority = seizure.Authority,
                    BeneficiaryPartyId = seizure.BeneficiaryPartyId,
                    DocumentNumber = seizure.DocumentNumber,
                    StartsOn = seizure.StartsOn,
                    EndsOn = seizure.EndsOn,
                    Notes = SeizureChain.Note($"土地使用权查封（{payload.LandUnitCode}），效力及于地上建筑物", seizure.Notes),
                    BusinessNumber = context.Application.BusinessNumber,
                });
            }
        }
        await ConvertConstructionMortgagesAsync(context, payload, parcelId, owner, created, cancellationToken);
    }

    /// <summary>
    /// 实施细则 art. 78: a mortgage of the building under construction (在建建筑物抵押) on the land unit becomes, at the
    /// building's first registration, a mortgage of the new units: one general mortgage per converted mortgage, on every
    /// unit registered now, same mortgagee, amount, term and agreement on transfer, under a new certificate of
    /// registration, the developer as mortgagor. The land's mortgage ends once no building of the parcel is still under
    /// construction (it secured those too).
    /// </summary>
    private static async Task ConvertConstructionMortgagesAsync(
        RecordContext context, FirstRegistrationPayload payload, long parcelId, Party owner, IReadOnlyList<RealEstateUnit> units, CancellationToken cancellationToken)
    {
        var construction = context.State.Unit(payload.LandUnitCode)!.Mortgages
            .Where(m => m.MortgageKind == MortgageKind.BuildingUnderConstruction)
            .OrderBy(m => m.Id)
            .ToList();
        if (construction.Count == 0)
        {
            return;
        }
        var certificates = await context.Numbering.CertificateNumbersAsync(CertificateKind.Registration, construction.Count, context.Db, cancellationToken);
        var othersUnderConstruction = await context.Db.Buildings.AnyAsync(
            b => b.ParcelId == parcelId && b.BuildingNumber != payload.BuildingNumber && b.Stage == BuildingStage.UnderConstruction, cancellationToken);
        for (var i = 0; i < construction.Count; i++)
        {
            var mortgage = construction[i];
            var bank = UnitState.HoldersOf(mortgage).First();
            var mortgagee = await context.Parties.GetAsync(new PartyData(bank.Kind, bank.Name, bank.IdNumber), cancellationToken);
            foreach (var unit in units)
            {
                MortgageRegistrations.AddMortgage(context, unit, new Right
                {
                    Kind = RightKind.Mortgage,
                    MortgageKind = MortgageKind.General,
                    TransferAgreement = mortgage.TransferAgreement,
                    CoOwnership = CoOwnership.Sole,
                    CertificateNumber = certificates[i].ToString(),
                    SecuredAmountFen = mortgage.SecuredAmountFen,
                    TermStart = mortgage.TermStart,
                    TermEnd = mortgage.TermEnd,
                    Nature = "一般抵押",
                    Notes = $"在建建筑物抵押权转为建筑物抵押权（原登记证明 {mortgage.CertificateNumber}）",
                    BusinessNumber = context.Application.BusinessNumber,
                }, mortgagee, [owner]);
            }
            if (!othersUnderConstruction)
            {
                await MortgageCancellations.CancelAsync(context, [payload.LandUnitCode], mortgage.CertificateNumber!, cancellationToken);
            }
        }
    }
}
