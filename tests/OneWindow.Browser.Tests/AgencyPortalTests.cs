using Microsoft.Playwright;
using OneWindow.Sdk.Rest;

namespace OneWindow.Browser.Tests;

/// <summary>portal-samples/AgencyPortal in Chromium: an agency follows what it filed, by business number.</summary>
public sealed class AgencyPortalTests(BrowserFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The demo agency files the cancellation of one of the demo bank's mortgages as the bank's agent (it waits for
    /// the bank), and the bank confirms it with its own client: the platform deems it accepted, for a registrar.
    /// </summary>
    private async Task<string> AgentFiledCancellationAsync()
    {
        using var bank = fixture.Client("demo-bank");
        using var agency = fixture.Client("demo-agency");
        var mortgage = await fixture.TakeBankMortgageAsync(bank);
        var materials = await agency.Agencies.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_CANCELLATION, ["MORTGAGEE_ALONE", "AGENT_APPLIES"],
            code => new Sdk.Audiences.MaterialFile(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {code} {Guid.NewGuid():N}\n%%EOF\n"), code.ToLowerInvariant() + ".pdf"), Ct);
        var filed = await agency.Agencies.Rest.SubmitMortgageCancellationAsync(Guid.NewGuid().ToString("N"), new MortgageCancellationRequest
        {
            CertificateNumber = mortgage.Number,
            UnitCodes = [.. mortgage.Units.Select(u => u.UnitCode)],
            Circumstances = ["MORTGAGEE_ALONE"],
            Mortgagee = new PartyInput { Kind = "ORGANISATION", Name = mortgage.Holders[0].Name, IdNumber = mortgage.Holders[0].IdNumber },
            Materials = materials,
        }, Ct);
        Assert.True(filed.FiledAsAgent);
        Assert.Equal(ApplicationStatus.AWAITING_CONFIRMATION, filed.Status);
        var confirmed = await bank.Banks.ConfirmAsync(filed.BusinessNumber, cancellationToken: Ct);
        Assert.Equal(ApplicationStatus.ACCEPTED, confirmed.Status);
        return filed.BusinessNumber;
    }

    private async Task<IPage> OpenAsync(List<string> elsewhere)
    {
        var portal = await fixture.PortalAsync("AgencyPortal", "demo-agency");
        var page = await fixture.NewLoopbackPageAsync(elsewhere, new BrowserNewPageOptions { Locale = "zh-CN" }, portal);
        await page.GotoAsync(portal);
        return page;
    }

    [Fact]
    public async Task Agency_page_shows_the_progress_steps_of_an_application_the_agency_filed()
    {
        var businessNumber = await AgentFiledCancellationAsync();
        var elsewhere = new List<string>();
        var page = await OpenAsync(elsewhere);

        await page.FillAsync("#BusinessNumber", businessNumber);
        await page.ClickAsync("#search");

        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", "ACCEPTED");
        await Assertions.Expect(page.Locator("#result")).ToHaveAttributeAsync("data-business-number", businessNumber);
        var steps = page.Locator("#timeline li");
        await Assertions.Expect(steps).ToHaveCountAsync(3);
        await Assertions.Expect(steps.Nth(0)).ToHaveAttributeAsync("data-status", "AWAITING_CONFIRMATION");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("确认");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("demo-bank");
        await Assertions.Expect(steps.Nth(2)).ToHaveAttributeAsync("data-status", "ACCEPTED");
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("是（本机构代为申请）");
        await Assertions.Expect(page.Locator("#applicants")).ToContainTextAsync("肇庆示范商业银行股份有限公司端州支行");
        await Assertions.Expect(page.Locator("#applicants tbody tr")).ToHaveAttributeAsync("data-confirmation", "CONFIRMED");
        await Assertions.Expect(page.Locator("#applicants")).ToContainTextAsync("抵押权人");
        await BrowserFixture.ScreenshotAsync(page, "agency-portal-progress");
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Agency_page_tells_a_malformed_number_from_one_the_agency_cannot_see()
    {
        // The bank cancels one of its own mortgages itself: a real application, but not the agency's.
        using var bank = fixture.Client("demo-bank");
        var mortgage = await fixture.TakeBankMortgageAsync(bank);
        var materials = await bank.Banks.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_CANCELLATION, ["MORTGAGEE_ALONE"],
            code => new Sdk.Audiences.MaterialFile(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {code} {Guid.NewGuid():N}\n%%EOF\n"), code.ToLowerInvariant() + ".pdf"), Ct);
        var banks = await bank.Banks.SubmitMortgageCancellationAsync(new MortgageCancellationRequest
        {
            CertificateNumber = mortgage.Number,
            UnitCodes = [.. mortgage.Units.Select(u => u.UnitCode)],
            Circumstances = ["MORTGAGEE_ALONE"],
            Mortgagee = new PartyInput { Kind = "ORGANISATION", Name = mortgage.Holders[0].Name, IdNumber = mortgage.Holders[0].IdNumber },
            Materials = materials,
        }, cancellationToken: Ct);
        var elsewhere = new List<string>();
        var page = await OpenAsync(elsewhere);

        await page.FillAsync("#BusinessNumber", "4412022025");
        await page.ClickAsync("#search");
        await Assertions.Expect(page.Locator("#problem")).ToHaveAttributeAsync("data-code", "INVALID_BUSINESS_NUMBER");
        await Assertions.Expect(page.Locator("#problem")).ToContainTextAsync("21 位");
        await Assertions.Expect(page.Locator("#result")).ToHaveCountAsync(0);

        await page.FillAsync("#BusinessNumber", banks.BusinessNumber);
        await page.ClickAsync("#search");
        await Assertions.Expect(page.Locator("#problem")).ToHaveAttributeAsync("data-code", "APPLICATION_NOT_FOUND");
        await Assertions.Expect(page.Locator("#problem")).ToContainTextAsync(banks.BusinessNumber);
        await Assertions.Expect(page.Locator("#result")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "agency-portal-not-found");

        // With the bank's credit code (an applicant's), the public form shows the progress, nothing personal.
        await page.FillAsync("#ApplicantIdNumber", mortgage.Holders[0].IdNumber);
        await page.ClickAsync("#search");
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", banks.Status.ToString()!);
        await Assertions.Expect(page.Locator("#timeline li")).ToHaveCountAsync(banks.Timeline.Count);
        await Assertions.Expect(page.Locator("#applicants")).ToHaveCountAsync(0);
        Assert.Empty(elsewhere);
    }
}
