using System.Buffers.Binary;
using System.Text;

namespace OneWindow.Api.Data.Seeding;

/// <summary>
/// Encodes rows in PostgreSQL's binary COPY format (the header, per row a field count and each field as its length and
/// its bytes in the type's binary "send" form, the trailer) into a buffer that it writes to a raw COPY stream
/// (<c>NpgsqlConnection.BeginRawBinaryCopyAsync</c>) a megabyte at a time. Npgsql's <c>NpgsqlBinaryImporter</c> binds a
/// parameter and runs a (synchronously completing) async write per value, which at millions of rows cost about a third
/// of the seed process's CPU; here a value is a few stores into an array. The encodings are those Npgsql writes for the
/// same CLR values (docs/decisions/0031): the server checks lengths and applies the column's numeric scale as for any
/// COPY, and <c>infra/seed-benchmark.sh --fingerprint</c> compares the stored rows with those of the importer.
/// </summary>
public sealed class BinaryCopyWriter(Stream stream)
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    /// <summary>PostgreSQL's epoch (2000-01-01) in .NET ticks and day numbers.</summary>
    private const long EpochTicks = 630_822_816_000_000_000L;
    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private const int FlushAt = 1 << 20;

    private byte[] _buffer = new byte[FlushAt + (1 << 16)];
    private int _length;

    public void WriteHeader()
    {
        Header.CopyTo(_buffer, _length);
        _length += Header.Length;
    }

    public void StartRow(short fields)
    {
        if (_length >= FlushAt)
        {
            stream.Write(_buffer, 0, _length);
            _length = 0;
        }
        Int16(fields);
    }

    /// <summary>The trailer, and everything still buffered to the stream.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Int16(-1);
        await stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }

    public void WriteNull() => Int32(-1);

    public void WriteInt64(long value)
    {
        Int32(8);
        BinaryPrimitives.WriteInt64BigEndian(Space(8), value);
        _length += 8;
    }

    public void WriteInt32(int value)
    {
        Int32(4);
        Int32(value);
    }

    public void WriteBoolean(bool value)
    {
        Int32(1);
        Space(1)[0] = value ? (byte)1 : (byte)0;
        _length++;
    }

    /// <summary>text and varchar: the UTF-8 bytes (the database is UTF-8).</summary>
    public void WriteText(string value)
    {
        var space = Space(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, space[4..]);
        BinaryPrimitives.WriteInt32BigEndian(space, written);
        _length += 4 + written;
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC; MinValue and MaxValue as -infinity and infinity, as Npgsql does.</summary>
    public void WriteTimestampTz(DateTime value)
    {
        if (value.Kind != DateTimeKind.Utc && value != DateTime.MinValue && value != DateTime.MaxValue)
        {
            throw new ArgumentException($"timestamptz takes UTC times; got {value.Kind} {value:O}", nameof(value));
        }
        WriteInt64(value == DateTime.MinValue ? long.MinValue : value == DateTime.MaxValue ? long.MaxValue : (value.Ticks - EpochTicks) / 10);
    }

    /// <summary>date: days since 2000-01-01; MinValue and MaxValue as -infinity and infinity, as Npgsql does.</summary>
    public void WriteDate(DateOnly value) =>
        WriteInt32(value == DateOnly.MinValue ? int.MinValue : value == DateOnly.MaxValue ? int.MaxValue : value.DayNumber - EpochDay);

    /// <summary>
    /// numeric: digit count, weight (of the first base-10000 digit), sign, display scale, then the base-10000 digits, most
    /// significant first and without trailing zero digits.
    /// </summary>
    public void WriteNumeric(decimal value)
    {
        var scale = value.Scale;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var unscaled = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        // Align the fraction to whole base-10000 digits.
        var fractionDigits = (scale + 3) / 4;
        unscaled *= (fractionDigits * 4 - scale) switch { 0 => 1u, 1 => 10u, 2 => 100u, _ => 1000u };
        Span<short> digits = stackalloc short[12];
        var count = 0;
        while (unscaled != 0)
        {
            digits[count++] = (short)(ulong)(unscaled % 10000);
            unscaled /= 10000;
        }
        // digits[] is least significant first: the value is the sum of digits[i] × 10000^(i - fractionDigits).
        var weight = count - 1 - fractionDigits;
        var lowest = 0;
        while (lowest < count && digits[lowest] == 0)
        {
            lowest++;
        }
        var written = count - lowest;
        var space = Space(4 + 8 + written * 2);
        BinaryPrimitives.WriteInt32BigEndian(space, 8 + written * 2);
        BinaryPrimitives.WriteInt16BigEndian(space[4..], (short)written);
        BinaryPrimitives.WriteInt16BigEndian(space[6..], (short)(written == 0 ? 0 : weight));
        BinaryPrimitives.WriteInt16BigEndian(space[8..], written != 0 && value < 0 ? (short)0x4000 : (short)0);
        BinaryPrimitives.WriteInt16BigEndian(space[10..], (short)scale);
        for (var i = 0; i < written; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(space[(12 + i * 2)..], digits[count - 1 - i]);
        }
        _length += 4 + 8 + written * 2;
    }

    private void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(Space(2), value);
        _length += 2;
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Space(4), value);
        _length += 4;
    }

    /// <summary>At least <paramref name="bytes"/> free at the end of the buffer (a row is flushed only at its start, so a long row grows it).</summary>
    private Span<byte> Space(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
        return _buffer.AsSpan(_length);
    }
}
