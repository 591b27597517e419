using System.Globalization;
using CsvHelper;

namespace Concord.Web.Infrastructure.Export;

/// <summary>One column of an export: the heading people see and how to get the value from a row.</summary>
public sealed record CsvColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Writes registers as CSV that opens cleanly in Excel, which is what most of our users will open it with:
/// UTF-8 with a byte-order mark (without it Excel reads UTF-8 as Windows-1252 and mangles "é" and "£"),
/// CRLF line endings, and dates as yyyy-MM-dd (Excel reads them as dates whatever the PC's locale).
/// Text starting with =, +, -, @, tab or CR gets a leading apostrophe, so a spreadsheet shows it instead
/// of running it as a formula (CSV injection, such as =HYPERLINK(...) sending data away). CsvHelper
/// applies that to text only, so a negative number stays a number.
/// </summary>
public static class CsvExport
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "Yes",
        FalseValue = "No",
    };

    /// <summary>Use this for an HTTP response: ASP.NET Core refuses synchronous writes to the body.
    /// The stream is left open.</summary>
    public static async Task WriteAsync<T>(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, Stream output, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        WriteHeader(csv, columns);
        foreach (var row in rows)
        {
            WriteRow(csv, columns, row);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Rows read one at a time (from the database), written as they come: a large register is never held in memory.</summary>
    public static async Task WriteAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, Stream output, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        WriteHeader(csv, columns);
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            WriteRow(csv, columns, row);
            await csv.EndRecordAsync(cancellationToken);
            if (++written % 500 == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Synchronous version for files and memory streams. The stream is left open.</summary>
    public static void Write<T>(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, Stream output)
    {
        using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        WriteHeader(csv, columns);
        foreach (var row in rows)
        {
            WriteRow(csv, columns, row);
            csv.EndRecord();
        }

        csv.Flush();
    }

    private static void WriteHeader<T>(CsvWriter csv, IReadOnlyList<CsvColumn<T>> columns)
    {
        foreach (var column in columns)
        {
            csv.WriteField(column.Header);
        }

        csv.EndRecord();
    }

    private static void WriteRow<T>(CsvWriter csv, IReadOnlyList<CsvColumn<T>> columns, T row)
    {
        foreach (var column in columns)
        {
            WriteValue(csv, column.Value(row));
        }
    }

    // Instants are shown in UK time, as people see them on screen, in an ISO form Excel recognises.
    private static void WriteValue(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.WriteField((string?)null);
                break;
            case DateOnly d:
                csv.WriteField(d, "yyyy-MM-dd");
                break;
            case DateTimeOffset t:
                csv.WriteField(Time.London.ToLondon(t).DateTime, "yyyy-MM-dd HH:mm:ss");
                break;
            case DateTime t:
                csv.WriteField(t, "yyyy-MM-dd HH:mm:ss");
                break;
            case bool b:
                csv.WriteField(b);
                break;
            case Enum e:
                csv.WriteField(e.ToString());
                break;
            default:
                csv.WriteField(value);
                break;
        }
    }
}
