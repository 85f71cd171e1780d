using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Features.Applications;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Events;

/// <summary>The applications host, with room for the many people who sign in to confirm these transfers.</summary>
public sealed class TransferNoticeFixture(RegistryFixture registry) : ApplicationsFixture(registry)
{
    // Each transfer signs in its sellers and buyers (two requests each) within seconds: more than Limits:SignIn allows a
    // minute (30 per address). The limit itself is tested in Limits/.
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Limits:SignIn:PermitLimit"] = "1000" };
}

/// <summary>
/// Civil Code art. 406 (抵押人转让抵押财产的，应当及时通知抵押权人): when a transfer of a mortgaged unit is entered —
/// 转移, 协助执行, 带押过户 — each mortgagee of record whose mortgage stays on the unit hears <c>unit.transferNotice</c>,
/// written with the entry, naming the new owners as a bank sees them and the register entry; nobody else hears it.
/// </summary>
public sealed class TransferNoticeTests(TransferNoticeFixture fixture) : IClassFixture<TransferNoticeFixture>
{
    private const string Notice = "unit.transferNotice";

    /// <summary>A mortgagee of the demo register that is not a partner there until it signs up here.</summary>
    private const string OtherBankName = "岭南示范银行股份有限公司肇庆分行";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int _buyers;

    /// <summary>A buyer as the request names them (kind, name, idNumber), each with an ID number of their own.</summary>
    private sealed record PersonInput(string Kind, string Name, string IdNumber);

    private static PersonInput Buyer(string name) =>
        new("PERSON", name, ResidentIdNumber.Create("441202", new DateOnly(1987, 4, 5), 600 + (Interlocked.Increment(ref _buyers) * 2)).ToString());

