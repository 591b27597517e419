using System.Globalization;
using System.Net;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Shared;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Commitments.CommitmentsTestKit;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Time;

/// <summary>Issue 10 #13: dates are typed as day/month/year, the way the hint says, in every form.</summary>
[Collection(AppCollection.Name)]
public sealed class DateInputTests(AppFixture fixture)
{
    [Theory]
    [InlineData("27/3/2027", 2027, 3, 27)]
    [InlineData("01/02/2027", 2027, 2, 1)]
    [InlineData(" 1 2 2027 ", 2027, 2, 1)]
    [InlineData("1.2.2027", 2027, 2, 1)]
    [InlineData("1-2-2027", 2027, 2, 1)]
    [InlineData("2027-02-01", 2027, 2, 1)]
    [InlineData("1 February 2027", 2027, 2, 1)]
    [InlineData("29/2/2028", 2028, 2, 29)]
    public void Day_comes_before_month_and_iso_dates_are_accepted_too(string typed, int year, int month, int day) =>
        Assert.Equal((new DateOnly(year, month, day), (string?)null), DateInput.Parse(typed));

    [Theory]
    [InlineData("next Tuesday", "Enter the date as day/month/year, for example 27/3/2027")]
    [InlineData("27/3", "Enter the date as day/month/year, for example 27/3/2027")]
    [InlineData("27/3/27", "Enter the year in full, for example 27/3/2027")]
    [InlineData("3/27/2027", "The month must be a number from 1 to 12, for example 27/3/2027")]
    [InlineData("31/2/2027", "Enter a real date: February 2027 has no day 31")]
    [InlineData("29/2/2027", "Enter a real date: February 2027 has no day 29")]
    public void A_date_that_cannot_be_read_says_what_to_type(string typed, string message) =>
        Assert.Equal(((DateOnly?)null, message), DateInput.Parse(typed));

    [Fact]
    public void Empty_is_no_date_and_no_problem() => Assert.Equal(((DateOnly?)null, (string?)null), DateInput.Parse("  "));

    [Fact]
    public void Table_cells_are_labelled_with_their_column_heading_for_narrow_screens()
    {
        var html = ResponsiveTableTagHelper.Label(
            "<caption>C</caption><thead><tr><th scope=\"col\">What</th><th colspan=\"2\">Owner <span class=\"x\">&amp; team</span></th><th>Due</th></tr></thead>" +
            "<tbody><tr><th scope=\"row\">Posters</th><td>Acme</td><td>Jo</td><td class=\"d\">1 May</td></tr><tr><td colspan=\"3\">None</td><td data-label=\"Kept\">x</td></tr></tbody>");
        Assert.Contains("<th scope=\"row\">Posters</th><td data-label=\"Owner &amp; team\">Acme</td><td data-label=\"Owner &amp; team\">Jo</td><td data-label=\"Due\" class=\"d\">1 May</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"What\" colspan=\"3\">None</td><td data-label=\"Kept\">x</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_takes_the_date_as_the_hint_shows_it_and_explains_one_it_cannot_read()
    {
        var w = await WorldAsync(await fixture.ForAsync(Db.Sqlite));
        var client = await SignInAsync(w.App, w.Coordinator);
        var form = $"/partnerships/{w.PartnershipId}/commitments/new";
        var page = await (await client.GetAsync(form)).Content.ReadAsStringAsync();
        Assert.Contains("For example, 27/3/2027", page, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"date\"", page, StringComparison.Ordinal);
        var token = await AntiforgeryTokenAsync(client, form);
        var due = London.Today(TimeProvider.System).AddDays(40);

        var wrong = await PostFormAsync(client, form, token, ("Input.What", "Book the hall"), ("Input.OwnerPartnerId", w.DeliveryPartnerId.ToString()),
            ("Input.DueDate", "31/2/2027"), ("Input.Source", "Meeting"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Input_DueDate\">Enter a real date: February 2027 has no day 31</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Input_DueDate-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"31/2/2027\"", html, StringComparison.Ordinal);

        var typed = due.ToString("d/M/yyyy", CultureInfo.InvariantCulture);
        var saved = await PostFormAsync(client, form, token, ("Input.What", "Book the hall"), ("Input.OwnerPartnerId", w.DeliveryPartnerId.ToString()),
            ("Input.DueDate", typed), ("Input.Source", "Meeting"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var commitment = await w.App.WithDbAsync(d => d.Set<Commitment>().SingleAsync(c => c.PartnershipId == w.PartnershipId && c.What == "Book the hall"));
        Assert.Equal(due, commitment.DueDate);

        // Changing it shows the saved date the same way.
        var edit = await (await client.GetAsync($"/partnerships/{w.PartnershipId}/commitments/{commitment.Id}/edit")).Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{typed}\"", edit, StringComparison.Ordinal);
    }
}
