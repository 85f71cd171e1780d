using System.Globalization;

namespace OneWindow.Samples.BankConsole;

/// <summary>
/// One loan of the bank's book, signed at a branch: the home pledged (its unit code), the borrower as the register
/// names the owner (the bank checked the ID card and the certificate of title in person), the amount and the term.
/// </summary>
public sealed record Loan(string LoanId, string UnitCode, string BorrowerName, string BorrowerIdNumber, long AmountFen, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>
/// The loans to register, read from a CSV (<c>loan_id,unit_code,borrower_name,borrower_id_number,amount_fen,starts_on,ends_on</c>;
/// <c>#</c> lines are comments). Every line is checked before anything is sent; a line at fault is reported with its number.
/// </summary>
public sealed class LoanBook
{
    public const string Header = "loan_id,unit_code,borrower_name,borrower_id_number,amount_fen,starts_on,ends_on";

    public List<Loan> Loans { get; } = [];

    public List<string> Errors { get; } = [];

    public static LoanBook Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var book = new LoanBook();
        var headerSeen = false;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (!headerSeen)
            {
                headerSeen = true;
                if (line.Trim() != Header)
                {
                    book.Errors.Add($"line {number}: the header must be {Header}");
                    return book;
                }
                continue;
            }
            var fields = line.Split(',');
            if (fields.Length != 7)
            {
                book.Errors.Add($"line {number}: {fields.Length} field(s), 7 expected");
                continue;
            }
            var problems = new List<string>();
            var (id, unit, name, idNumber) = (fields[0].Trim(), fields[1].Trim().ToUpperInvariant(), fields[2].Trim(), fields[3].Trim().ToUpperInvariant());
            if (id.Length is 0 or > 64)
            {
                problems.Add("loan_id is empty or longer than 64");
            }
            else if (ids.TryGetValue(id, out var first))
            {
                problems.Add($"loan_id {id} already on line {first}");
            }
            if (unit.Length != 28)
            {
                problems.Add($"unit_code '{unit}' is not 28 characters");
            }
            else if (units.TryGetValue(unit, out var other))
            {
                // The platform keeps one open mortgage registration per unit: a second line would be refused.
                problems.Add($"unit {unit} already on line {other}");
            }
            if (name.Length == 0)
            {
                problems.Add("borrower_name is empty");
            }
            if (idNumber.Length != 18)
            {
                problems.Add($"borrower_id_number is not 18 characters");
            }
            if (!long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                problems.Add($"amount_fen '{fields[4]}' is not a positive whole number of fen");
            }
            var startsOk = DateOnly.TryParseExact(fields[5].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var starts);
            var endsOk = DateOnly.TryParseExact(fields[6].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ends);
            if (!startsOk || !endsOk || ends <= starts)
            {
                problems.Add($"the term {fields[5]}..{fields[6]} is not two yyyy-MM-dd dates in order");
            }
            if (problems.Count > 0)
            {
                book.Errors.Add($"line {number}: " + string.Join("; ", problems));
                continue;
            }
            ids[id] = number;
            units[unit] = number;
            book.Loans.Add(new Loan(id, unit, name, idNumber, amount, starts, ends));
        }
        if (!headerSeen)
        {
            book.Errors.Add("the file is empty");
        }
        else if (book.Loans.Count == 0 && book.Errors.Count == 0)
        {
            book.Errors.Add("no loans");
        }
        return book;
    }
}
