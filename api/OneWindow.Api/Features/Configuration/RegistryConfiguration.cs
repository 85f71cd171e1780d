using OneWindow.Domain.Calendar;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// The documents the platform operator edits without a release: the materials catalogue (资料配置) and the
/// working-day calendar. Every feature reads them here, never from the embedded defaults directly.
/// </summary>
/// <remarks>For now the shipped defaults; the operator's stored copies replace them in the configuration feature.</remarks>
public sealed class RegistryConfiguration
{
    public ValueTask<MaterialCatalogue> CatalogueAsync(CancellationToken cancellationToken) => ValueTask.FromResult(MaterialCatalogue.Default);

    public ValueTask<HolidayCalendar> CalendarAsync(CancellationToken cancellationToken) => ValueTask.FromResult(HolidayCalendar.Default);
}
