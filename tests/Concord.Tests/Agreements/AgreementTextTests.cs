using Concord.Web.Features.Agreements;

namespace Concord.Tests.Agreements;

public sealed class AgreementTextTests
{
    [Fact]
    public void The_hash_is_sha256_of_the_utf8_text_in_lower_case_hex()
    {
        // echo -n "abc" | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AgreementText.Hash("abc"));
    }

    [Fact]
    public void Windows_old_mac_and_unix_line_endings_hash_the_same()
    {
        var unix = AgreementText.Hash("Clause 1\nClause 2\n");

        Assert.Equal(unix, AgreementText.Hash("Clause 1\r\nClause 2\r\n"));
        Assert.Equal(unix, AgreementText.Hash("Clause 1\rClause 2\r"));
    }

    [Theory]
    [InlineData("Clause 1\nClause 2")]
    [InlineData("Clause 1\nClause  2\n")]
    [InlineData("clause 1\nClause 2\n")]
    [InlineData("Clause 1\n\nClause 2\n")]
    [InlineData("Clause 1\nClause 2\n ")]
    public void Any_visible_or_spacing_change_changes_the_hash(string changed)
    {
        Assert.NotEqual(AgreementText.Hash("Clause 1\nClause 2\n"), AgreementText.Hash(changed));
    }

    [Fact]
    public void Non_ascii_text_is_hashed_as_utf8()
    {
        // echo -n "café" | sha256sum
        Assert.Equal("850f7dc43910ff890f8879c0ed26fe697c93a067ad93a7d50f466a7028a9bf4e", AgreementText.Hash("café"));
    }

    [Fact]
    public void Comparison_lists_unchanged_removed_and_added_lines_in_reading_order()
    {
        var lines = AgreementText.Compare(
            "1. Purpose\n2. We meet monthly.\n3. Data is shared.\n",
            "1. Purpose\n2. We meet every fortnight.\n3. Data is shared.\n4. Either partner may leave with 3 months' notice.\n");

        Assert.Equal(
        [
            new AgreementLine(LineChange.Unchanged, "1. Purpose"),
            new AgreementLine(LineChange.Removed, "2. We meet monthly."),
            new AgreementLine(LineChange.Added, "2. We meet every fortnight."),
            new AgreementLine(LineChange.Unchanged, "3. Data is shared."),
            new AgreementLine(LineChange.Added, "4. Either partner may leave with 3 months' notice."),
        ], lines);
    }

    [Fact]
    public void Line_ending_differences_alone_show_no_change()
    {
        var lines = AgreementText.Compare("A\r\nB\r\n", "A\nB\n");

        Assert.All(lines, l => Assert.Equal(LineChange.Unchanged, l.Change));
        Assert.Equal(["A", "B"], lines.Select(l => l.Text));
    }

    [Fact]
    public void A_change_in_spacing_shows_as_a_changed_line()
    {
        var lines = AgreementText.Compare("We meet monthly.", "We  meet monthly.");

        Assert.Equal([LineChange.Removed, LineChange.Added], lines.Select(l => l.Change));
    }

    [Fact]
    public void Comparing_with_an_empty_first_version_shows_every_line_added()
    {
        var lines = AgreementText.Compare("", "A\nB");

        Assert.Equal([LineChange.Added, LineChange.Added], lines.Select(l => l.Change));
    }

    [Fact]
    public void Adding_a_final_line_break_shows_as_an_added_empty_line()
    {
        var lines = AgreementText.Compare("A\nB", "A\nB\n");

        Assert.Equal(new AgreementLine(LineChange.Added, ""), lines[^1]);
    }
}
