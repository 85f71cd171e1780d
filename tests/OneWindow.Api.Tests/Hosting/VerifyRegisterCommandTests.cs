using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Hosting;

/// <summary>The built program's <c>verify-register</c> and <c>export-checkpoint</c> commands, run as an operator would.</summary>
public sealed class VerifyRegisterCommandTests(RegistryFixture fixture, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_register_passes_an_intact_register_and_names_a_unit_whose_holder_id_number_was_changed()
    {
        var database = await fixture.CreateDatabaseAsync(nameof(VerifyRegisterCommandTests));
        var connection = fixture.Postgres.ConnectionString(database);
        await using var db = fixture.CreateContext(database);
        await RegisterCheckpoints.TakeAsync(db, new DatabaseRegistryKeys(db, new EphemeralDataProtectionProvider(), TimeProvider.System), DateTime.UtcNow, Ct);
        var file = Path.Combine(Path.GetTempPath(), $"checkpoint-{Guid.NewGuid():N}.json");
        try
        {
            var (exported, exportText) = await RunAsync("export-checkpoint", "--connection", connection, "--out", file);
            Assert.True(exported == 0, exportText);

            var (intact, intactText) = await RunAsync("verify-register", "--connection", connection, "--checkpoint", file);
            output.WriteLine(intactText);
            Assert.True(intact == 0, intactText);
            Assert.Contains("the register is intact", intactText);

            var holder = await db.RightHolders.Where(h => h.Party!.IdType == Domain.Identifiers.IdentityDocumentType.ResidentId)
                .OrderBy(h => h.Id).Skip(77).Select(h => new { h.PartyId, h.Right!.Unit!.UnitCode }).FirstAsync(Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE parties SET id_number = '110101199003070011' WHERE id = {holder.PartyId}", Ct);

            var (tampered, tamperedText) = await RunAsync("verify-register", "--connection", connection);
            output.WriteLine(tamperedText);
            Assert.Equal(1, tampered);
            Assert.Contains($"{holder.UnitCode}  entry ", tamperedText);
            Assert.Contains("STATE_MISMATCH", tamperedText);
            var (one, oneText) = await RunAsync("verify-register", "--unit", holder.UnitCode, "--connection", connection);
            Assert.Equal(1, one);
            Assert.Contains("1 units checked", oneText);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__Registry"] = "", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        start.ArgumentList.Add(HostProcessTests.ProgramPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
