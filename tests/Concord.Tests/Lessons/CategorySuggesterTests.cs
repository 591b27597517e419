using Concord.Web.Features.Lessons;

namespace Concord.Tests.Lessons;

public sealed class CategorySuggesterTests
{
    private static readonly CategorisedLesson[] Library =
    [
        new("Agree referral forms early", "We spent months arguing about the referral form. Agree one referral form before launch.", "systems-and-processes"),
        new("One referral route", "Partners each had their own referral process and referrals were lost between them.", "systems-and-processes"),
        new("Shared spreadsheet of referrals", "A shared spreadsheet let every partner see where a referral had got to.", "systems-and-processes"),
        new("Check term dates", "Sessions planned in the exam season were cancelled by the school.", "working-with-schools-and-colleges"),
        new("Name a link teacher", "Each school named a teacher as our contact, which made booking pupils easy.", "working-with-schools-and-colleges"),
        new("Budget for volunteer expenses", "We forgot travel expenses for volunteers and the grant did not cover them.", "funding-and-resources"),
    ];

    [Fact]
    public void Suggests_the_category_of_similar_lessons_first_with_a_reason_naming_them()
    {
        var suggester = new CategorySuggester(DefaultTaxonomy.Categories, Library);

        var suggestions = suggester.Suggest("Referral form confusion", "GPs sent referrals on three different forms and some referrals were lost.");

        Assert.InRange(suggestions.Count, 1, 3);
        var top = suggestions[0];
        Assert.Equal("systems-and-processes", top.CategorySlug);
        Assert.StartsWith("Similar to 3 lessons in this category: 'Agree referral forms early'", top.Reason, StringComparison.Ordinal);
        Assert.Contains("Mentions: referral, form", top.Reason, StringComparison.Ordinal);
        Assert.True(suggestions.Zip(suggestions.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void Without_any_categorised_lessons_it_uses_the_category_words()
    {
        var suggester = new CategorySuggester(DefaultTaxonomy.Categories, []);

        var suggestions = suggester.Suggest("Pupils missed sessions", "The college timetable changed at the start of term, so students could not come.");

        Assert.Equal("working-with-schools-and-colleges", suggestions[0].CategorySlug);
        Assert.StartsWith("Mentions: ", suggestions[0].Reason, StringComparison.Ordinal);
        Assert.Equal(0, suggester.LessonCount);
    }

    [Fact]
    public void Returns_nothing_when_nothing_matches()
    {
        var suggester = new CategorySuggester(DefaultTaxonomy.Categories, Library);
        Assert.Empty(suggester.Suggest("", "the and of"));
        Assert.Empty(suggester.Suggest("Zebras", "Quixotic xylophones."));
    }

    [Fact]
    public void Gives_the_same_answer_every_time_whatever_the_order_of_the_library()
    {
        var first = new CategorySuggester(DefaultTaxonomy.Categories, Library).Suggest("Volunteer training budget", "We had no money for training volunteers.");
        var second = new CategorySuggester(DefaultTaxonomy.Categories, Library.Reverse()).Suggest("Volunteer training budget", "We had no money for training volunteers.");

        Assert.Equal(first, second);
        Assert.Equal(["funding-and-resources", "training"], first.Select(s => s.CategorySlug).Order());
    }

    [Fact]
    public void Ignores_lessons_filed_under_categories_that_no_longer_exist()
    {
        var suggester = new CategorySuggester(DefaultTaxonomy.Categories, [new("Old", "referral", "gone-category"), .. Library]);
        Assert.Equal(Library.Length, suggester.LessonCount);
    }

    [Theory]
    [InlineData("referrals", "referral")]
    [InlineData("schools", "school")]
    [InlineData("agreed", "agre")]
    [InlineData("agree", "agre")]
    [InlineData("charities", "charity")]
    public void The_stemmer_brings_word_forms_together(string word, string stem) =>
        Assert.Equal(stem, LessonTokeniser.Stem(word));

    [Fact]
    public void The_tokeniser_lower_cases_and_drops_common_words_and_numbers()
    {
        Assert.Equal(["partner", "referral", "form"], LessonTokeniser.Tokenise("The partner's REFERRAL forms in 2024"));
    }
}
