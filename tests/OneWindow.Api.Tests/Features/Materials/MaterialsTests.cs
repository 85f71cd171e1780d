using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Materials;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using static OneWindow.Api.Tests.Features.Materials.MaterialSteps;

namespace OneWindow.Api.Tests.Features.Materials;

/// <summary>A host whose uploads may be 32 KiB at most (so "too large" is cheap), with the cleanup off, and a client per caller.</summary>
public sealed class MaterialsFixture(RegistryFixture registry) : AppFixture(registry)
{
    public const int MaxFileBytes = 32 * 1024;

    private readonly Dictionary<string, HttpClient> _clients = [];

    public override async ValueTask InitializeAsync()
    {
        App = await RegistryApp.CreateAsync(Registry, GetType().Name, clock: DemoClock, settings: new Dictionary<string, string?>
        {
            ["Materials:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Materials:CleanupEnabled"] = "false",
        });
        Client = await App.CreateClientAsync("demo-bank");
        _clients["demo-bank"] = Client;
        _clients["anonymous"] = App.CreateClient();
        foreach (var client in new[] { "demo-agency", "demo-court", "demo-verifier" })
        {
            _clients[client] = await App.CreateClientAsync(client);
        }
        foreach (var person in new[] { "demo-staff", "demo-citizen" })
        {
            _clients[person] = await PersonSignIn.ClientAsync(App, person);
        }
    }

    /// <summary>An HTTP client sending the caller's token ("anonymous": none).</summary>
    public HttpClient ClientFor(string caller) => _clients[caller];
}

