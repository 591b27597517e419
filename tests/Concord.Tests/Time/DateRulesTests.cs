using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;

namespace Concord.Tests.Time;

public class DateRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Theory]
    [InlineData(1900, 1, 1, "Due date must be in 2000 or later")]
    [InlineData(9999, 12, 31, "Due date must be by 31 December 2036")]
    [InlineData(2037, 1, 1, "Due date must be by 31 December 2036")]
    public void Planned_dates_far_away_are_refused_with_what_is_allowed(int y, int m, int d, string message) =>
        Assert.Equal(message, DateRules.Problem(new DateOnly(y, m, d), DateRules.Kind.Planned, Today, "due date"));

    [Theory]
    [InlineData(2000, 1, 1)]
    [InlineData(2026, 12, 3)]
    [InlineData(2036, 12, 31)]
    public void Planned_dates_within_the_window_pass(int y, int m, int d) =>
        Assert.Null(DateRules.Problem(new DateOnly(y, m, d), DateRules.Kind.Planned, Today, "due date"));

    [Fact]
    public void A_date_that_happened_cannot_be_tomorrow_but_can_be_today()
    {
        Assert.Null(DateRules.Problem(Today, DateRules.Kind.Happened, Today, "date"));
        Assert.Equal("Date cannot be in the future", DateRules.Problem(Today.AddDays(1), DateRules.Kind.Happened, Today, "date"));
    }

    [Fact]
    public void Field_errors_collect_the_message_and_an_end_before_its_start_is_named()
    {
        var errors = new FieldErrors().CheckDate("Ends", new DateOnly(1066, 10, 14), DateRules.Kind.Planned, Today, "end date");
        Assert.Equal("End date must be in 2000 or later", errors["Ends"]);
        Assert.Equal("End date must be on or after the start date",
            DateRules.OrderProblem(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1), "end date", "the start date"));
        Assert.Null(DateRules.Problem(null, DateRules.Kind.Planned, Today, "due date"));
    }
}
