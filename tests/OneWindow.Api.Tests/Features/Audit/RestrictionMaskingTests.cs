using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Data.Seeding;
using OneWindow.Api.Tests.Features.Applications;
using OneWindow.Api.Tests.Features.Properties;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Privacy;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Audit;

/// <summary>Its own host and database: the tests of <see cref="RestrictionMaskingTests"/> register restrictions.</summary>
public sealed class RestrictionMaskingFixture(RegistryFixture registry) : PersonalDataFixture(registry);

/// <summary>
/// People named by restrictions — an advance notice's buyers, an objector — are personal data like holders: masked in
/// authority and notes for a partner (the demo bank, <see cref="AppFixture.Client"/>) on every surface and after the
/// cache, shown to staff and to the person themself with an audit record. Each test uses units no other test reads.
/// </summary>
public sealed class RestrictionMaskingTests(RestrictionMaskingFixture fixture) : IClassFixture<RestrictionMaskingFixture>
{
    private const string RestrictionQuery = """
        query($c: String!) {
          property(unitCode: $c) { id rights { holders { name idNumber } } restrictions { id kind authority notes masked } }
          restrictionStatus(unitCode: $c) { reasons { message } restrictions { authority notes masked } }
        }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Named(string UnitCode, RestrictionKind Kind, string Name, string IdNumber);

    /// <summary>A seeded unit whose only restriction in force is one of <paramref name="kind"/> in a person's favour.</summary>
    private async Task<Named> SeededAsync(RestrictionKind kind, int skip)
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.Restrictions
            .Where(r => r.Kind == kind && r.Status == RestrictionStatus.Active && r.BeneficiaryParty!.Kind == PartyKind.Person)
            .Where(r => r.EndsOn == null || r.EndsOn > new DateOnly(2025, 12, 31))
            // Seeded (the demo region ends on 2025-10-31), not one another test of the class registered today.
            .Where(r => r.StartsOn < new DateOnly(2025, 11, 1))
            .Where(r => !db.Restrictions.Any(o => o.UnitId == r.UnitId && o.Status == RestrictionStatus.Active && o.Id != r.Id))
            .OrderBy(r => r.UnitId).Skip(skip)
            .Select(r => new Named(r.Unit!.UnitCode, r.Kind, r.BeneficiaryParty!.Name, r.BeneficiaryParty.IdNumber))
            .FirstAsync(Ct);
    }

    private async Task<List<AuditRecord>> AuditOfAsync(string unitCode)
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.AuditRecords.Where(r => r.Subject == "unit:" + unitCode).OrderBy(r => r.Id).ToListAsync(Ct);
    }

    /// <summary>Every answer about the unit a caller can ask for, as raw bodies: REST unit, REST verdict, GraphQL.</summary>
    private static async Task<string[]> ReadAllAsync(HttpClient client, string unitCode) =>
    [
        await BodyAsync(await client.GetAsync($"/api/v1/properties/{unitCode}", Ct)),
        await BodyAsync(await client.GetAsync($"/api/v1/properties/{unitCode}/restrictions", Ct)),
        await BodyAsync(await client.PostGraphQLAsync(RestrictionQuery, new { c = unitCode })),
    ];

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("\"errors\"", body);
        return body;
    }

    private static JsonElement RestRestriction(string body) => Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("restrictions").EnumerateArray());

    private static void AssertMaskedEverywhere(string[] bodies, params string[] secrets)
    {
        foreach (var body in bodies)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, body);
            }
        }
    }

    [Fact]
    public async Task Bank_sees_an_advance_notice_holder_masked_on_every_surface_and_is_not_audited()
    {
        var notice = await SeededAsync(RestrictionKind.AdvanceNotice, skip: 0);

        var bodies = await ReadAllAsync(fixture.Client, notice.UnitCode);

        AssertMaskedEverywhere(bodies, notice.Name, notice.IdNumber);
        var restriction = RestRestriction(bodies[0]);
        Assert.Equal(PersonalDataMasking.MaskName(notice.Name), restriction.GetProperty("authority").GetString());
        Assert.True(restriction.GetProperty("masked").GetBoolean());
        Assert.True(RestRestriction(bodies[1]).GetProperty("masked").GetBoolean());
        var graph = JsonDocument.Parse(bodies[2]).RootElement.GetProperty("data");
        Assert.True(Assert.Single(graph.GetProperty("property").GetProperty("restrictions").EnumerateArray()).GetProperty("masked").GetBoolean());
        Assert.True(Assert.Single(graph.GetProperty("restrictionStatus").GetProperty("restrictions").EnumerateArray()).GetProperty("masked").GetBoolean());
        var node = await BodyAsync(await fixture.Client.PostGraphQLAsync(
            "query($id: ID!) { node(id: $id) { ... on Restriction { authority notes masked } } }", new { id = restriction.GetProperty("id").GetString() }));
        Assert.Contains(PersonalDataMasking.MaskName(notice.Name), node);
        AssertMaskedEverywhere([node], notice.Name, notice.IdNumber);
        Assert.Empty(await AuditOfAsync(notice.UnitCode));
    }

    [Fact]
    public async Task Staff_see_an_objector_unmasked_and_every_answer_is_audited()
    {
        var objection = await SeededAsync(RestrictionKind.Objection, skip: 0);

        var bodies = await ReadAllAsync(fixture.Staff, objection.UnitCode);

        var restriction = RestRestriction(bodies[0]);
        Assert.Equal((objection.Name, false), (restriction.GetProperty("authority").GetString(), restriction.GetProperty("masked").GetBoolean()));
        Assert.Equal(objection.Name, RestRestriction(bodies[1]).GetProperty("authority").GetString());
        Assert.Contains(objection.Name, bodies[2]);
        // One record per answer: the unit, the verdict, and the GraphQL request that asked for both.
        var audit = await AuditOfAsync(objection.UnitCode);
        Assert.Equal(3, audit.Count);
        Assert.All(audit, r => Assert.Equal(("demo-staff", "staff"), (r.Caller, r.CallerKind)));
        Assert.Equal("holders.name,holders.idNumber,restrictions.authority,restrictions.notes", audit[0].Fields);
        Assert.Equal("restrictions.authority,restrictions.notes", audit[1].Fields);
        Assert.Equal(audit[0].Fields.Split(',').Order(), audit[2].Fields.Split(',').Order());
    }

    [Fact]
    public async Task A_read_by_staff_first_leaves_the_cached_unit_masked_for_the_bank()
    {
        var notice = await SeededAsync(RestrictionKind.AdvanceNotice, skip: 1);

        var staff = await ReadAllAsync(fixture.Staff, notice.UnitCode);
        var bank = await ReadAllAsync(fixture.Client, notice.UnitCode);
        var staffAgain = await ReadAllAsync(fixture.Staff, notice.UnitCode);

        Assert.All(staff.Concat(staffAgain), body => Assert.Contains(notice.Name, body));
        AssertMaskedEverywhere(bank, notice.Name, notice.IdNumber);
        Assert.Equal(6, (await AuditOfAsync(notice.UnitCode)).Count);
    }

    [Fact]
    public async Task Objector_finds_and_sees_their_own_objection_unmasked_with_an_audit_record_and_the_bank_sees_neither_name_nor_ID_in_its_notes()
    {
        await using var db = fixture.App.CreateDbContext();
        var unitCode = await PropertyUnits.CleanAsync(db, skip: 7);
        var citizen = DemoRegion.Citizen;
        // The citizen files the objection; deemed accepted, a registrar enters it (an objection is never entered on
        // anyone's word alone).
        var done = await fixture.Citizen.SubmittedAsync("objections", new
        {
            unitCode,
            objector = new { kind = "PERSON", name = citizen.Name, idNumber = citizen.IdNumber },
            matter = $"异议人{citizen.Name}（身份证号{citizen.IdNumber}）主张该房屋为其所有",
            materials = await ApplicationCalls.RequiredMaterialsAsync(fixture.Citizen, BusinessType.Objection),
        });
        Assert.Equal("ACCEPTED", done.GetProperty("status").GetString());
        foreach (var step in new[] { "start-review", "record" })
        {
            await fixture.Staff.SteppedAsync(done.GetProperty("businessNumber").GetString()!, step);
        }

        var own = await ReadAllAsync(fixture.Citizen, unitCode);
        var bank = await ReadAllAsync(fixture.Client, unitCode);

        var mine = RestRestriction(own[0]);
        Assert.Equal((citizen.Name, false), (mine.GetProperty("authority").GetString(), mine.GetProperty("masked").GetBoolean()));
        Assert.Contains(citizen.IdNumber, mine.GetProperty("notes").GetString());
        Assert.All(JsonDocument.Parse(own[0]).RootElement.GetProperty("rights")[0].GetProperty("holders").EnumerateArray(),
            h => Assert.True(h.GetProperty("masked").GetBoolean()));
        var audit = await AuditOfAsync(unitCode);
        Assert.Equal(3, audit.Count);
        Assert.All(audit, r => Assert.Equal(("demo-citizen", "citizen", "restrictions.authority,restrictions.notes"), (r.Caller, r.CallerKind, r.Fields)));
        var search = await Json.ReadAsync(await fixture.Citizen.GetAsync($"/api/v1/properties?location={Uri.EscapeDataString("肇庆市")}&limit=100", Ct));
        Assert.Contains(unitCode, search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("unitCode").GetString()));
        AssertMaskedEverywhere(bank, citizen.Name, citizen.IdNumber);
        Assert.Equal(
            $"异议事项：异议人{PersonalDataMasking.MaskName(citizen.Name)}（身份证号{PersonalDataMasking.MaskIdNumber(citizen.IdNumber)}）主张该房屋为其所有",
            RestRestriction(bank[0]).GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Every_buyer_of_an_advance_notice_is_masked_in_authority_and_notes()
    {
        await using var db = fixture.App.CreateDbContext();
        var unitCode = await PropertyUnits.CleanAsync(db, skip: 8);
        var first = new Party { Kind = PartyKind.Person, Name = "欧阳晓明", IdType = IdentityDocumentType.ResidentId, IdNumber = ResidentIdNumber.Create("441202", new DateOnly(1990, 1, 2), 33).ToString() };
        const string second = "陈小红";
        const string company = "肇庆市测试贸易有限公司";
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await using var change = await scope.ServiceProvider.GetRequiredService<RegisterWriter>().BeginAsync(Ct);
            var unit = (await change.UnitAsync(unitCode, Ct))!;
            change.AddRestriction(unit, new Restriction
            {
                Kind = RestrictionKind.AdvanceNotice,
                Authority = $"{first.Name}、{second}、{company}",
                BeneficiaryParty = first,
                DocumentNumber = "粤(2025)肇庆市不动产证明第0999999号",
                StartsOn = new DateOnly(2025, 11, 20),
                Notes = $"买受人{first.Name}、{second}（{first.IdNumber}）与{company}共同购买",
            });
            await change.CommitAsync(Ct);
        }

        var bank = await ReadAllAsync(fixture.Client, unitCode);

        AssertMaskedEverywhere(bank, first.Name, second, first.IdNumber);
        var restriction = RestRestriction(bank[0]);
        // A co-buyer the restriction does not link is taken for a person, even an organisation: masked rather than shown.
        var maskedCompany = PersonalDataMasking.MaskName(company);
        Assert.Equal($"欧***、陈**、{maskedCompany}", restriction.GetProperty("authority").GetString());
        Assert.Equal($"买受人欧***、陈**（{PersonalDataMasking.MaskIdNumber(first.IdNumber)}）与{maskedCompany}共同购买", restriction.GetProperty("notes").GetString());
        Assert.Empty(await AuditOfAsync(unitCode));
    }

    [Fact]
    public async Task A_mortgage_s_notes_naming_its_mortgagor_are_masked_for_a_bank_in_the_right_and_the_restriction()
    {
        await using var db = fixture.App.CreateDbContext();
        var owned = await db.RightHolders
            .Where(h => h.Role == HolderRole.Holder && h.Party!.Kind == PartyKind.Person && h.Right!.Status == RightStatus.Active
                && h.Right.Kind == RightKind.LandUseAndHouseOwnership && h.Right.CoOwnership == CoOwnership.Sole
                && !db.Restrictions.Any(r => r.UnitId == h.Right.UnitId && r.Status == RestrictionStatus.Active))
            .OrderBy(h => h.Right!.UnitId).Skip(9)
            .Select(h => new { h.Right!.Unit!.UnitCode, h.PartyId, h.Party!.Name, h.Party.IdNumber })
            .FirstAsync(Ct);
        var bank = await db.Parties.Where(p => p.Kind == PartyKind.Organisation && p.Name.Contains("银行")).OrderBy(p => p.Id).FirstAsync(Ct);
        var notes = $"抵押人{owned.Name}（身份证号{owned.IdNumber}）以该房屋担保借款";
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await using var change = await scope.ServiceProvider.GetRequiredService<RegisterWriter>().BeginAsync(Ct);
            var unit = (await change.UnitAsync(owned.UnitCode, Ct))!;
            var mortgage = new Right
            {
                Kind = RightKind.Mortgage,
                MortgageKind = MortgageKind.General,
                CertificateNumber = "粤(2025)肇庆市不动产证明第0999998号",
                SecuredAmountFen = 50_000_000,
                TermStart = new DateOnly(2025, 11, 20),
                TermEnd = new DateOnly(2045, 11, 19),
                Nature = "一般抵押",
                Notes = notes,
                Holders = [new RightHolder { PartyId = bank.Id, Role = HolderRole.Holder, Position = 0 }, new RightHolder { PartyId = owned.PartyId, Role = HolderRole.Obligor, Position = 1 }],
            };
            change.AddRight(unit, mortgage);
            change.AddRestriction(unit, new Restriction
            {
                Kind = RestrictionKind.Mortgage,
                Authority = bank.Name,
                DocumentNumber = mortgage.CertificateNumber,
                Right = mortgage,
                StartsOn = new DateOnly(2025, 11, 20),
                EndsOn = new DateOnly(2045, 11, 19),
                Notes = notes,
            });
            await change.CommitAsync(Ct);
        }

        var asBank = await ReadAllAsync(fixture.Client, owned.UnitCode);
        var asStaff = await ReadAllAsync(fixture.Staff, owned.UnitCode);

        AssertMaskedEverywhere(asBank, owned.Name, owned.IdNumber);
        var masked = $"抵押人{PersonalDataMasking.MaskName(owned.Name)}（身份证号{PersonalDataMasking.MaskIdNumber(owned.IdNumber)}）以该房屋担保借款";
        var property = JsonDocument.Parse(asBank[0]).RootElement;
        Assert.Equal(masked, property.GetProperty("rights").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "MORTGAGE").GetProperty("notes").GetString());
        var restriction = RestRestriction(asBank[0]);
        Assert.Equal((bank.Name, masked, true), (restriction.GetProperty("authority").GetString(), restriction.GetProperty("notes").GetString(), restriction.GetProperty("masked").GetBoolean()));
        Assert.Equal(notes, RestRestriction(asStaff[0]).GetProperty("notes").GetString());
        var audit = await AuditOfAsync(owned.UnitCode);
        Assert.Equal(3, audit.Count);
        Assert.Equal("holders.name,holders.idNumber,rights.notes,restrictions.authority,restrictions.notes", audit[0].Fields);
    }
}
