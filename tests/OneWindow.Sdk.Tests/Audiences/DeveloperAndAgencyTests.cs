using System.Globalization;
using OneWindow.Sdk.Rest;
using OneWindow.Sdk.Tests.Infrastructure;
using Gql = OneWindow.Sdk.GraphQL;

namespace OneWindow.Sdk.Tests.Audiences;

/// <summary>A developer registers a new building; an agency follows progress and looks up units.</summary>
[Collection(SdkHostCollection.Name)]
public sealed class DeveloperAndAgencyTests(SdkHost host)
{
    private static CancellationToken Ct => SdkHost.Ct;

    [Fact]
    public async Task A_developer_registers_a_building_with_the_typed_GraphQL_mutation_and_follows_it()
    {
        using var client = host.Client("demo-developer");
        var land = await host.DevelopersLandAsync();
        var parcel = land[..19];
        var units = Enumerable.Range(1, 6).Select(i => new Gql.NewUnitInput
        {
            UnitCode = parcel + "F0098" + (i / 3 + 1).ToString("D2", CultureInfo.InvariantCulture) + (i % 3 + 1).ToString("D2", CultureInfo.InvariantCulture),
            Location = $"SDK新建98幢{i}号",
            Floor = i / 3 + 1,
            RoomNumber = $"{i / 3 + 1}0{i % 3 + 1}",
            Area = 90.5m + i,
            InteriorArea = 72.25m,
            Use = "住宅",
        }).ToList();
        var materials = await client.Developers.UploadRequiredMaterialsAsync(BusinessType.FIRST_REGISTRATION, null, SdkHost.Pdf, Ct);
        var input = new Gql.FirstRegistrationInput
        {
            LandUnitCode = land,
            Owner = new() { Kind = "ORGANISATION", Name = SdkHost.DeveloperName, IdNumber = await host.CreditCodeAsync(SdkHost.DeveloperName) },
            Building = new() { Number = "0098", Name = "98幢", Floors = 3 },
            Units = units,
            Materials = [.. materials.Select(m => new Gql.MaterialReferenceInput { MaterialId = m.MaterialId, Code = m.Code })],
        };

        var submitted = (await client.Developers.GraphQL.SubmitFirstRegistrationAsync(input, cancellationToken: Ct)).SubmitFirstRegistration;
        Assert.Empty(submitted.Errors);
        var number = submitted.Application!.BusinessNumber;
        Assert.Equal(6, submitted.Application.UnitCount);
        using (var staff = await Api.Tests.Infrastructure.PersonSignIn.ClientAsync(host.App, "demo-staff"))
        {
            await SdkHost.StepsAsync(staff, number, "accept", "start-review", "record");
        }

        var recorded = (await client.Developers.GraphQL.ApplicationAsync(number, Ct)).Application!;
        Assert.Equal(Gql.ApplicationStatus.Recorded, recorded.Status);
        // Six titles; a mortgage of the building under construction on the land also becomes a mortgage of each
        // unit (a right and its restriction: 实施细则 art. 78).
        Assert.Contains(recorded.RecordedCount, new[] { 6, 18, 30 });
        Assert.Equal(units.Select(u => u.UnitCode).Order(), recorded.Recorded.Select(r => r.UnitCode).Distinct().Order());
        var viaRest = await client.Developers.GetApplicationAsync(number, Ct);
        Assert.Equal(ApplicationStatus.RECORDED, viaRest.Status);

        // The agency's public progress form: the business number and the applicant's credit code.
        using var agency = host.Client("demo-agency");
        var progress = await agency.Agencies.GetProgressAsync(number, input.Owner.IdNumber!, Ct);
        Assert.Equal(ApplicationStatus.RECORDED, progress.Status);
        var typed = (await agency.Agencies.GraphQL.ApplicationProgressAsync(number, input.Owner.IdNumber!, Ct)).ApplicationProgress!;
        Assert.Equal(Gql.ApplicationStatus.Recorded, typed.Status);
        Assert.Equal(progress.Timeline.Count, typed.Timeline.Count);
        Assert.Null((await agency.Agencies.GraphQL.ApplicationProgressAsync(number, await host.CreditCodeAsync(SdkHost.BankName), Ct)).ApplicationProgress);
    }

    [Fact]
    public async Task An_agency_looks_up_a_unit_and_pages_through_a_location_search()
    {
        using var client = host.Client("demo-agency");
        var (unitCode, _) = await host.FreeHouseAsync();

        var property = await client.Agencies.GetPropertyAsync(unitCode, Ct);
        var typed = (await client.Agencies.GraphQL.PropertyAsync(unitCode: unitCode, cancellationToken: Ct)).Property!;
        Assert.Equal(property.Location, typed.Location);
        Assert.Equal(Gql.UnitKind.House, typed.Kind);
        Assert.All(typed.Rights.SelectMany(r => r.Holders), h => Assert.True(h.Masked));

        var search = property.Location[..4];
        var found = new List<PropertyResponse>();
        await foreach (var unit in client.Agencies.SearchPropertiesAsync(search, pageSize: 7, cancellationToken: Ct))
        {
            found.Add(unit);
            if (found.Count == 30)
            {
                break;
            }
        }
        Assert.Equal(30, found.Count);
        Assert.Equal(found.Select(u => u.UnitCode).Order(StringComparer.Ordinal), found.Select(u => u.UnitCode));
        Assert.Equal(found.Count, found.Select(u => u.UnitCode).Distinct().Count());
        var firstPage = (await client.Agencies.GraphQL.SearchPropertiesAsync(search, first: 7, cancellationToken: Ct)).SearchProperties;
        Assert.Equal(found.Take(7).Select(u => u.UnitCode), firstPage.Edges!.Select(e => e!.Node!.UnitCode));
    }
}
