using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Materials;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// A host with a client per actor of the workflow: the demo bank (<see cref="AppFixture.Client"/>), developer, agency
/// and court, registry staff and the demo citizen (signed in), and no token. Scenarios pick units from the demo region
/// by what the register says about them, each unit at most once per class, so the tests of a class never meet.
/// </summary>
public class ApplicationsFixture(RegistryFixture registry) : AppFixture(registry)
{
    private readonly HashSet<string> _taken = [];

    public HttpClient Bank => Client;
    public HttpClient Developer { get; private set; } = null!;
    public HttpClient Agency { get; private set; } = null!;
    public HttpClient Court { get; private set; } = null!;
    public HttpClient Staff { get; private set; } = null!;
    public HttpClient Citizen { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

    public const string BankName = "肇庆示范商业银行股份有限公司端州支行";
    public const string CourtName = "肇庆市端州区人民法院";
    public const string DeveloperName = "肇庆示范置业有限公司";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Developer = await App.CreateClientAsync("demo-developer");
        Agency = await App.CreateClientAsync("demo-agency");
        Court = await App.CreateClientAsync("demo-court");
        Staff = await PersonSignIn.ClientAsync(App, "demo-staff");
        Citizen = await PersonSignIn.ClientAsync(App, "demo-citizen");
        Operator = await PersonSignIn.ClientAsync(App, "demo-operator");
        Anonymous = App.CreateClient();
        // The demo bank's branches check mortgagors in person: an operator approves it as an authorised channel, so its
        // mortgages that declare AUTHORISED_CHANNEL need no online confirmation (the tests of consent leave it out).
        var partnerId = await ReadAsync(db => db.Partners.Where(p => p.Name == BankName).Select(p => p.Id).SingleAsync());
        var granted = await Operator.PutAsync($"/api/v1/admin/partners/{partnerId}/authorised-channel",
            JsonContent.Create(new { authorised = true, note = "面签核验协议（测试）" }), TestContext.Current.CancellationToken);
        Assert.True(granted.IsSuccessStatusCode, await granted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// An organisation of the register (by its name of record) signs up as a partner under <paramref name="signUpName"/>
    /// with its credit code of record, is approved and gets a client: that client signed in, and the credit code.
    /// </summary>
    public async Task<(HttpClient Client, string CreditCode)> PartnerOfRecordAsync(
        string nameOfRecord, string signUpName, string kind, string contactName, string contactPhone, string contactEmail)
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await ReadAsync(db => db.Parties.Where(p => p.Name == nameOfRecord).Select(p => p.IdNumber).FirstAsync(ct));
        var signedUp = await Json.ReadAsync(await Anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", new
        {
            name = signUpName, creditCode = code, kind, contactName, contactPhone, contactEmail,
        }, ct));
        var partnerId = signedUp.GetProperty("id").GetInt64();
        await Json.ReadAsync(await Operator.PostAsJsonAsync($"/api/v1/admin/partners/{partnerId}/approve", new { note = "测试" }, ct));
        var client = await Json.ReadAsync(await Operator.PostAsync($"/api/v1/admin/partners/{partnerId}/clients", null, ct));
        var http = App.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await App.TokenAsync(client.GetProperty("client").GetProperty("clientId").GetString()!, secret: client.GetProperty("clientSecret").GetString()!));
        return (http, code);
    }

    public async Task<string> CreditCodeAsync(string partnerName)
    {
        await using var db = App.CreateDbContext();
        return await db.Partners.Where(p => p.Name == partnerName).Select(p => p.CreditCode).SingleAsync();
    }

    /// <summary>
    /// A unit no other test of the class has taken, chosen by <paramref name="query"/> (ordered, deterministic); with
    /// <paramref name="exclusive"/> false, the first match even if taken (for reads that do not change it).
    /// </summary>
    public async Task<RealEstateUnit> TakeUnitAsync(Func<IQueryable<RealEstateUnit>, IQueryable<RealEstateUnit>> query, bool exclusive = true)
    {
        await using var db = App.CreateDbContext();
        var candidates = await query(db.Units.AsNoTracking()).OrderBy(u => u.UnitCode).Take(200).ToListAsync();
        lock (_taken)
        {
            var unit = exclusive ? candidates.FirstOrDefault(u => !_taken.Contains(u.UnitCode)) : candidates.FirstOrDefault();
            Assert.True(unit is not null, "the demo region has no unit left for this scenario");
            _taken.Add(unit.UnitCode);
            return unit;
        }
    }

    /// <summary>A house with one ownership right in force held by <paramref name="holders"/> people or organisations, and no restriction.</summary>
    public Task<RealEstateUnit> FreeHouseAsync(int holders = 1, PartyKind kind = PartyKind.Person) =>
        TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership
                && r.Holders.Count == holders && r.Holders.All(h => h.Party!.Kind == kind))
            && !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active)));

    /// <summary>A house mortgaged (in force) to <paramref name="bank"/>, not seized.</summary>
    public Task<RealEstateUnit> MortgagedHouseAsync(string bank = BankName) =>
        TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
            && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Mortgage && r.Authority == bank)));

    public Task<RealEstateUnit> SeizedHouseAsync(string court = CourtName) =>
        TakeUnitAsync(units => units.Where(u => u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Seizure && r.Authority == court)));

    /// <summary>
    /// A parcel's land unit under construction whose land use right the demo developer holds, not seized. The demo
    /// region has one: tests share it when they build different buildings on it.
    /// </summary>
    public Task<RealEstateUnit> DevelopersLandAsync(bool exclusive = false) =>
        TakeUnitAsync(exclusive: exclusive, query: units => units.Where(u => u.Kind == UnitKind.Land
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUse && r.Holders.Any(h => h.Party!.Name == DeveloperName))
            && !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Seizure)));

    /// <summary>A pre-sale unit (no ownership yet) on the developer's land, without an advance notice.</summary>
    public Task<RealEstateUnit> PresaleUnitAsync() =>
        TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
            && !u.Rights.Any(r => r.Status == RightStatus.Active)
            && !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active)));

    /// <summary>The parties of the unit's right in force of <paramref name="kind"/>, with their role.</summary>
    public async Task<IReadOnlyList<(HolderRole Role, Party Party)>> HoldersAsync(string unitCode, RightKind kind = RightKind.LandUseAndHouseOwnership)
    {
        await using var db = App.CreateDbContext();
        return (await db.RightHolders.AsNoTracking()
                .Where(h => h.Right!.Unit!.UnitCode == unitCode && h.Right.Status == RightStatus.Active && h.Right.Kind == kind)
                .OrderBy(h => h.Position)
                .Select(h => new { h.Role, h.Party })
                .ToListAsync())
            .Select(h => (h.Role, h.Party!)).ToList();
    }

    public async Task<T> ReadAsync<T>(Func<RegistryDbContext, Task<T>> read)
    {
        await using var db = App.CreateDbContext();
        return await read(db);
    }

    public Task<object[]> UploadAsync(HttpClient client, params string[] codes) => ApplicationCalls.UploadAsync(client, codes);

    /// <summary>
    /// A general mortgage of <paramref name="unit"/> (a free house when null) by its owners to the demo bank, with the
    /// materials <paramref name="submitter"/> uploaded (or <paramref name="materials"/>), as a body to change and send.
    /// Sent by the demo bank it is filed in branch (AUTHORISED_CHANNEL with the in-person check), so the owners' consent
    /// is given; <see cref="OnlineMortgageAsync"/> leaves that out.
    /// </summary>
    public async Task<JsonObject> MortgageAsync(HttpClient submitter, RealEstateUnit? unit = null, object[]? materials = null, params string[] circumstances)
    {
        if (submitter == Bank && !circumstances.Contains(Circumstances.AuthorisedChannel))
        {
            circumstances = [.. circumstances, Circumstances.AuthorisedChannel];
            if (materials is not null)
            {
                materials = [.. materials, .. await UploadAsync(Bank, "IN_PERSON_CHECK")];
            }
        }
        unit ??= await FreeHouseAsync();
        var owners = (await HoldersAsync(unit.UnitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray();
        return JsonSerializer.SerializeToNode(new
        {
            mortgageKind = "GENERAL",
            unitCodes = new[] { unit.UnitCode },
            mortgagors = owners,
            mortgagee = ApplicationCalls.Organisation(BankName, await CreditCodeAsync(BankName)),
            securedAmountFen = 40_000_000L,
            debtStartsOn = "2025-11-20",
            debtEndsOn = "2035-11-19",
            circumstances,
            materials = materials ?? await RequiredMaterialsAsync(submitter, BusinessType.MortgageRegistrationGeneral, circumstances),
        })!.AsObject();
    }

    /// <summary>The demo bank's mortgage of <paramref name="unit"/> filed online: every mortgagor has to confirm it.</summary>
    public async Task<JsonObject> OnlineMortgageAsync(RealEstateUnit unit)
    {
        return await MortgageAsync(Anonymous, unit, await RequiredMaterialsAsync(Bank, BusinessType.MortgageRegistrationGeneral));
    }

    /// <summary>The demo bank submits <see cref="MortgageAsync"/> for a free house; returns the business number and the unit.</summary>
    public async Task<(string Number, string UnitCode)> BankMortgageAsync()
    {
        var body = await MortgageAsync(Bank);
        var submitted = await Bank.SubmittedAsync("mortgage-registrations", body);
        return (submitted.GetProperty("businessNumber").GetString()!, body["unitCodes"]![0]!.GetValue<string>());
    }

    /// <summary>
    /// Uploads, as <paramref name="client"/>, what the checklist requires; the agency files as agent, so its checklist
    /// always has the power of attorney and the agent's identity.
    /// </summary>
    public Task<object[]> RequiredMaterialsAsync(HttpClient client, BusinessType type, params string[] circumstances) =>
        ApplicationCalls.RequiredMaterialsAsync(client, type,
            client == Agency && !circumstances.Contains(Circumstances.AgentApplies) ? [.. circumstances, Circumstances.AgentApplies] : circumstances);

    /// <summary>
    /// The person with <paramref name="idNumber"/> signs in with their real-name account (created for them here, as
    /// they would register one) and confirms (or declines) the application; returns the answer.
    /// </summary>
    public async Task<HttpResponseMessage> AnswerAsPersonAsync(string businessNumber, string idNumber, string name, string step = "confirm")
    {
        using var client = await PersonClientAsync(idNumber, name);
        return await client.StepAsync(businessNumber, step);
    }

    /// <summary>A signed-in citizen with a real-name account for <paramref name="idNumber"/> (created when missing).</summary>
    public async Task<HttpClient> PersonClientAsync(string idNumber, string name)
    {
        var userName = "p" + idNumber;
        await using (var db = App.CreateDbContext())
        {
            if (!await db.People.AnyAsync(p => p.UserName == userName))
            {
                var person = new Person { UserName = userName, Kind = PersonKind.Citizen, Name = name, IdNumber = idNumber, PasswordHash = "", CreatedAt = DateTime.UtcNow };
                person.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<Person>().HashPassword(person, "demo-password");
                db.People.Add(person);
                await db.SaveChangesAsync();
            }
        }
        return await PersonSignIn.ClientAsync(App, userName);
    }

    /// <summary>Confirmed by every applicant, accepted where it is not yet, reviewed and entered in the register.</summary>
    /// <summary>
    /// The demo developer registers a one-floor building <paramref name="buildingNumber"/> of <paramref name="count"/>
    /// new homes on <paramref name="land"/> and a registrar enters it; returns the business number and the unit codes.
    /// </summary>
    public async Task<(string Number, string[] UnitCodes)> RecordedNewBuildingAsync(RealEstateUnit land, string buildingNumber, int count)
    {
        var codes = Enumerable.Range(1, count).Select(i => land.UnitCode[..19] + $"F{buildingNumber}01{i:D2}").ToArray();
        var submitted = await Developer.SubmittedAsync("first-registrations", new
        {
            landUnitCode = land.UnitCode,
            owner = ApplicationCalls.Organisation(DeveloperName, await CreditCodeAsync(DeveloperName)),
            building = new { number = buildingNumber, name = $"{int.Parse(buildingNumber, System.Globalization.CultureInfo.InvariantCulture)}幢", floors = 1 },
            units = codes.Select((code, i) => new { unitCode = code, location = $"测试{buildingNumber}幢{i + 1}号", floor = 1, roomNumber = $"10{i + 1}", area = 90m, use = "住宅" }).ToArray(),
            materials = await RequiredMaterialsAsync(Developer, BusinessType.FirstRegistration),
        });
        var number = submitted.GetProperty("businessNumber").GetString()!;
        await RecordedAsync(number);
        return (number, codes);
    }

    public async Task RecordedAsync(string number)
    {
        var application = await ConfirmedByEveryoneAsync(number);
        if (application.GetProperty("status").GetString() == "SUBMITTED")
        {
            await Staff.SteppedAsync(number, "accept");
        }
        await Staff.SteppedAsync(number, "start-review");
        var recorded = await Staff.SteppedAsync(number, "record");
        Assert.Equal("RECORDED", recorded.GetProperty("status").GetString());
    }

    /// <summary>Every applicant still to confirm does so with its own identity (people sign in; the demo bank and developer by their clients).</summary>
    public async Task<JsonElement> ConfirmedByEveryoneAsync(string businessNumber)
    {
        var application = await Json.ReadAsync(await Staff.GetAsync($"/api/v1/applications/{businessNumber}", TestContext.Current.CancellationToken));
        foreach (var applicant in application.GetProperty("applicants").EnumerateArray().Where(a => a.GetProperty("confirmation").GetString() == "PENDING"))
        {
            var idNumber = applicant.GetProperty("idNumber").GetString()!;
            var response = applicant.GetProperty("kind").GetString() == "PERSON"
                ? await AnswerAsPersonAsync(businessNumber, idNumber, applicant.GetProperty("name").GetString()!)
                : await (idNumber == await CreditCodeAsync(BankName) ? Bank : Developer).StepAsync(businessNumber, "confirm");
            application = await Json.ReadAsync(response);
        }
        return application;
    }
}

/// <summary>Calls of the applications API the tests share.</summary>
public static class ApplicationCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int _uploads;

    /// <summary>Uploads one small PDF per material <paramref name="codes"/> names, as <paramref name="client"/>; returns the references.</summary>
    public static async Task<object[]> UploadAsync(HttpClient client, params string[] codes)
    {
        var references = new List<object>();
        foreach (var code in codes)
        {
            var bytes = Encoding.ASCII.GetBytes($"%PDF-1.4\n% OneWindow test material {Interlocked.Increment(ref _uploads)} {code}\n%%EOF\n");
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", $"{code.ToLowerInvariant()}.pdf");
            form.Add(new StringContent(Convert.ToHexStringLower(SHA256.HashData(bytes))), "sha256");
            form.Add(new StringContent(code), "materialCode");
            var uploaded = await Json.ReadAsync(await client.PostAsync("/api/v1/materials", form, Ct));
            references.Add(new { materialId = uploaded.GetProperty("id").GetString(), code });
        }
        return [.. references];
    }

    /// <summary>Uploads every material the checklist requires for the type under the circumstances.</summary>
    public static Task<object[]> RequiredMaterialsAsync(HttpClient client, BusinessType type, params string[] circumstances)
    {
        var checklist = MaterialCatalogue.Default.Checklist(type, circumstances);
        Assert.True(checklist.Succeeded, checklist.Error?.Message);
        return UploadAsync(client, [.. checklist.Items.Where(i => i.Requirement == ResolvedRequirement.Required).Select(i => i.Code)]);
    }


    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string path, object body, string? key = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/applications/{path}") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return client.SendAsync(request, Ct);
    }

    /// <summary>Submits and expects 201; returns the application.</summary>
    public static async Task<JsonElement> SubmittedAsync(this HttpClient client, string path, object body, string? key = null)
    {
        var response = await client.SubmitAsync(path, body, key);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode == 201, $"expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Submits and expects 422 APPLICATION_INVALID; returns the (code, field, reason) of every error.</summary>
    public static async Task<List<(string Code, string? Field, string? Reason)>> RefusedAsync(this HttpClient client, string path, object body)
    {
        var problem = await Problem.AssertAsync(await client.SubmitAsync(path, body), 422, "APPLICATION_INVALID");
        return Errors(problem);
    }

    public static List<(string Code, string? Field, string? Reason)> Errors(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => (
            e.GetProperty("code").GetString()!,
            e.TryGetProperty("field", out var f) ? f.GetString() : null,
            e.TryGetProperty("reason", out var r) ? r.GetString() : null))];

    public static Task<HttpResponseMessage> StepAsync(this HttpClient client, string businessNumber, string step, string? reason = null, int? version = null) =>
        client.PostAsync($"/api/v1/applications/{businessNumber}/{step}", JsonContent.Create(new { reason, version }), Ct);

    /// <summary>补正 (staff): asks for <paramref name="items"/> (material code, MISSING or FAULTY), with a reason.</summary>
    public static Task<HttpResponseMessage> RequestCorrectionAsync(this HttpClient client, string businessNumber, string reason, params (string Code, string Defect)[] items) =>
        client.PostAsync($"/api/v1/applications/{businessNumber}/request-correction",
            JsonContent.Create(new { reason, items = items.Select(i => new { materialCode = i.Code, defect = i.Defect, note = $"{i.Code} 须补正" }) }), Ct);

    /// <summary>Takes the step and expects 200; returns the application.</summary>
    public static async Task<JsonElement> SteppedAsync(this HttpClient client, string businessNumber, string step, string? reason = null) =>
        await Json.ReadAsync(await client.StepAsync(businessNumber, step, reason));

    public static async Task<JsonElement> RestrictionsAsync(this HttpClient client, string unitCode) =>
        await Json.ReadAsync(await client.GetAsync($"/api/v1/properties/{unitCode}/restrictions", Ct));

    public static object Person(Party party) => new { kind = party.Kind == PartyKind.Person ? "PERSON" : "ORGANISATION", name = party.Name, idNumber = party.IdNumber };

    public static object Organisation(string name, string creditCode) => new { kind = "ORGANISATION", name, idNumber = creditCode };
}
