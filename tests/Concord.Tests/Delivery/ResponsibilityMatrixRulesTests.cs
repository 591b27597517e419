using Concord.Web.Features.Delivery;

namespace Concord.Tests.Delivery;

public sealed class ResponsibilityMatrixRulesTests
{
    private static readonly MatrixPartner Library = new(Guid.NewGuid(), "Hilltop Library");
    private static readonly MatrixPartner School = new(Guid.NewGuid(), "Hilltop School");
    private static readonly MatrixPartner Trust = new(Guid.NewGuid(), "Hilltop Trust");
    private static readonly MatrixPartner[] Partners = [Library, School, Trust];
    private static readonly MatrixWorkstream Youth = new(Guid.NewGuid(), "Youth sessions");

    private static RaciCell Cell(MatrixPartner p, RaciRole role) => new(p.Id, Youth.Id, role);

    [Theory]
    [InlineData("RA", new[] { RaciRole.Responsible, RaciRole.Accountable })]
    [InlineData("r, a", new[] { RaciRole.Responsible, RaciRole.Accountable })]
    [InlineData("Accountable Responsible", new[] { RaciRole.Responsible, RaciRole.Accountable })]
    [InlineData("ci", new[] { RaciRole.Consulted, RaciRole.Informed })]
    [InlineData("  ", new RaciRole[0])]
    public void A_cell_reads_several_roles_from_letters_or_words(string text, RaciRole[] expected)
    {
        Assert.True(DeliveryService.TryParseRoles(text, out var roles));
        Assert.Equal(expected, roles.Order());
        Assert.Equal(string.Concat(expected.Select(DeliveryService.Letter)), DeliveryService.Letters(roles));
    }

    [Theory]
    [InlineData("X")]
    [InlineData("RX")]
    [InlineData("Responsibles")]
    public void A_cell_refuses_anything_that_is_not_a_role(string text) =>
        Assert.False(DeliveryService.TryParseRoles(text, out _));

    [Fact]
    public void One_accountable_and_one_responsible_partner_is_fine()
    {
        Assert.Empty(ResponsibilityMatrixRules.FindProblems([Youth], Partners,
            [Cell(Library, RaciRole.Accountable), Cell(School, RaciRole.Responsible), Cell(Trust, RaciRole.Informed)]));
    }

    [Fact]
    public void The_same_partner_may_be_accountable_and_responsible()
    {
        Assert.Empty(ResponsibilityMatrixRules.FindProblems([Youth], Partners,
            [Cell(Library, RaciRole.Accountable), Cell(Library, RaciRole.Responsible)]));
    }

    [Fact]
    public void A_workstream_with_nobody_accountable_or_responsible_gets_both_problems_naming_it()
    {
        var problems = ResponsibilityMatrixRules.FindProblems([Youth], Partners, [Cell(School, RaciRole.Consulted)]);

        Assert.Equal([MatrixProblemKind.NoAccountable, MatrixProblemKind.NoResponsible], problems.Select(p => p.Kind));
        Assert.All(problems, p => Assert.Equal(Youth.Id, p.WorkstreamId));
        Assert.Equal("Nobody is accountable for \u201cYouth sessions\u201d. Choose one partner to be accountable.", problems[0].Message);
        Assert.Contains("\u201cYouth sessions\u201d", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_one_accountable_partner_is_a_problem_that_names_them()
    {
        var problems = ResponsibilityMatrixRules.FindProblems([Youth], Partners,
            [Cell(School, RaciRole.Accountable), Cell(Library, RaciRole.Accountable), Cell(Trust, RaciRole.Responsible)]);

        var problem = Assert.Single(problems);
        Assert.Equal(MatrixProblemKind.MoreThanOneAccountable, problem.Kind);
        Assert.Equal([Library.Id, School.Id], problem.PartnerIds);
        Assert.StartsWith("Hilltop Library and Hilltop School are both accountable for \u201cYouth sessions\u201d.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_accountable_partners_are_listed_with_commas()
    {
        var problems = ResponsibilityMatrixRules.FindProblems([Youth], Partners,
            [Cell(Library, RaciRole.Accountable), Cell(School, RaciRole.Accountable), Cell(Trust, RaciRole.Accountable), Cell(Trust, RaciRole.Responsible)]);

        Assert.StartsWith("Hilltop Library, Hilltop School and Hilltop Trust are all accountable", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_of_partners_who_left_do_not_count()
    {
        var leaver = new MatrixPartner(Guid.NewGuid(), "Gone Ltd");

        var problems = ResponsibilityMatrixRules.FindProblems([Youth], Partners,
            [Cell(leaver, RaciRole.Accountable), Cell(leaver, RaciRole.Responsible)]);

        Assert.Equal([MatrixProblemKind.NoAccountable, MatrixProblemKind.NoResponsible], problems.Select(p => p.Kind));
    }

    [Fact]
    public void Each_workstream_is_checked_on_its_own_cells()
    {
        var food = new MatrixWorkstream(Guid.NewGuid(), "Food bank");

        var problems = ResponsibilityMatrixRules.FindProblems([Youth, food], Partners,
            [Cell(Library, RaciRole.Accountable), Cell(Library, RaciRole.Responsible), new RaciCell(School.Id, food.Id, RaciRole.Responsible)]);

        var problem = Assert.Single(problems);
        Assert.Equal(food.Id, problem.WorkstreamId);
        Assert.Equal(MatrixProblemKind.NoAccountable, problem.Kind);
    }
}
