using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;

namespace Concord.Tests.Lessons;

public sealed class LessonVocabularyTests
{
    [Fact]
    public void Every_value_has_a_display_name_for_people()
    {
        Assert.Equal("Worked well", LessonKind.WorkedWell.DisplayName());
        Assert.Equal("Would not try again", LessonKind.WouldNotTryAgain.DisplayName());
        Assert.Equal("Setting up", PartnershipStage.SettingUp.DisplayName());
        Assert.All(Enum.GetValues<LessonVisibility>(), v => Assert.False(string.IsNullOrWhiteSpace(v.DisplayName())));
        Assert.All(Enum.GetValues<ModerationState>(), v => Assert.False(string.IsNullOrWhiteSpace(v.DisplayName())));
    }

    [Theory]
    [InlineData("Worked well", LessonKind.WorkedWell)]
    [InlineData("worked well", LessonKind.WorkedWell)]
    [InlineData("WorkedWell", LessonKind.WorkedWell)]
    [InlineData("  WOULD NOT TRY AGAIN ", LessonKind.WouldNotTryAgain)]
    [InlineData("did_not_work", LessonKind.DidNotWork)]
    [InlineData("tip", LessonKind.Tip)]
    public void Kinds_parse_from_display_names_or_enum_names_ignoring_case(string text, LessonKind expected)
    {
        Assert.True(LessonVocabulary.TryParseKind(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("Setting up", PartnershipStage.SettingUp)]
    [InlineData("settingup", PartnershipStage.SettingUp)]
    [InlineData("set-up", PartnershipStage.SettingUp)]
    [InlineData("ENDING", PartnershipStage.Ending)]
    public void Stages_parse_from_display_names_enum_names_and_common_words(string text, PartnershipStage expected)
    {
        Assert.True(LessonVocabulary.TryParseStage(text, out var stage));
        Assert.Equal(expected, stage);
    }

    [Theory]
    [InlineData("great")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_words_do_not_parse(string? text) => Assert.False(LessonVocabulary.TryParseKind(text, out _));

    [Fact]
    public void Visibility_and_moderation_parse_back_from_their_names()
    {
        foreach (var v in Enum.GetValues<LessonVisibility>())
        {
            Assert.True(LessonVocabulary.TryParseVisibility(v.DisplayName(), out var parsed));
            Assert.Equal(v, parsed);
        }

        foreach (var m in Enum.GetValues<ModerationState>())
        {
            Assert.True(LessonVocabulary.TryParseModerationState(m.ToString().ToLowerInvariant(), out var parsed));
            Assert.Equal(m, parsed);
        }
    }

    [Fact]
    public void The_list_of_kinds_reads_as_a_sentence()
    {
        Assert.Equal("Worked well, Did not work, Would not try again or Tip", LessonVocabulary.KindChoicesText);
    }

    [Fact]
    public void The_default_taxonomy_has_unique_slugs_and_complete_entries()
    {
        var categories = DefaultTaxonomy.Categories;
        Assert.True(categories.Count >= 11);
        Assert.Equal(categories.Count, categories.Select(c => c.Slug).Distinct().Count());
        Assert.All(categories, c =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", c.Slug);
            Assert.EndsWith(".", c.Description, StringComparison.Ordinal);
            Assert.True(c.Keywords.Count >= 4);
        });
        Assert.Contains(categories, c => c.Name == "Working with schools and colleges");
        Assert.Contains(categories, c => c.Keywords.Contains("referral"));
    }
}
