using OneWindow.Api.Data.Entities;
using OneWindow.Sdk.Rest;
using OneWindow.Sdk.Tests.Infrastructure;
using Gql = OneWindow.Sdk.GraphQL;
using CertificateStatus = OneWindow.Sdk.Rest.CertificateStatus;

namespace OneWindow.Sdk.Tests.Audiences;

/// <summary>A bank through the SDK, end to end on the real host: REST and the typed GraphQL operations.</summary>
[Collection(SdkHostCollection.Name)]
public sealed class BankTests(SdkHost host)
{
    private static CancellationToken Ct => SdkHost.Ct;

    private async Task<MortgageRegistrationRequest> MortgageAsync(OneWindowClient client, string unitCode, Party owner) => new()
    {
        MortgageKind = "GENERAL",
        UnitCodes = [unitCode],
        Mortgagors = [new() { Kind = "PERSON", Name = owner.Name, IdNumber = owner.IdNumber }],
        Mortgagee = new() { Kind = "ORGANISATION", Name = SdkHost.BankName, IdNumber = await host.CreditCodeAsync(SdkHost.BankName) },
        SecuredAmountFen = 50_000_000,
        DebtStartsOn = "2025-12-01",
        DebtEndsOn = "2035-11-30",
        Materials = await client.Banks.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_REGISTRATION_GENERAL, null, SdkHost.Pdf, Ct),
    };

    [Fact]
    public async Task A_bank_registers_a_mortgage_end_to_end_and_gets_its_certificate_of_registration()
    {
        using var client = host.Client("demo-bank");
        var (unitCode, owner) = await host.FreeHouseAsync();
        Assert.True((await client.Banks.GetRestrictionStatusAsync(unitCode, Ct)).CanMortgage);

        var submitted = await client.Banks.SubmitMortgageRegistrationAsync(await MortgageAsync(client, unitCode, owner), cancellationToken: Ct);
        Assert.Equal(ApplicationStatus.AWAITING_CONFIRMATION, submitted.Status);
        var number = submitted.BusinessNumber!;
        using (var mortgagor = await host.PersonAsync(owner))
        {
            await SdkHost.StepsAsync(mortgagor, number, "confirm");
        }
        using (var staff = await Api.Tests.Infrastructure.PersonSignIn.ClientAsync(host.App, "demo-staff"))
        {
            await SdkHost.StepsAsync(staff, number, "accept", "start-review", "record", "prepare-certificate", "complete");
        }

        var completed = await client.Banks.GetApplicationAsync(number, Ct);
        Assert.Equal(ApplicationStatus.COMPLETED, completed.Status);
        // The mortgage right and its restriction on the unit, both under the one certificate of registration.
        var certificateNumber = Assert.Single(completed.Recorded.Where(r => r.CertificateNumber is not null).Select(r => r.CertificateNumber!).Distinct());
        var restrictions = await client.Banks.GetRestrictionStatusAsync(unitCode, Ct);
        Assert.True(restrictions.IsMortgaged);
        var certificate = await client.Banks.GetCertificateAsync(certificateNumber, Ct);
        Assert.Equal(CertificateKind.REGISTRATION, certificate.Kind);
        Assert.Contains(await client.Banks.ListCertificatesAsync(Ct), c => c.Number == certificateNumber);
        var offline = await client.Verifier.Offline.VerifyAsync(certificate.Token!, Ct);
        Assert.True(offline.Authentic);
        Assert.Equal(certificateNumber, offline.Number);

        // The same application through the bank's GraphQL operations, typed.
        var viaGraphQL = (await client.Banks.GraphQL.ApplicationAsync(number, Ct)).Application!;
        Assert.Equal(Gql.ApplicationStatus.Completed, viaGraphQL.Status);
        Assert.Equal([Gql.ApplicationStatus.AwaitingConfirmation, Gql.ApplicationStatus.Submitted, Gql.ApplicationStatus.Accepted, Gql.ApplicationStatus.UnderReview,
            Gql.ApplicationStatus.Recorded, Gql.ApplicationStatus.CertificatePrepared, Gql.ApplicationStatus.Completed], viaGraphQL.Timeline.Select(t => t.Status));
        Assert.Contains(viaGraphQL.Applicants, a => a.Role == Gql.ApplicantRole.Mortgagor && a.Confirmation == Gql.ConfirmationState.Confirmed);
        var verdict = (await client.Banks.GraphQL.RestrictionStatusAsync(unitCode, Ct)).RestrictionStatus!;
        Assert.True(verdict.IsMortgaged);
        Assert.Contains(verdict.Restrictions, r => r.Kind == Gql.RestrictionKind.Mortgage && r.DocumentNumber == certificateNumber);

        // Its events, REST and GraphQL: the steps of the application, in order.
        var events = new List<EventResponse>();
        await foreach (var e in client.Banks.ReadEventsAsync(pageSize: 5, cancellationToken: Ct))
        {
            events.Add(e);
        }
        Assert.Contains(events, e => e.BusinessNumber == number);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var page = (await client.Banks.GraphQL.EventsAsync(first: 100, cancellationToken: Ct)).Events;
        Assert.Equal(events.Take(page.Events.Count).Select(e => e.Id), page.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task The_typed_GraphQL_mutations_submit_replay_and_refuse_with_typed_errors()
    {
        using var client = host.Client("demo-bank");
        var (unitCode, owner) = await host.FreeHouseAsync();
        var rest = await MortgageAsync(client, unitCode, owner);
        var input = new Gql.MortgageRegistrationInput
        {
            MortgageKind = "GENERAL",
            UnitCodes = [unitCode],
            Mortgagors = [new() { Kind = "PERSON", Name = owner.Name, IdNumber = owner.IdNumber }],
            Mortgagee = new() { Kind = "ORGANISATION", Name = rest.Mortgagee!.Name, IdNumber = rest.Mortgagee.IdNumber },
            SecuredAmountFen = 30_000_000,
            DebtStartsOn = "2025-12-01",
            DebtEndsOn = "2030-11-30",
            Materials = [.. rest.Materials!.Select(m => new Gql.MaterialReferenceInput { MaterialId = m.MaterialId, Code = m.Code })],
        };
        var key = Guid.NewGuid().ToString("N");

        var first = (await client.Banks.GraphQL.SubmitMortgageRegistrationAsync(input, key, Ct)).SubmitMortgageRegistration;
        var again = (await client.Banks.GraphQL.SubmitMortgageRegistrationAsync(input, key, Ct)).SubmitMortgageRegistration;
        var duplicate = (await client.Banks.GraphQL.SubmitMortgageRegistrationAsync(input, cancellationToken: Ct)).SubmitMortgageRegistration;
        input.UnitCodes = ["441202001001GB00001F0001010X"];
        var malformed = (await client.Banks.GraphQL.SubmitMortgageRegistrationAsync(input, cancellationToken: Ct)).SubmitMortgageRegistration;

        Assert.Empty(first.Errors);
        Assert.False(first.Replayed);
        Assert.Equal(Gql.ApplicationStatus.AwaitingConfirmation, first.Application!.Status);
        Assert.Equal(Gql.BusinessType.MortgageRegistrationGeneral, first.Application.BusinessType);
        Assert.True(again.Replayed);
        Assert.Equal(first.Application.BusinessNumber, again.Application!.BusinessNumber);
        Assert.Null(duplicate.Application);
        Assert.Contains(duplicate.Errors, e => e.Code == "PENDING_APPLICATION_EXISTS" && e.Field == "unitCodes[0]");
        Assert.Contains(malformed.Errors, e => e.Field == "unitCodes[0]");
        var stored = await host.ReadAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Applications, a => a.Units.Any(u => u.UnitCode == unitCode), Ct));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task A_bank_submits_in_bulk_and_cancels_its_own_mortgage_at_once()
    {
        using var client = host.Client("demo-bank");
        var houses = new[] { await host.FreeHouseAsync(), await host.FreeHouseAsync() };
        var items = new List<MortgageRegistrationRequest>();
        foreach (var (unitCode, owner) in houses)
        {
            items.Add(await MortgageAsync(client, unitCode, owner));
        }
        var bulk = await client.Banks.SubmitMortgageRegistrationsAsync([.. items, items[0]], cancellationToken: Ct);
        Assert.Equal((2, 1), (bulk.Accepted, bulk.Rejected));
        Assert.Contains(bulk.Results![2].Errors!, e => e.Code == "PENDING_APPLICATION_EXISTS");

        // A mortgage of the demo register held by the bank, cancelled by the bank alone: entered at once (即办).
        var held = (await client.Banks.ListCertificatesAsync(Ct)).First(c => c.Kind == CertificateKind.REGISTRATION && c.Status == CertificateStatus.VALID);
        var certificate = await client.Banks.GetCertificateAsync(held.Number!, Ct);
        var cancellation = new Gql.MortgageCancellationInput
        {
            CertificateNumber = certificate.Number,
            UnitCodes = [.. certificate.Units!.Select(u => u.UnitCode!)],
            Circumstances = ["MORTGAGEE_ALONE"],
            Mortgagee = new() { Kind = "ORGANISATION", Name = certificate.Holders![0].Name, IdNumber = certificate.Holders[0].IdNumber },
            Materials = [.. (await client.Banks.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_CANCELLATION, ["MORTGAGEE_ALONE"], SdkHost.Pdf, Ct))
                .Select(m => new Gql.MaterialReferenceInput { MaterialId = m.MaterialId, Code = m.Code })],
        };
        var cancelled = (await client.Banks.GraphQL.SubmitMortgageCancellationAsync(cancellation, cancellationToken: Ct)).SubmitMortgageCancellation;

        Assert.Empty(cancelled.Errors);
        Assert.Equal(Gql.ApplicationStatus.Completed, cancelled.Application!.Status);
        var verified = await client.Verifier.VerifyTokenAsync(certificate.Token!, Ct);
        Assert.Equal((true, CertificateStatus.CANCELLED), (verified.Authentic == true, verified.Status));
    }

    [Fact]
    public async Task Applications_page_through_as_one_sequence_on_REST_and_GraphQL()
    {
        using var client = host.Client("demo-bank");
        for (var i = 0; i < 3; i++)
        {
            var (unitCode, owner) = await host.FreeHouseAsync();
            await client.Banks.SubmitMortgageRegistrationAsync(await MortgageAsync(client, unitCode, owner), cancellationToken: Ct);
        }

        var all = new List<ApplicationSummaryResponse>();
        await foreach (var application in client.Banks.ListApplicationsAsync(pageSize: 2, cancellationToken: Ct))
        {
            all.Add(application);
        }
        var viaGraphQL = new List<string>();
        string? after = null;
        do
        {
            var page = (await client.Banks.GraphQL.ApplicationsAsync(first: 2, after: after, cancellationToken: Ct)).Applications;
            viaGraphQL.AddRange(page.Edges!.Select(e => e!.Node!.BusinessNumber));
            after = page.PageInfo.HasNextPage ? page.PageInfo.EndCursor : null;
        }
        while (after is not null);

        Assert.True(all.Count >= 3);
        Assert.Equal(all.Count, all.Select(a => a.BusinessNumber).Distinct().Count());
        Assert.Equal(all.Select(a => a.BusinessNumber), viaGraphQL);
    }
}
