using Concord.Web.Features.Lessons;

namespace Concord.Tests.Lessons;

public sealed class LessonAnonymiserTests
{
    private static readonly AnonymisationNames Names = new(
        Partnerships: ["Silver Threads"],
        Organisations: ["Age UK", "Age UK Leeds", "Leeds City Council"],
        People: ["Ann Patel", "Ann"]);

    [Fact]
    public void Replaces_names_with_placeholders_longest_first_ignoring_case()
    {
        var result = LessonAnonymiser.Anonymise(
            "silver threads asked AGE UK LEEDS and Age UK to help. Ann Patel from Leeds City Council agreed; ann wrote it up.",
            Names);

        Assert.True(result.Changed);
        Assert.Equal(
            "[partnership] asked [organisation] and [organisation] to help. [person] from [organisation] agreed; [person] wrote it up.",
            result.Text);
    }

    [Fact]
    public void Only_replaces_whole_words()
    {
        var result = LessonAnonymiser.Anonymise("Our annual plan planned for Annie.", Names);
        Assert.False(result.Changed);
        Assert.Equal("Our annual plan planned for Annie.", result.Text);
    }

    [Fact]
    public void Matches_names_across_line_breaks_and_before_a_possessive()
    {
        var result = LessonAnonymiser.Anonymise("We met Leeds City\nCouncil's team.", Names);
        Assert.Equal("We met [organisation]'s team.", result.Text);
    }

    [Theory]
    [InlineData("Ring 07700 900123 today", "Ring [phone number] today")]
    [InlineData("Call (0113) 496 0000.", "Call [phone number].")]
    [InlineData("Tel +44 (0)20 7946 0000", "Tel [phone number]")]
    [InlineData("Freephone 0800-123-4567", "Freephone [phone number]")]
    [InlineData("Write to jo.bloggs+lessons@example.org.uk please", "Write to [email address] please")]
    public void Removes_email_addresses_and_uk_phone_numbers(string text, string expected)
    {
        var result = LessonAnonymiser.Anonymise(text, AnonymisationNames.None);
        Assert.True(result.Changed);
        Assert.Equal(expected, result.Text);
    }

    [Theory]
    [InlineData("We reached 1200 people in 2024 and 35 schools.")]
    [InlineData("Budget line 2024-01-05 was £12,000.")]
    public void Leaves_ordinary_numbers_alone(string text)
    {
        var result = LessonAnonymiser.Anonymise(text, AnonymisationNames.None);
        Assert.False(result.Changed);
        Assert.Equal(text, result.Text);
    }

    [Fact]
    public void Names_with_special_characters_are_matched_literally()
    {
        var names = new AnonymisationNames([], ["St. Mary's (Trust)"], []);
        var result = LessonAnonymiser.Anonymise("Thanks to St. Mary's (Trust) and St Marys Trust.", names);
        Assert.Equal("Thanks to [organisation] and St Marys Trust.", result.Text);
    }

    [Fact]
    public void Empty_text_is_unchanged() => Assert.Equal(new AnonymisedText("", false), LessonAnonymiser.Anonymise(null, Names));

    [Fact]
    public void First_names_on_their_own_are_taken_out_only_where_written_as_a_name()
    {
        var names = new AnonymisationNames([], [], ["Will Okafor"]) { FirstNames = ["Will", "Hope"] };
        var result = LessonAnonymiser.Anonymise("Will said we will meet again. HOPE agreed; hope is not a plan. Willow stayed.", names);
        Assert.True(result.Changed);
        Assert.Equal("[person] said we will meet again. [person] agreed; hope is not a plan. Willow stayed.", result.Text);
    }

    [Fact]
    public void A_full_name_wins_over_its_first_name()
    {
        var names = new AnonymisationNames([], ["Kettle and Chat"], ["Will Okafor"]) { FirstNames = ["Will"] };
        var result = LessonAnonymiser.Anonymise("Will Okafor at Kettle and Chat asked Will to help.", names);
        Assert.Equal("[person] at [organisation] asked [person] to help.", result.Text);
    }
}
