using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Register;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Tests.Features.Register;

public sealed class RegisterFixture(RegistryFixture registry) : AppFixture(registry)
{
    public HttpClient Staff { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Staff = await PersonSignIn.ClientAsync(App, "demo-staff");
    }
}

/// <summary>
/// Staff check the register and take, read and check signed checkpoints over REST and GraphQL. The tests share one
/// host and database: one alters a unit, and the others check only other units or look for that unit by name.
/// </summary>
public sealed class RegisterVerificationEndpointsTests(RegisterFixture fixture) : IClassFixture<RegisterFixture>
{
    private const string Intact = "441202001001GB00001F00010101";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_take_a_checkpoint_whose_export_verifies_offline_with_its_public_key()
    {
        var taken = await fixture.Staff.PostAsync("/api/v1/register/checkpoints", null, Ct);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var checkpoint = JsonSerializer.Deserialize<ExportedCheckpoint>(await taken.Content.ReadAsStringAsync(Ct), RegisterCommands.Json)!;

        Assert.True(CheckpointSignature.Verify(checkpoint.Payload, checkpoint.Signature, checkpoint.Algorithm, checkpoint.PublicKey));
        Assert.Equal(checkpoint.Root, CheckpointPayload.Parse(checkpoint.Payload)!.Root);
        var read = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/register/checkpoints/{checkpoint.Sequence}", Ct));
        Assert.Equal(checkpoint.Signature, read.GetProperty("signature").GetString());
        var latest = await Json.ReadAsync(await fixture.Staff.GetAsync("/api/v1/register/checkpoints/latest", Ct));
        Assert.True(latest.GetProperty("sequence").GetInt64() >= checkpoint.Sequence);
    }

    [Fact]
    public async Task Staff_verify_one_intact_unit_against_the_newest_checkpoint()
    {
        Assert.Equal(HttpStatusCode.Created, (await fixture.Staff.PostAsync("/api/v1/register/checkpoints", null, Ct)).StatusCode);

        var report = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/register/verification?unitCode={Intact}", Ct));

        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
        Assert.Equal(1, report.GetProperty("unitsChecked").GetInt64());
        Assert.True(report.GetProperty("checkpoint").GetProperty("signatureValid").GetBoolean());
    }

    [Fact]
    public async Task Unit_altered_in_the_database_is_named_by_REST_and_GraphQL()
    {
        await using (var db = fixture.App.CreateDbContext())
        {
            var unit = await db.Units.OrderBy(u => u.Id).Skip(321).Select(u => u.UnitCode).FirstAsync(Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE units SET use = '商业' WHERE unit_code = {unit}", Ct);
            var holder = await db.RightHolders.Where(h => h.Right!.Unit!.UnitCode != unit && h.Right!.Unit!.UnitCode != Intact)
                .OrderBy(h => h.Id).Skip(500).Select(h => new { h.PartyId, h.Right!.Unit!.UnitCode }).FirstAsync(Ct);

            var report = await Json.ReadAsync(await fixture.Staff.GetAsync("/api/v1/register/verification", Ct));
            Assert.False(report.GetProperty("intact").GetBoolean());
            Assert.Contains(unit, report.GetProperty("unitsNotMatching").EnumerateArray().Select(u => u.GetString()));

            const string query = "query($code: String) { verifyRegister(unitCode: $code) { intact unitsChecked unitsNotMatching problems { unitCode sequence code detail } } }";
            var answer = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(query, new { code = unit }));
            var verification = answer.GetProperty("data").GetProperty("verifyRegister");
            Assert.Equal([unit], verification.GetProperty("unitsNotMatching").EnumerateArray().Select(u => u.GetString()));
            Assert.Equal("STATE_MISMATCH", verification.GetProperty("problems")[0].GetProperty("code").GetString());

            await db.Database.ExecuteSqlAsync($"UPDATE parties SET name = name || '某' WHERE id = {holder.PartyId}", Ct);
            var byName = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(query, new { code = holder.UnitCode }));
            Assert.False(byName.GetProperty("data").GetProperty("verifyRegister").GetProperty("intact").GetBoolean());
        }
    }

    [Fact]
    public async Task Unit_entered_through_the_register_writer_records_its_attributes_and_hashed_holders_and_verifies()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var template = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.House).OrderBy(u => u.Id).FirstAsync(Ct);
        var idNumber = Domain.Identifiers.ResidentIdNumber.Create("441202", new DateOnly(1990, 6, 1), 777).ToString();
        var unit = new RealEstateUnit
        {
            UnitCode = template.UnitCode[..^8] + "99990101", ParcelId = template.ParcelId, Location = "肇庆市端州区测试路1号9999幢101房",
            Area = 88.5m, InteriorArea = 72.57m, Use = "住宅", Kind = UnitKind.House, Floor = 1, RoomNumber = "101",
        };
        var owner = new Party { Kind = PartyKind.Person, Name = "测试业主", IdType = IdentityDocumentType.ResidentId, IdNumber = idNumber };
        var right = new Right { Kind = RightKind.LandUseAndHouseOwnership, CoOwnership = CoOwnership.Sole, Holders = [new RightHolder { Party = owner, Role = HolderRole.Holder }] };

        await using (var change = await scope.ServiceProvider.GetRequiredService<RegisterWriter>().BeginAsync(Ct))
        {
            change.AddUnit(unit);
            change.AddRight(unit, right);
            await change.CommitAsync(Ct);
        }

        var entries = await db.RegisterEntries.AsNoTracking().Where(e => e.UnitId == unit.Id).OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Equal([RegisterEntryKind.UnitEntered, RegisterEntryKind.RightRegistered], entries.Select(e => e.Kind));
        Assert.Contains("\"area\":\"88.50\"", entries[0].Content);
        Assert.Contains(PartyIdentity.Sha256(idNumber), entries[1].Content);
        Assert.DoesNotContain(idNumber, entries[1].Content);
        Assert.DoesNotContain("测试业主", entries[1].Content);
        Assert.True((await RegisterVerification.RunAsync(db, unit.UnitCode, null, DateTime.UtcNow, Ct))!.Intact);

        await db.Database.ExecuteSqlAsync($"UPDATE units SET interior_area = 70 WHERE id = {unit.Id}", Ct);
        Assert.Equal([unit.UnitCode], (await RegisterVerification.RunAsync(db, unit.UnitCode, null, DateTime.UtcNow, Ct))!.UnitsNotMatching);
    }

    [Fact]
    public async Task Register_checks_are_for_staff_and_refuse_bad_codes()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Client.GetAsync("/api/v1/register/verification", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Client.PostAsync("/api/v1/register/checkpoints", null, Ct)).StatusCode);
        await Problem.AssertAsync(await fixture.Staff.GetAsync("/api/v1/register/verification?unitCode=12345", Ct), 400, "INVALID_UNIT_CODE");
        await Problem.AssertAsync(await fixture.Staff.GetAsync("/api/v1/register/verification?unitCode=441202999999GB99999F99999999", Ct), 404, "PROPERTY_NOT_FOUND");
        await Problem.AssertAsync(await fixture.Staff.GetAsync("/api/v1/register/checkpoints/999999", Ct), 404, "CHECKPOINT_NOT_FOUND");

        var refused = await fixture.Client.PostGraphQLAsync("{ verifyRegister { intact } }");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var answer = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("FORBIDDEN", answer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
