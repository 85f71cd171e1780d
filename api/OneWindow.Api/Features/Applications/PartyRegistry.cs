using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// The register's parties for the people and organisations an application names: the existing row by identity
/// document (a passport's with its issuing state; the register's name stays as registered), or a new one. Rows are tracked by the recording transaction.
/// </summary>
public sealed class PartyRegistry(RegistryDbContext db)
{
    private readonly Dictionary<(IdentityDocumentType, string?, string), Party> _known = [];

    public async Task<Party> GetAsync(PartyData party, CancellationToken cancellationToken) => (await GetManyAsync([party], cancellationToken))[0];

    public async Task<IReadOnlyList<Party>> GetManyAsync(IReadOnlyList<PartyData> parties, CancellationToken cancellationToken)
    {
        var wanted = parties.Select(p => p.IdNumber).Where(n => _known.Keys.All(k => k.Item3 != n)).Distinct().ToArray();
        if (wanted.Length > 0)
        {
            // The newest row of an identity document is its current one (a changed name is a new row: decision 0022).
            foreach (var row in await db.Parties.Where(p => wanted.Contains(p.IdNumber)).OrderByDescending(p => p.Id).ToListAsync(cancellationToken))
            {
                _known.TryAdd((row.IdType, row.Nationality, row.IdNumber), row);
            }
        }
        var result = new List<Party>(parties.Count);
        foreach (var party in parties)
        {
            if (!_known.TryGetValue((party.IdType, party.Nationality, party.IdNumber), out var row))
            {
                row = new Party { Kind = party.Kind, Name = party.Name, IdType = party.IdType, Nationality = party.Nationality, IdNumber = party.IdNumber, Phone = party.Phone };
                db.Parties.Add(row);
                _known[(party.IdType, party.Nationality, party.IdNumber)] = row;
            }
            result.Add(row);
        }
        return result;
    }

    /// <summary>
    /// The party as a change or correction makes it: the row of its identity document when that row has the same name,
    /// else a new row. The rows the register's entries recorded are never rewritten, so their hashes keep matching and the
    /// history shows who the holder was (decision 0022).
    /// </summary>
    public async Task<Party> IdentityAsync(PartyData party, CancellationToken cancellationToken)
    {
        var row = await GetAsync(party, cancellationToken);
        if (RegisterChecks.SameName(row.Name, party.Name))
        {
            return row;
        }
        var renamed = new Party { Kind = party.Kind, Name = party.Name, IdType = party.IdType, Nationality = party.Nationality, IdNumber = party.IdNumber, Phone = party.Phone ?? row.Phone };
        db.Parties.Add(renamed);
        _known[(party.IdType, party.Nationality, party.IdNumber)] = renamed;
        return renamed;
    }
}