    private static async Task<List<JsonElement>> FeedAsync(HttpClient client)
    {
        var events = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            var page = await Json.ReadAsync(await client.GetAsync("/api/v1/events?limit=100" + (after is null ? "" : $"&after={after}"), Ct));
            events.AddRange(page.GetProperty("events").EnumerateArray());
            after = page.GetProperty("nextCursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return events;
            }
        }
    }

    private static List<JsonElement> NoticesOf(IEnumerable<JsonElement> feed, string unitCode) =>
        [.. feed.Where(e => e.GetProperty("type").GetString() == Notice && e.GetProperty("unitCode").GetString() == unitCode)];

    /// <summary>The types of the events stored for the unit, in the order written.</summary>
    private Task<List<string>> StoredTypesAsync(string unitCode) =>
        fixture.ReadAsync(db => db.OutboxEvents.Where(e => e.UnitCode == unitCode).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync(Ct));

    /// <summary>A house owned by people and mortgaged (in force) to <paramref name="bank"/>, with nothing else on it.</summary>
    private Task<RealEstateUnit> MortgagedHomeAsync(string bank = ApplicationsFixture.BankName) => fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
        && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.All(h => h.Party!.Kind == PartyKind.Person))
        && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
        && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Mortgage && r.Authority == bank)));

    private Task<List<string>> MortgageCertificatesAsync(string unitCode) => fixture.ReadAsync(db => db.Rights
        .Where(r => r.Unit!.UnitCode == unitCode && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage).OrderBy(r => r.Id).Select(r => r.CertificateNumber!).ToListAsync(Ct));

    /// <summary>The other bank signs up with its credit code of record, is approved and gets a client.</summary>
    /// <summary>The ID numbers of a mortgage's obligors of record (Civil Code art. 406: the owners of the mortgaged unit).</summary>
    private Task<List<string>> ObligorsAsync(string mortgageCertificate) => fixture.ReadAsync(db => db.RightHolders
        .Where(h => h.Right!.CertificateNumber == mortgageCertificate && h.Right.Status == RightStatus.Active && h.Role == HolderRole.Obligor)
        .Select(h => h.Party!.IdNumber).ToListAsync(Ct));

    private Task<(HttpClient Client, string CreditCode)> OtherBankAsync() =>
        fixture.PartnerOfRecordAsync(OtherBankName, OtherBankName, "BANK", "陈联络", "13800138004", "notice@example.cn");

    /// <summary>转移登记 of the unit from its owners to <paramref name="buyer"/>, filed by the agency and entered; returns the business number.</summary>
    private async Task<string> TransferAsync(RealEstateUnit unit, PersonInput buyer)
    {
        var sellers = (await fixture.HoldersAsync(unit.UnitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray();
        var submitted = await fixture.Agency.SubmittedAsync("transfers", new
        {
            unitCode = unit.UnitCode, transferors = sellers, transferees = new[] { buyer }, coOwnership = "SOLE", priceFen = 200_000_000L,
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer),
        });
        var number = submitted.GetProperty("businessNumber").GetString()!;
        await fixture.RecordedAsync(number);
        return number;
    }

    /// <summary>协助执行: the demo court seizes the unit and transfers it to <paramref name="buyer"/> by its ruling; entered by a registrar.</summary>
    private async Task CourtTransferAsync(RealEstateUnit unit, string document, PersonInput buyer, bool mortgagesEnded)
    {
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unit.UnitCode }, documentNumber = document, materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });
        var filed = await fixture.Court.SubmittedAsync("court-transfers", new
        {
            unitCode = unit.UnitCode, seizureDocumentNumber = document, documentNumber = document + "之二", transferees = new[] { buyer }, coOwnership = "SOLE",
            mortgagesEnded, materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.CourtOrderedTransfer),
        });
        await fixture.RecordedAsync(filed.GetProperty("businessNumber").GetString()!);
    }

    /// <summary>带押过户 of the unit to <paramref name="buyer"/>: <paramref name="cancelled"/> ends, the demo bank's new mortgage begins.</summary>
    private async Task MortgagedTransferAsync(RealEstateUnit unit, string cancelled, PersonInput buyer)
    {
        var bank = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName));
        var submitted = await fixture.Bank.SubmittedAsync("mortgaged-transfers", new
        {
            unitCode = unit.UnitCode, transferors = (await fixture.HoldersAsync(unit.UnitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray(),
            transferees = new[] { buyer }, coOwnership = "SOLE", priceFen = 300_000_000L,
            cancelledMortgage = new { certificateNumber = cancelled, mortgagee = bank },
            newMortgage = new { mortgagee = bank, securedAmountFen = 150_000_000L, debtStartsOn = "2025-11-20", debtEndsOn = "2050-11-19" },
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgagedTransfer),
        });
        await fixture.RecordedAsync(submitted.GetProperty("businessNumber").GetString()!);
    }

    [Fact]
    public async Task The_bank_holding_the_mortgage_hears_of_the_transfer_with_the_new_owners_masked_and_the_register_entry_and_another_bank_does_not()
    {
        var (otherBank, otherCode) = await OtherBankAsync();
        var bankCode = await fixture.CreditCodeAsync(ApplicationsFixture.BankName);
        var ours = await MortgagedHomeAsync();
        var theirs = await MortgagedHomeAsync(OtherBankName);
        var mortgage = Assert.Single(await MortgageCertificatesAsync(ours.UnitCode));
        var buyer = Buyer("林通知");
        var buyerId = buyer.IdNumber;

        var number = await TransferAsync(ours, buyer);
        await TransferAsync(theirs, Buyer("林另行"));

        var notice = Assert.Single(NoticesOf(await FeedAsync(fixture.Bank), ours.UnitCode));
        var data = notice.GetProperty("data");
        var title = await fixture.ReadAsync(db => db.Rights.AsNoTracking()
            .SingleAsync(r => r.Unit!.UnitCode == ours.UnitCode && r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership, Ct));
        var entry = await fixture.ReadAsync(db => db.RegisterEntries.AsNoTracking().SingleAsync(e => e.RightId == title.Id && e.Kind == RegisterEntryKind.RightRegistered, Ct));
        Assert.Equal(number, notice.GetProperty("businessNumber").GetString());
        Assert.Equal((mortgage, title.CertificateNumber, "SOLE"),
            (data.GetProperty("mortgageCertificateNumber").GetString(), data.GetProperty("certificateNumber").GetString(), data.GetProperty("coOwnership").GetString()));
        Assert.Equal((entry.Sequence, entry.Hash),
            (data.GetProperty("registerEntry").GetProperty("sequence").GetInt32(), data.GetProperty("registerEntry").GetProperty("hash").GetString()));
        // The new owner as a bank sees them in property: the family name and the ends of the ID number.
        var owner = Assert.Single(data.GetProperty("newOwners").EnumerateArray());
        Assert.Equal(("PERSON", "林**", buyerId[..4] + new string('*', 10) + buyerId[^4..], true),
            (owner.GetProperty("kind").GetString(), owner.GetProperty("name").GetString(), owner.GetProperty("idNumber").GetString(), owner.GetProperty("masked").GetBoolean()));
        Assert.DoesNotContain(buyer.Name, data.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(buyerId, data.GetRawText(), StringComparison.Ordinal);
        // The same event over GraphQL, from the notice's predecessor's cursor.
        var bankFeed = await FeedAsync(fixture.Bank);
        var before = bankFeed[bankFeed.FindIndex(e => e.GetProperty("id").GetString() == notice.GetProperty("id").GetString()) - 1].GetProperty("cursor").GetString();
        var graph = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(
            "query($after: String) { events(after: $after, first: 1) { events { id type unitCode data } } }", new { after = before }));
        var graphEvent = graph.GetProperty("data").GetProperty("events").GetProperty("events")[0];
        Assert.Equal((notice.GetProperty("id").GetString(), Notice), (graphEvent.GetProperty("id").GetString(), graphEvent.GetProperty("type").GetString()));
        Assert.Equal(mortgage, JsonDocument.Parse(graphEvent.GetProperty("data").GetString()!).RootElement.GetProperty("mortgageCertificateNumber").GetString());

        // Stored for the mortgagee of record alone: not the sellers, not the buyer, not the agency that filed it.
        var id = long.Parse(notice.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["org:" + bankCode], await fixture.ReadAsync(db => db.OutboxRecipients.Where(r => r.EventId == id).Select(r => r.Recipient).ToListAsync(Ct)));
        // Each bank hears of its own mortgaged unit only.
        var otherFeed = await FeedAsync(otherBank);
        Assert.Empty(NoticesOf(otherFeed, ours.UnitCode));
        Assert.Equal(theirs.UnitCode, Assert.Single(otherFeed, e => e.GetProperty("type").GetString() == Notice).GetProperty("unitCode").GetString());
        Assert.Empty(NoticesOf(await FeedAsync(fixture.Bank), theirs.UnitCode));
        Assert.Empty(NoticesOf(await FeedAsync(fixture.Agency), ours.UnitCode));
        Assert.NotEqual(bankCode, otherCode);
    }

    [Fact]
    public async Task A_transfer_of_a_unit_without_a_mortgage_tells_no_mortgagee()
    {
        var unit = await fixture.FreeHouseAsync();

        await TransferAsync(unit, Buyer("林无押"));

        var types = await StoredTypesAsync(unit.UnitCode);
        Assert.Contains("unit.transferred", types);
        Assert.DoesNotContain(Notice, types);
    }

    [Fact]
    public async Task A_court_ordered_transfer_tells_the_mortgagee_whose_mortgage_stays_and_not_when_the_ruling_ends_it()
    {
        var stays = await fixture.MortgagedHouseAsync();
        var ends = await fixture.MortgagedHouseAsync();
        var mortgage = Assert.Single(await MortgageCertificatesAsync(stays.UnitCode));

        var bidder = Buyer("林竞买");
        await CourtTransferAsync(stays, "(2026)粤1202执通1号", bidder, mortgagesEnded: false);
        await CourtTransferAsync(ends, "(2026)粤1202执通2号", Buyer("林竞买二"), mortgagesEnded: true);

        var feed = await FeedAsync(fixture.Bank);
        Assert.Equal(mortgage, Assert.Single(NoticesOf(feed, stays.UnitCode)).GetProperty("data").GetProperty("mortgageCertificateNumber").GetString());
        Assert.Empty(NoticesOf(feed, ends.UnitCode));
        // The mortgage the ruling left stays on the unit, with the court's buyer as its obligor.
        Assert.Equal([bidder.IdNumber], await ObligorsAsync(mortgage));
        var ended = await StoredTypesAsync(ends.UnitCode);
        Assert.Contains("unit.mortgageCancelled", ended);
        Assert.DoesNotContain(Notice, ended);
    }

    [Fact]
    public async Task A_transfer_with_its_mortgage_cancelled_tells_no_one_of_a_staying_mortgage()
    {
        var unit = await MortgagedHomeAsync();
        var old = Assert.Single(await MortgageCertificatesAsync(unit.UnitCode));

        await MortgagedTransferAsync(unit, old, Buyer("林带押"));

        // The old mortgage ended and the buyer's new one is the bank's own application: neither is a mortgage that stays.
        var types = await StoredTypesAsync(unit.UnitCode);
        Assert.Contains("unit.transferred", types);
        Assert.Contains("unit.mortgageCancelled", types);
        Assert.DoesNotContain(Notice, types);
    }

    [Fact]
    public async Task A_transfer_with_one_mortgage_cancelled_tells_the_mortgagee_of_a_second_one_that_stays()
    {
        var unit = await MortgagedHomeAsync();
        var old = Assert.Single(await MortgageCertificatesAsync(unit.UnitCode));
        var second = await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.MortgageAsync(fixture.Bank, unit));
        await fixture.RecordedAsync(second.GetProperty("businessNumber").GetString()!);
        var staying = Assert.Single(await MortgageCertificatesAsync(unit.UnitCode), c => c != old);

        var buyer = Buyer("林二押");
        await MortgagedTransferAsync(unit, old, buyer);

        // The second mortgage stays, with the buyer as its obligor, like the buyer's new one.
        Assert.Equal([buyer.IdNumber], await ObligorsAsync(staying));
        var notice = Assert.Single(NoticesOf(await FeedAsync(fixture.Bank), unit.UnitCode));
        Assert.Equal(staying, notice.GetProperty("data").GetProperty("mortgageCertificateNumber").GetString());
        Assert.Equal(2, (await MortgageCertificatesAsync(unit.UnitCode)).Count);
    }
}
