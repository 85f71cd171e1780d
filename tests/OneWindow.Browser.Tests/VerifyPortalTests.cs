using Microsoft.Playwright;
using OneWindow.Sdk.Rest;

namespace OneWindow.Browser.Tests;

/// <summary>portal-samples/VerifyPortal in Chromium: a certificate checked by number and code, and by its QR token.</summary>
public sealed class VerifyPortalTests(BrowserFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IPage> OpenAsync(List<string> elsewhere)
    {
        var portal = await fixture.PortalAsync("VerifyPortal", "demo-verifier");
        var page = await fixture.NewLoopbackPageAsync(elsewhere, new BrowserNewPageOptions { Locale = "zh-CN" }, portal);
        await page.GotoAsync(portal);
        return page;
    }

    [Fact]
    public async Task Verify_page_shows_a_real_certificate_genuine_with_masked_people_and_a_wrong_code_invalid()
    {
        using var bank = fixture.Client("demo-bank");
        var certificate = await fixture.TakeBankMortgageAsync(bank, c => c.Obligors.Any(o => o.Kind == PartyKind.PERSON));
        var elsewhere = new List<string>();
        var page = await OpenAsync(elsewhere);

        await page.FillAsync("#Number", certificate.Number);
        await page.FillAsync("#VerificationCode", certificate.VerificationCode);
        await page.ClickAsync("#verify-code");

        await Assertions.Expect(page.Locator("#result")).ToHaveAttributeAsync("data-verdict", "genuine");
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("真实有效");
        await Assertions.Expect(page.Locator("#number")).ToHaveTextAsync(certificate.Number);
        await Assertions.Expect(page.Locator("#certificate-status")).ToHaveAttributeAsync("data-status", "VALID");
        await Assertions.Expect(page.Locator("#units")).ToContainTextAsync(certificate.Units[0].UnitCode);
        // A mortgagor who is a person: the page shows them as the platform masks them (李**, 4412**********0012).
        var obligor = certificate.Obligors.First(o => o.Kind == PartyKind.PERSON);
        await Assertions.Expect(page.Locator("#obligors")).ToContainTextAsync(obligor.Name[..1] + "*");
        await Assertions.Expect(page.Locator("#obligors")).ToContainTextAsync(obligor.IdNumber[..4] + "**");
        Assert.DoesNotContain(obligor.IdNumber, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "verify-portal-genuine");

        var wrong = string.Concat(certificate.VerificationCode.Reverse());
        await page.FillAsync("#Number", certificate.Number);
        await page.FillAsync("#VerificationCode", wrong == certificate.VerificationCode ? "ABCD2345" : wrong);
        await page.ClickAsync("#verify-code");

        await Assertions.Expect(page.Locator("#result")).ToHaveAttributeAsync("data-verdict", "invalid");
        await Assertions.Expect(page.Locator("#failure")).ToHaveAttributeAsync("data-failure", "VERIFICATION_CODE_MISMATCH");
        await Assertions.Expect(page.Locator("#details")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "verify-portal-wrong-code");
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Verify_page_checks_a_QR_token_offline_and_online_and_refuses_a_tampered_one()
    {
        using var bank = fixture.Client("demo-bank");
        var certificate = await fixture.TakeBankMortgageAsync(bank);
        var elsewhere = new List<string>();
        var page = await OpenAsync(elsewhere);

        // A handheld scanner types the token into the focused field and presses Enter.
        await page.FillAsync("#Token", certificate.Token);
        await page.PressAsync("#Token", "Enter");

        await Assertions.Expect(page.Locator("#result")).ToHaveAttributeAsync("data-verdict", "genuine");
        await Assertions.Expect(page.Locator("#offline")).ToHaveAttributeAsync("data-authentic", "true");
        await Assertions.Expect(page.Locator("#offline")).ToContainTextAsync("ES256");
        await Assertions.Expect(page.Locator("#number")).ToHaveTextAsync(certificate.Number);
        await BrowserFixture.ScreenshotAsync(page, "verify-portal-token");

        var parts = certificate.Token.Split('.');
        var tampered = parts[0] + "." + parts[1][..^4] + (parts[1].EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA") + "." + parts[2];
        await page.FillAsync("#Token", tampered);
        await page.ClickAsync("#verify-token");

        await Assertions.Expect(page.Locator("#result")).ToHaveAttributeAsync("data-verdict", "invalid");
        await Assertions.Expect(page.Locator("#offline")).ToHaveAttributeAsync("data-authentic", "false");
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Verify_page_shows_a_cancelled_mortgage_revoked()
    {
        using var bank = fixture.Client("demo-bank");
        var certificate = await fixture.TakeBankMortgageAsync(bank);
        // The bank cancels its own mortgage alone: entered in the register at once (即办), and the certificate with it.
        var materials = await bank.Banks.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_CANCELLATION, ["MORTGAGEE_ALONE"],
            code => new Sdk.Audiences.MaterialFile(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {code} {Guid.NewGuid():N}\n%%EOF\n"), code.ToLowerInvariant() + ".pdf"), Ct);
        var cancelled = await bank.Banks.SubmitMortgageCancellationAsync(new MortgageCancellationRequest
        {
            CertificateNumber = certificate.Number,
            UnitCodes = [.. certificate.Units.Select(u => u.UnitCode)],
            Circumstances = ["MORTGAGEE_ALONE"],
            Mortgagee = new PartyInput { Kind = "ORGANISATION", Name = certificate.Holders[0].Name, IdNumber = certificate.Holders[0].IdNumber },
            Materials = materials,
        }, cancellationToken: Ct);
        Assert.Equal(ApplicationStatus.COMPLETED, cancelled.Status);
        var elsewhere = new List<string>();
        var page = await OpenAsync(elsewhere);

        await page.FillAsync("#Token", certificate.Token);
        await page.ClickAsync("#verify-token");

        await Assertions.Expect(page.Locator("#result")).ToHaveAttributeAsync("data-verdict", "revoked");
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("已注销");
        await Assertions.Expect(page.Locator("#certificate-status")).ToHaveAttributeAsync("data-status", "CANCELLED");
        await Assertions.Expect(page.Locator("#offline")).ToHaveAttributeAsync("data-authentic", "true");
        await BrowserFixture.ScreenshotAsync(page, "verify-portal-revoked");
        Assert.Empty(elsewhere);
    }
}
