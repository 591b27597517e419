using System.Text;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;

namespace Concord.Tests.Lessons;

public sealed class LessonCsvImportTests
{
    private static LessonImportPreview Parse(string csv, int maxRows = LessonCsvImport.MaxRows) =>
        LessonCsvImport.Parse(csv, DefaultTaxonomy.Categories, maxRows);

    [Fact]
    public void Reads_every_column_with_headers_in_any_case_and_common_aliases()
    {
        var csv = """
            Lesson Title,Background,What_Happened,TYPE,Recommendation,Theme,Tags,Phase,Evidence,Project name,Date recorded,Notes
            Agree referral forms early,Three partners,"Forms differed, so referrals were lost",Worked well,Agree one form,Systems and processes,referrals; forms,Setting up,Minutes of May meeting,Silver Threads,2026-03-01,ignored
            Check term dates,,,did not work,,working-with-schools-and-colleges,"schools, timing",during,,,15/09/2025,
            """;

        var preview = Parse(csv);

        Assert.False(preview.HasErrors);
        Assert.Equal(["Notes"], preview.IgnoredColumns);
        var lessons = preview.Lessons.ToList();
        Assert.Equal(2, lessons.Count);
        var first = lessons[0];
        Assert.Equal(2, first.RowNumber);
        Assert.Equal("Agree referral forms early", first.Title);
        Assert.Equal("Three partners", first.Context);
        Assert.Equal("Forms differed, so referrals were lost", first.WhatHappened);
        Assert.Equal(LessonKind.WorkedWell, first.Kind);
        Assert.Equal("systems-and-processes", first.CategorySlug);
        Assert.Equal(["referrals", "forms"], first.Tags);
        Assert.Equal(PartnershipStage.SettingUp, first.Stage);
        Assert.Equal("Minutes of May meeting", first.Evidence);
        Assert.Equal("Silver Threads", first.PartnershipName);
        Assert.Equal(new DateOnly(2026, 3, 1), first.Date);

        var second = lessons[1];
        Assert.Equal(LessonKind.DidNotWork, second.Kind);
        Assert.Equal("working-with-schools-and-colleges", second.CategorySlug);
        Assert.Equal(["schools", "timing"], second.Tags);
        Assert.Equal(new DateOnly(2025, 9, 15), second.Date);
        Assert.Null(second.Context);
    }

    [Fact]
    public void Reports_each_bad_row_in_plain_words_with_its_spreadsheet_row_number()
    {
        var csv = """
            title,kind,category,stage,date
            Fine lesson,Tip,,,
            ,Tip,,,
            Bad kind,great,,,
            Bad category,Tip,Fundng,,
            Bad stage and date,Tip,,sometime,31/02/2026
            """;

        var preview = Parse(csv);

        Assert.True(preview.HasErrors);
        Assert.Single(preview.Lessons);
        Assert.Equal(
            [
                "Row 3: enter a title",
                "Row 4: 'great' is not a kind of lesson – use Worked well, Did not work, Would not try again or Tip",
                "Row 5: category 'Fundng' is not in the taxonomy – did you mean 'Funding and resources'?",
                "Row 6: 'sometime' is not a partnership stage – use Deciding, Setting up, During or Ending",
                "Row 6: '31/02/2026' is not a date – write it as 31/01/2026 or 2026-01-31",
            ],
            preview.AllErrors);
    }

    [Fact]
    public void Says_which_required_columns_are_missing()
    {
        var preview = Parse("name,notes\nA,B\n");
        Assert.Equal(["The file needs 'title' and 'kind' columns in its first row. Check the header row, or download the template and copy your lessons into it."], preview.FileErrors);
        Assert.Empty(preview.Rows);
    }

    [Fact]
    public void Names_a_single_missing_column()
    {
        var preview = Parse("title,notes\nA,B\n");
        Assert.StartsWith("The file needs a 'kind' column in its first row.", Assert.Single(preview.FileErrors), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_two_columns_for_the_same_field()
    {
        var preview = Parse("title,lesson,kind\nA,B,Tip\n");
        Assert.Contains(preview.FileErrors, e => e.Contains("'title' and 'lesson' both look like the title", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void An_empty_file_is_a_file_error(string csv) =>
        Assert.StartsWith("The file is empty", Assert.Single(Parse(csv).FileErrors), StringComparison.Ordinal);

    [Fact]
    public void A_header_without_lessons_is_a_file_error() =>
        Assert.StartsWith("The file has a header row but no lessons", Assert.Single(Parse("title,kind\n").FileErrors), StringComparison.Ordinal);

    [Fact]
    public void A_spreadsheet_workbook_is_not_csv()
    {
        var xlsx = new MemoryStream([(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0]);
        var preview = LessonCsvImport.Parse(xlsx, DefaultTaxonomy.Categories);
        Assert.StartsWith("This file is not a CSV file", Assert.Single(preview.FileErrors), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_rows_is_a_clear_file_error()
    {
        var csv = new StringBuilder("title,kind\n");
        for (var i = 0; i < 11; i++)
        {
            csv.Append("Lesson ").Append(i).Append(",Tip\n");
        }

        var preview = Parse(csv.ToString(), maxRows: 10);
        Assert.Equal(["The file has more than 10 lessons. Split it into files of up to 10 lessons and import each one."], preview.FileErrors);
        Assert.False(Parse(csv.ToString(), maxRows: 11).HasErrors);
    }

    [Fact]
    public void Reads_semicolon_separated_files_and_windows_1252_text_from_excel()
    {
        var text = "Title;Kind;Tags\nCaf\u00e9 drop-in \u00a3 costs;Tip;food, caf\u00e9\n";
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);

        var preview = LessonCsvImport.Parse(new MemoryStream(bytes), DefaultTaxonomy.Categories);

        var lesson = Assert.Single(preview.Lessons);
        Assert.Equal("Caf\u00e9 drop-in \u00a3 costs", lesson.Title);
        Assert.Equal(["food", "caf\u00e9"], lesson.Tags);
    }

    [Fact]
    public void Reads_utf8_with_a_byte_order_mark_and_skips_blank_rows()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("title,kind\r\nA,Tip\r\n,\r\nB,Tip\r\n")).ToArray();
        var preview = LessonCsvImport.Parse(new MemoryStream(bytes), DefaultTaxonomy.Categories);
        Assert.False(preview.HasErrors);
        Assert.Equal(["A", "B"], preview.Lessons.Select(l => l.Title));
    }

    [Fact]
    public void Long_titles_are_rejected_with_the_limit()
    {
        var preview = Parse($"title,kind\n{new string('a', 201)},Tip\n");
        Assert.Equal(["Row 2: the title is longer than 200 characters – shorten it"], preview.AllErrors);
    }
}