/// <summary>
/// Uploads (POST /api/v1/materials, multipart) and reads of materials on PostgreSQL: what is accepted, each refusal
/// with its code and nothing stored, who may read what, and bytes stored once per SHA-256.
/// </summary>
public sealed class MaterialsTests(MaterialsFixture fixture) : IClassFixture<MaterialsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Bank => fixture.Client;

    private async Task<(int Materials, int Contents)> CountsAsync()
    {
        await using var db = fixture.App.CreateDbContext();
        return (await db.Materials.CountAsync(Ct), await db.MaterialContents.CountAsync(Ct));
    }

    private async Task<string> UploadedIdAsync(HttpClient client, byte[] bytes, string contentType = "application/pdf", string fileName = "scan.pdf")
    {
        var response = await UploadAsync(client, bytes, contentType, fileName);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync(response)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Upload_of_a_PDF_answers_201_and_reads_back_with_its_bytes_and_headers()
    {
        var bytes = Pdf();

        var response = await UploadAsync(Bank, Form(bytes, "application/pdf", "抵押合同 2025.pdf", materialCode: "MORTGAGE_CONTRACT"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var id = body.GetProperty("id").GetString()!;
        Assert.Matches("^mat_[0-9a-f]{32}$", id);
        Assert.Equal($"/api/v1/materials/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("抵押合同 2025.pdf", body.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", body.GetProperty("contentType").GetString());
        Assert.Equal(bytes.Length, body.GetProperty("size").GetInt64());
        Assert.Equal(Sha256(bytes), body.GetProperty("sha256").GetString());
        Assert.Equal("MORTGAGE_CONTRACT", body.GetProperty("materialCode").GetString());
        Assert.Equal(AppFixture.DemoClock.GetUtcNow(), body.GetProperty("uploadedAt").GetDateTimeOffset());

        var metadata = await Json.ReadAsync(await Bank.GetAsync($"/api/v1/materials/{id}", Ct));
        Assert.Equal(body.GetRawText(), metadata.GetRawText());

        var content = await Bank.GetAsync($"/api/v1/materials/{id}/content", Ct);
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, content.Content.Headers.ContentLength);
        Assert.Equal("nosniff", Assert.Single(content.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal($"\"{Sha256(bytes)}\"", content.Headers.ETag?.Tag);
        var disposition = content.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("抵押合同 2025.pdf", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''%E6%8A%B5%E6%8A%BC%E5%90%88%E5%90%8C%202025.pdf", string.Join(";", content.Content.Headers.GetValues("Content-Disposition")));
    }

    [Fact]
    public async Task Upload_of_a_PNG_takes_an_upper_case_hash_and_keeps_only_the_file_name_of_a_path()
    {
        var bytes = Png();

        var response = await UploadAsync(Bank, Form(bytes, "image/png", @"C:\Users\clerk\Desktop\id-card.png", sha256: Sha256(bytes).ToUpperInvariant()));

        var body = await Json.ReadAsync(response);
        Assert.Equal("id-card.png", body.GetProperty("fileName").GetString());
        Assert.Equal(Sha256(bytes), body.GetProperty("sha256").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("materialCode").ValueKind);
        var content = await Bank.GetAsync($"/api/v1/materials/{body.GetProperty("id").GetString()}/content", Ct);
        Assert.Equal("image/png", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Upload_of_an_OFD_package_is_accepted()
    {
        byte[] ofd = [0x50, 0x4B, 0x03, 0x04, .. Encoding.ASCII.GetBytes("OFD.xml " + Guid.NewGuid())];

        var response = await UploadAsync(Bank, ofd, "application/ofd", "证明.ofd");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Checksum_mismatch_is_422_and_stores_nothing()
    {
        var before = await CountsAsync();
        var bytes = Pdf();

        var response = await UploadAsync(Bank, Form(bytes, "application/pdf", sha256: Sha256(Pdf())));

        var problem = await Problem.AssertAsync(response, 422, "MATERIAL_CHECKSUM_MISMATCH");
        Assert.Equal("sha256", problem.GetProperty("field").GetString());
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("application/pdf", "png")]
    [InlineData("image/png", "pdf")]
    [InlineData("image/jpeg", "pdf")]
    [InlineData("application/ofd", "pdf")]
    public async Task Bytes_that_are_not_of_the_declared_type_are_415_SIGNATURE(string declared, string actual)
    {
        var before = await CountsAsync();

        var response = await UploadAsync(Bank, actual == "png" ? Png() : Pdf(), declared);

        var problem = await Problem.AssertAsync(response, 415, "MATERIAL_TYPE_NOT_ALLOWED");
        Assert.Equal("SIGNATURE", problem.GetProperty("reason").GetString());
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    [InlineData("image/svg+xml")]
    public async Task Type_not_allowed_is_415_NOT_ALLOWED(string contentType)
    {
        var before = await CountsAsync();

        var response = await UploadAsync(Bank, Pdf(), contentType, "scan.pdf");

        var problem = await Problem.AssertAsync(response, 415, "MATERIAL_TYPE_NOT_ALLOWED");
        Assert.Equal("NOT_ALLOWED", problem.GetProperty("reason").GetString());
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData(MaterialsFixture.MaxFileBytes + 1)]
    // Past the body limit (file limit + 64 KiB for the form): refused from Content-Length, before anything is read.
    [InlineData(MaterialsFixture.MaxFileBytes + 200 * 1024)]
    public async Task File_over_MaxFileBytes_is_413_and_stores_nothing(int size)
    {
        var before = await CountsAsync();

        var response = await UploadAsync(Bank, Padded(Pdf(), size));

        await Problem.AssertAsync(response, 413, "MATERIAL_TOO_LARGE");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task File_of_exactly_MaxFileBytes_is_accepted()
    {
        var response = await UploadAsync(Bank, Padded(Pdf(), MaterialsFixture.MaxFileBytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Body_that_is_not_multipart_is_400_MATERIAL_MULTIPART_REQUIRED()
    {
        var json = await Bank.PostAsJsonAsync("/api/v1/materials", new { file = "JVBERi0=", sha256 = Sha256(Pdf()) }, Ct);
        var urlEncoded = await Bank.PostAsync("/api/v1/materials", new FormUrlEncodedContent(new Dictionary<string, string> { ["sha256"] = Sha256(Pdf()) }), Ct);
        var broken = new ByteArrayContent(Encoding.ASCII.GetBytes("this is not a multipart body"));
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");
        var malformed = await Bank.PostAsync("/api/v1/materials", broken, Ct);

        await Problem.AssertAsync(json, 400, "MATERIAL_MULTIPART_REQUIRED");
        await Problem.AssertAsync(urlEncoded, 400, "MATERIAL_MULTIPART_REQUIRED");
        Assert.Equal("FORMAT", (await Problem.AssertAsync(malformed, 400, "MATERIAL_MULTIPART_REQUIRED")).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(null, "EMPTY")]
    [InlineData("", "EMPTY")]
    [InlineData("abc123", "LENGTH")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000", "CHARACTERS")]
    public async Task Missing_or_malformed_sha256_is_400_INVALID_MATERIAL_CHECKSUM(string? sha256, string reason)
    {
        var form = Form(Pdf(), "application/pdf", sha256: null);
        if (sha256 is not null)
        {
            form.Add(new StringContent(sha256), "sha256");
        }

        var problem = await Problem.AssertAsync(await UploadAsync(Bank, form), 400, "INVALID_MATERIAL_CHECKSUM");

        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal("sha256", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("id_card", "FORMAT")]
    [InlineData("1ID", "FORMAT")]
    [InlineData("ID-CARD", "FORMAT")]
    [InlineData("A1234567890123456789012345678901234567890123456789012345678901", "LENGTH")]
    public async Task Malformed_material_code_is_400_INVALID_MATERIAL_CODE(string code, string reason)
    {
        var problem = await Problem.AssertAsync(await UploadAsync(Bank, Form(Pdf(), "application/pdf", materialCode: code)), 400, "INVALID_MATERIAL_CODE");

        Assert.Equal(reason, problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Form_without_a_file_with_two_files_or_with_an_empty_file_is_400_with_its_code()
    {
        var noFile = new MultipartFormDataContent { { new StringContent(Sha256(Pdf())), "sha256" } };
        var otherName = new MultipartFormDataContent { { new ByteArrayContent(Pdf()), "document", "scan.pdf" }, { new StringContent(Sha256(Pdf())), "sha256" } };
        var two = Form(Pdf(), "application/pdf");
        two.Add(new ByteArrayContent(Pdf()), "file", "second.pdf");

        await Problem.AssertAsync(await UploadAsync(Bank, noFile), 400, "MATERIAL_FILE_REQUIRED");
        await Problem.AssertAsync(await UploadAsync(Bank, otherName), 400, "MATERIAL_FILE_REQUIRED");
        await Problem.AssertAsync(await UploadAsync(Bank, two), 400, "MATERIAL_TOO_MANY_FILES");
        await Problem.AssertAsync(await UploadAsync(Bank, []), 400, "MATERIAL_EMPTY");
    }

    [Fact]
    public async Task Same_bytes_uploaded_twice_are_stored_once_as_two_materials()
    {
        var bytes = Pdf();

        var first = await UploadedIdAsync(Bank, bytes, fileName: "first.pdf");
        var second = await UploadedIdAsync(fixture.ClientFor("demo-agency"), bytes, fileName: "second.pdf");

        Assert.NotEqual(first, second);
        await using var db = fixture.App.CreateDbContext();
        Assert.Equal(1, await db.MaterialContents.CountAsync(c => c.Sha256 == Sha256(bytes), Ct));
        Assert.Equal(2, await db.Materials.CountAsync(m => m.Sha256 == Sha256(bytes), Ct));
        // Each keeps its own name and owner.
        Assert.Equal(["first.pdf", "second.pdf"], await db.Materials.Where(m => m.Sha256 == Sha256(bytes)).OrderBy(m => m.Id).Select(m => m.FileName).ToListAsync(Ct));
    }

    [Fact]
    public async Task Concurrent_uploads_of_the_same_new_bytes_all_succeed_and_store_them_once()
    {
        var bytes = Png();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => UploadAsync(Bank, bytes, "image/png", $"copy-{i}.png")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await using var db = fixture.App.CreateDbContext();
        Assert.Equal(1, await db.MaterialContents.CountAsync(c => c.Sha256 == Sha256(bytes), Ct));
        Assert.Equal(6, await db.Materials.CountAsync(m => m.Sha256 == Sha256(bytes), Ct));
    }

    [Theory]
    [InlineData("demo-agency")]
    [InlineData("demo-court")]
    [InlineData("demo-citizen")]
    public async Task Another_caller_gets_404_for_the_banks_material_as_for_an_unknown_id(string caller)
    {
        var id = await UploadedIdAsync(Bank, Pdf());
        var other = fixture.ClientFor(caller);

        await Problem.AssertAsync(await other.GetAsync($"/api/v1/materials/{id}", Ct), 404, "MATERIAL_NOT_FOUND");
        await Problem.AssertAsync(await other.GetAsync($"/api/v1/materials/{id}/content", Ct), 404, "MATERIAL_NOT_FOUND");
        await Problem.AssertAsync(await Bank.GetAsync("/api/v1/materials/mat_00000000000000000000000000000000", Ct), 404, "MATERIAL_NOT_FOUND");
        await Problem.AssertAsync(await Bank.GetAsync("/api/v1/materials/not-an-id/content", Ct), 404, "MATERIAL_NOT_FOUND");
    }

    [Fact]
    public async Task Staff_read_any_material_and_its_bytes()
    {
        var bytes = Pdf();
        var id = await UploadedIdAsync(fixture.ClientFor("demo-court"), bytes, fileName: "查封裁定书.pdf");
        var staff = fixture.ClientFor("demo-staff");

        var metadata = await Json.ReadAsync(await staff.GetAsync($"/api/v1/materials/{id}", Ct));
        var content = await staff.GetAsync($"/api/v1/materials/{id}/content", Ct);

        Assert.Equal("查封裁定书.pdf", metadata.GetProperty("fileName").GetString());
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Content_answers_304_to_a_client_that_holds_the_same_bytes()
    {
        var bytes = Pdf();
        var id = await UploadedIdAsync(Bank, bytes);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/materials/{id}/content");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Sha256(bytes)}\""));

        var response = await Bank.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("demo-bank", 201, null)]
    [InlineData("demo-agency", 201, null)]
    [InlineData("demo-court", 201, null)]
    [InlineData("demo-citizen", 201, null)]
    [InlineData("demo-verifier", 403, "FORBIDDEN")]
    // Staff upload the materials of what they file themselves (依职权更正登记, decision 0022).
    [InlineData("demo-staff", 201, null)]
    [InlineData("anonymous", 401, "UNAUTHENTICATED")]
    public async Task Uploads_are_for_callers_with_applications_submit_seizures_submit_or_registry_staff(string caller, int status, string? code)
    {
        var before = await CountsAsync();

        var response = await UploadAsync(fixture.ClientFor(caller), Pdf());

        if (code is null)
        {
            Assert.Equal(status, (int)response.StatusCode);
            return;
        }
        await Problem.AssertAsync(response, status, code);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("demo-verifier", 403, "FORBIDDEN")]
    [InlineData("anonymous", 401, "UNAUTHENTICATED")]
    public async Task Reads_need_applications_read(string caller, int status, string code)
    {
        var id = await UploadedIdAsync(Bank, Pdf());

        await Problem.AssertAsync(await fixture.ClientFor(caller).GetAsync($"/api/v1/materials/{id}", Ct), status, code);
        await Problem.AssertAsync(await fixture.ClientFor(caller).GetAsync($"/api/v1/materials/{id}/content", Ct), status, code);
    }

    [Fact]
    public async Task Lookup_finds_the_owners_materials_and_reports_the_rest_as_missing()
    {
        var mine = await UploadedIdAsync(Bank, Pdf());
        var theirs = await UploadedIdAsync(fixture.ClientFor("demo-agency"), Pdf());
        await using var db = fixture.App.CreateDbContext();
        var owner = await db.Materials.Where(m => m.PublicId == mine).Select(m => m.OwnerKey).SingleAsync(Ct);

        var found = await MaterialLookup.FindOwnedAsync(db, owner, [mine, theirs, "mat_00000000000000000000000000000000", "nonsense", mine], Ct);

        Assert.Equal([mine], found.Owned.Keys);
        Assert.Equal(owner, found.Owned[mine].OwnerKey);
        Assert.Equal([theirs, "mat_00000000000000000000000000000000", "nonsense"], found.Missing);
        Assert.False(found.AllFound);
    }

    [Fact]
    public async Task Cleanup_deletes_old_unattached_uploads_and_unreferenced_bytes_and_keeps_the_rest()
    {
        var (oldBytes, sharedBytes, attachedBytes) = (Pdf(), Pdf(), Pdf());
        var old = await UploadedIdAsync(Bank, oldBytes);
        var oldSharing = await UploadedIdAsync(Bank, sharedBytes);
        var recentSharing = await UploadedIdAsync(fixture.ClientFor("demo-agency"), sharedBytes);
        var attached = await UploadedIdAsync(Bank, attachedBytes);
        var now = AppFixture.DemoClock.GetUtcNow().UtcDateTime;
        var longAgo = now.AddDays(-8);
        await using (var arrange = fixture.App.CreateDbContext())
        {
            await arrange.Materials.Where(m => m.PublicId == old || m.PublicId == oldSharing || m.PublicId == attached)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.UploadedAt, longAgo), Ct);
            string[] hashes = [Sha256(oldBytes), Sha256(sharedBytes), Sha256(attachedBytes)];
            await arrange.MaterialContents.Where(c => hashes.Contains(c.Sha256)).ExecuteUpdateAsync(s => s.SetProperty(c => c.StoredAt, longAgo), Ct);
            await AttachAsync(arrange, attached, longAgo);
        }
        await using var db = fixture.App.CreateDbContext();

        var first = await MaterialCleanup.RunOnceAsync(db, now, TimeSpan.FromDays(7), Ct);
        var second = await MaterialCleanup.RunOnceAsync(db, now, TimeSpan.FromDays(7), Ct);

        Assert.Equal(new MaterialCleanupResult(2, 1), first);
        Assert.Equal(new MaterialCleanupResult(0, 0), second);
        var left = await db.Materials.Where(m => new[] { old, oldSharing, recentSharing, attached }.Contains(m.PublicId)).Select(m => m.PublicId).ToListAsync(Ct);
        Assert.Equal(new[] { recentSharing, attached }.Order(), left.Order());
        Assert.False(await db.MaterialContents.AnyAsync(c => c.Sha256 == Sha256(oldBytes), Ct));
        Assert.True(await db.MaterialContents.AnyAsync(c => c.Sha256 == Sha256(sharedBytes), Ct));
        Assert.True(await db.MaterialContents.AnyAsync(c => c.Sha256 == Sha256(attachedBytes), Ct));
    }

    /// <summary>An application (as the applications feature will store it) with the material attached.</summary>
    private static async Task AttachAsync(Api.Data.RegistryDbContext db, string materialId, DateTime at)
    {
        var material = await db.Materials.SingleAsync(m => m.PublicId == materialId, Ct);
        db.Applications.Add(new RegistrationApplication
        {
            BusinessNumber = "T" + Guid.NewGuid().ToString("N")[..20],
            BusinessType = BusinessType.MortgageRegistrationGeneral,
            Status = ApplicationStatus.Submitted,
            SubmitterKey = material.OwnerKey,
            SubmittedBy = "demo-bank",
            Circumstances = "",
            Payload = "{}",
            Summary = "test",
            SubmittedAt = at,
            Materials = [new ApplicationMaterial { MaterialId = material.Id, MaterialCode = "MORTGAGE_CONTRACT", AttachedAt = at }],
        });
        await db.SaveChangesAsync(Ct);
    }

    private static byte[] Padded(byte[] start, int size) => [.. start, .. Enumerable.Repeat((byte)' ', size - start.Length)];
}
