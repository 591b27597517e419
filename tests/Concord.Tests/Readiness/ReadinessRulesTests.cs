using Concord.Web.Features.Readiness;

namespace Concord.Tests.Readiness;

public sealed class ReadinessRulesTests
{
    private static readonly Guid Library = Guid.NewGuid();
    private static readonly Guid School = Guid.NewGuid();
    private static readonly Guid Trust = Guid.NewGuid();

    private static PartnerReflection Complete(Guid id, string name, string why, FunderDriven funder = FunderDriven.No,
        string addedValue = "We run the community hall and know every family on the estate") =>
        new(id, name, new Dictionary<string, string?>
        {
            [ReadinessRules.WhyPartner] = why,
            [ReadinessRules.AddedValue] = addedValue,
            [ReadinessRules.PeopleServed] = "Older residents will feel less lonely",
            [ReadinessRules.FunderDrivenKey] = "The idea came from us",
            [ReadinessRules.MissionAtStake] = "Our independence from the council",
            [ReadinessRules.SmallPartner] = "Trust of people who avoid official services",
        }, funder);

    [Fact]
    public void The_question_set_has_the_six_questions_with_unique_keys_and_text()
    {
        Assert.Equal(6, ReadinessRules.Questions.Count);
        Assert.Equal(6, ReadinessRules.Questions.Select(q => q.Key).Distinct().Count());
        Assert.All(ReadinessRules.Questions, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.Text));
            Assert.False(string.IsNullOrWhiteSpace(q.Hint));
        });
        Assert.Single(ReadinessRules.Questions, q => q.HasFunderChoice);
    }

    [Fact]
    public void Partners_with_similar_reasons_raise_no_flags()
    {
        var flags = ReadinessRules.FindDivergence(
        [
            Complete(Library, "Hilltop Library", "To reduce loneliness among older people in Hilltop"),
            Complete(School, "Hilltop School", "Reducing loneliness for older people living near the school"),
        ]);

        Assert.Empty(flags);
    }

    [Fact]
    public void Partners_with_different_reasons_are_flagged_and_named()
    {
        var flags = ReadinessRules.FindDivergence(
        [
            Complete(Library, "Hilltop Library", "To reduce loneliness among older people in Hilltop"),
            Complete(School, "Hilltop School", "We need a bigger sports hall for our pupils"),
        ]);

        var flag = Assert.Single(flags);
        Assert.Equal(ReadinessFlagKind.DifferentPurposes, flag.Kind);
        Assert.Equal([Library, School], flag.PartnerIds);
        Assert.Contains("Hilltop Library and Hilltop School", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_diverging_pair_is_flagged_among_three_partners()
    {
        var flags = ReadinessRules.FindDivergence(
        [
            Complete(Library, "Hilltop Library", "To reduce loneliness among older people"),
            Complete(School, "Hilltop School", "To reduce loneliness among older people and grandparents"),
            Complete(Trust, "Hilltop Trust", "Spending our grant before the year ends"),
        ]);

        Assert.All(flags, f => Assert.Equal(ReadinessFlagKind.DifferentPurposes, f.Kind));
        Assert.Equal(2, flags.Count);
        Assert.All(flags, f => Assert.Contains(Trust, f.PartnerIds));
    }

    [Fact]
    public void Long_answers_about_the_same_people_are_not_flagged_and_a_different_purpose_is()
    {
        // The demo network's answers: two partners about lonely older people in their own words, one about tenancies.
        const string befriending = "Lonely older people fall between services. Joining befriending, advice and housing support means nobody is passed from door to door, and we reach people we never see on our own.";
        const string visiting = "Lonely older people in St Anne's need a friendly face every week, and we cannot keep visiting everyone on volunteer goodwill alone.";
        const string housing = "Cut tenancy failures and rent arrears among tenants over 65, so fewer flats fall empty.";
        Assert.False(ReadinessRules.DifferentPurposes(befriending, visiting));
        Assert.True(ReadinessRules.DifferentPurposes(befriending, housing));
        Assert.True(ReadinessRules.DifferentPurposes(visiting, housing));

        var flags = ReadinessRules.FindDivergence(
        [
            Complete(Library, "Hilltop Library", befriending),
            Complete(School, "Hilltop School", visiting),
            Complete(Trust, "Hilltop Trust", housing),
        ]);
        Assert.Equal(2, flags.Count);
        Assert.All(flags, f => Assert.Contains(Trust, f.PartnerIds));
    }

    [Fact]
    public void One_shared_word_is_not_enough_but_a_one_word_answer_only_needs_its_word()
    {
        Assert.Equal(1, ReadinessRules.SharedWords("Help older tenants", "Older volunteers want to give back"));
        Assert.True(ReadinessRules.DifferentPurposes("Help older tenants", "Older volunteers want to give back"));
        Assert.False(ReadinessRules.DifferentPurposes("Loneliness", "Less loneliness in the town"));
        Assert.False(ReadinessRules.DifferentPurposes("We want to work together", "Loneliness"));
    }

    [Fact]
    public void Word_overlap_ignores_stop_words_case_and_simple_word_endings()
    {
        Assert.Equal(1.0, ReadinessRules.WordOverlap("We want to REDUCE loneliness", "reducing the loneliness"));
        Assert.Equal(0.0, ReadinessRules.WordOverlap("tackle isolation", "reduce loneliness"));
        Assert.Equal(1.0 / 3, ReadinessRules.WordOverlap("older people", "older residents"), 3);
    }

    [Fact]
    public void A_partner_that_says_it_is_mainly_funder_driven_is_flagged()
    {
        var flags = ReadinessRules.FindDivergence(
        [
            Complete(Library, "Hilltop Library", "To reduce loneliness", FunderDriven.Yes),
            Complete(School, "Hilltop School", "To reduce loneliness", FunderDriven.Partly),
        ]);

        var flag = Assert.Single(flags);
        Assert.Equal(ReadinessFlagKind.MainlyFunderDriven, flag.Kind);
        Assert.Equal([Library], flag.PartnerIds);
        Assert.StartsWith("Hilltop Library says the partnership is mainly driven by a funder", flag.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Money")]
    [InlineData("Our staff")]
    public void A_partner_that_names_no_added_value_is_flagged(string addedValue)
    {
        var flags = ReadinessRules.FindDivergence(
        [
            Complete(Library, "Hilltop Library", "To reduce loneliness", addedValue: addedValue),
        ]);

        var flag = Assert.Single(flags);
        Assert.Equal(ReadinessFlagKind.NoAddedValue, flag.Kind);
        Assert.Equal(ReadinessRules.AddedValue, flag.QuestionKey);
        Assert.Contains("Hilltop Library has not said what added value it brings", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_unanswered_question_is_flagged_for_the_partner()
    {
        var partial = new PartnerReflection(School, "Hilltop School", new Dictionary<string, string?>
        {
            [ReadinessRules.WhyPartner] = "To reduce loneliness",
            [ReadinessRules.AddedValue] = "We bring pupils who volunteer every week",
            [ReadinessRules.PeopleServed] = null,
        }, FunderDriven: null);

        var flags = ReadinessRules.FindDivergence([partial]);

        Assert.All(flags, f => Assert.Equal(ReadinessFlagKind.NotAnswered, f.Kind));
        Assert.Equal(
            [ReadinessRules.PeopleServed, ReadinessRules.FunderDrivenKey, ReadinessRules.MissionAtStake, ReadinessRules.SmallPartner],
            flags.Select(f => f.QuestionKey));
        Assert.Equal("Hilltop School has not answered \u201cHow will the people you serve benefit?\u201d", flags[0].Message);
    }

    [Fact]
    public void The_funder_question_counts_as_answered_when_the_choice_is_made_without_explanation()
    {
        var reflection = Complete(Library, "Hilltop Library", "To reduce loneliness", FunderDriven.No);
        var answers = new Dictionary<string, string?>(reflection.Answers) { [ReadinessRules.FunderDrivenKey] = "" };

        Assert.Empty(ReadinessRules.FindDivergence([reflection with { Answers = answers }]));
    }

    [Fact]
    public void A_blank_why_answer_is_reported_as_not_answered_rather_than_as_a_different_purpose()
    {
        var blank = Complete(School, "Hilltop School", "  ");

        var flags = ReadinessRules.FindDivergence([Complete(Library, "Hilltop Library", "To reduce loneliness"), blank]);

        var flag = Assert.Single(flags);
        Assert.Equal(ReadinessFlagKind.NotAnswered, flag.Kind);
        Assert.Equal(ReadinessRules.WhyPartner, flag.QuestionKey);
    }
}
