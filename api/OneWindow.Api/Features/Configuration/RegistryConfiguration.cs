using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// The documents the platform operator edits without a release: the materials catalogue (资料配置) and the
/// working-day calendar. Every feature reads them here, never from the embedded defaults directly.
/// </summary>
/// <remarks>
/// <para>
/// Each document is a row of <c>configuration_documents</c>; while there is none, the shipped default applies
/// (nothing is written at start). A stored document is parsed once per version and the parsed object kept.
/// </para>
/// <para>
/// How fast a change is seen: the instance that saved it at once (<see cref="Saved{T}"/>); the others when Redis
/// announces it (<see cref="ConfigurationChanges"/>), and in any case within
/// <see cref="ConfigurationOptions.RefreshInterval"/>, because each instance re-reads the row's version — one
/// single-column query by primary key — at most that often per document, on the first read after the interval.
/// </para>
/// <para>
/// A stored document that no longer parses (it was validated on save, so only a hand-edited row or an older
/// build's format) is logged as an error and the last good one (or the default) stays in use: reads never fail
/// because of it. Neither do they when the database cannot be reached for the version check.
/// </para>
/// </remarks>
public sealed class RegistryConfiguration
{
    private readonly Document<MaterialCatalogue> _catalogue;
    private readonly Document<HolidayCalendar> _calendar;
    private readonly Dictionary<string, IDocument> _documents;

    public RegistryConfiguration(IServiceScopeFactory scopes, IOptions<ConfigurationOptions> options, ConfigurationActivity activity)
    {
        var interval = options.Value.RefreshInterval;
        _catalogue = new(ConfigurationDocuments.MaterialsCatalogue, scopes, interval, activity);
        _calendar = new(ConfigurationDocuments.HolidayCalendar, scopes, interval, activity);
        _documents = new(StringComparer.Ordinal) { [_catalogue.Name] = _catalogue, [_calendar.Name] = _calendar };
    }

    public ValueTask<MaterialCatalogue> CatalogueAsync(CancellationToken cancellationToken) => _catalogue.GetAsync(cancellationToken);

    public ValueTask<HolidayCalendar> CalendarAsync(CancellationToken cancellationToken) => _calendar.GetAsync(cancellationToken);

    /// <summary>This instance saved <paramref name="version"/> of a document: use it from now on, without reading it back.</summary>
    internal void Saved<T>(ConfigurationDocumentKind<T> kind, int version, T document) where T : class =>
        ((Document<T>)_documents[kind.Name]).Install(version, document);

    /// <summary>Another instance announced a change: the next read checks the stored version instead of waiting for the interval.</summary>
    internal void Expire(string name)
    {
        if (_documents.TryGetValue(name, out var document))
        {
            document.Expire();
        }
    }

    private interface IDocument
    {
        void Expire();
    }

    /// <summary>One document's copy on this instance, and when to look at the stored version again.</summary>
    private sealed class Document<T>(ConfigurationDocumentKind<T> kind, IServiceScopeFactory scopes, TimeSpan interval, ConfigurationActivity activity)
        : IDocument where T : class
    {
        private readonly long _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        private readonly SemaphoreSlim _refresh = new(1, 1);
        private readonly Lock _sync = new();
        private Copy? _current;
        // Stopwatch ticks (monotonic, unlike the TimeProvider, which tests stop): before this, the copy is used as is.
        private long _checkDueAt;
        private volatile bool _expired;
        // A stored version that did not parse: not parsed (nor logged) again until the version changes.
        private int? _failedVersion;

        private sealed record Copy(int Version, T Value);

        public string Name => kind.Name;

        public ValueTask<T> GetAsync(CancellationToken cancellationToken)
        {
            var current = Volatile.Read(ref _current);
            return current is not null && !_expired && Stopwatch.GetTimestamp() < Volatile.Read(ref _checkDueAt)
                ? ValueTask.FromResult(current.Value)
                : new ValueTask<T>(RefreshAsync(cancellationToken));
        }

        public void Install(int version, T value)
        {
            lock (_sync)
            {
                // Two saves on this instance may finish out of order: keep the newer.
                if (_current is null || version > _current.Version)
                {
                    _current = new Copy(version, value);
                    _failedVersion = null;
                }
            }
        }

        public void Expire() => _expired = true;

        private async Task<T> RefreshAsync(CancellationToken cancellationToken)
        {
            if (!_refresh.Wait(0))
            {
                // Another reader is checking the stored version: the copy in hand is at most that check old.
                if (Volatile.Read(ref _current) is { } inHand)
                {
                    return inHand.Value;
                }
                await _refresh.WaitAsync(cancellationToken);
            }
            try
            {
                var seen = Volatile.Read(ref _current);
                if (seen is not null && !_expired && Stopwatch.GetTimestamp() < Volatile.Read(ref _checkDueAt))
                {
                    // Another reader refreshed it while this one waited.
                    return seen.Value;
                }
                // Cleared before the query: an announcement that arrives while it runs makes the next read check again.
                _expired = false;
                var started = Stopwatch.GetTimestamp();
                Copy? next;
                try
                {
                    next = await ReadAsync(seen, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // The reader went away before the check finished: the next one checks instead.
                    _expired = true;
                    throw;
                }
                catch (Exception exception)
                {
                    // Note: a database that cannot be reached must not fail the reads that only need this document.
                    activity.CheckFailed(kind.Name, seen?.Version ?? ConfigurationDocuments.DefaultVersion, exception);
                    next = seen ?? new Copy(ConfigurationDocuments.DefaultVersion, kind.Default);
                }
                lock (_sync)
                {
                    if (ReferenceEquals(_current, seen))
                    {
                        _current = next;
                    }
                    else
                    {
                        // This instance saved a version meanwhile: keep it, and check the stored one on the next read.
                        _expired = true;
                    }
                    Volatile.Write(ref _checkDueAt, started + _intervalTicks);
                    return _current!.Value;
                }
            }
            finally
            {
                _refresh.Release();
            }
        }

        /// <summary>The copy for the stored version: <paramref name="seen"/> when it has not changed.</summary>
        private async Task<Copy> ReadAsync(Copy? seen, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var version = await db.ConfigurationDocuments.AsNoTracking()
                .Where(d => d.Name == kind.Name)
                .Select(d => (int?)d.Version)
                .SingleOrDefaultAsync(cancellationToken) ?? ConfigurationDocuments.DefaultVersion;
            if (seen is not null && seen.Version == version)
            {
                return seen;
            }
            if (version == _failedVersion)
            {
                return seen ?? new Copy(ConfigurationDocuments.DefaultVersion, kind.Default);
            }
            var row = version == ConfigurationDocuments.DefaultVersion ? null
                : await db.ConfigurationDocuments.AsNoTracking()
                    .Where(d => d.Name == kind.Name)
                    .Select(d => new { d.Version, d.Content })
                    .SingleOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                return new Copy(ConfigurationDocuments.DefaultVersion, kind.Default);
            }
            try
            {
                var document = new Copy(row.Version, kind.Parse(row.Content));
                activity.Loaded(kind.Name, row.Version);
                return document;
            }
            catch (FormatException exception)
            {
                _failedVersion = row.Version;
                var kept = seen ?? new Copy(ConfigurationDocuments.DefaultVersion, kind.Default);
                activity.StoredDocumentInvalid(kind.Name, row.Version, kept.Version, exception.Message);
                return kept;
            }
        }
    }
}
