using Concord.Web.Features.Readiness;

namespace Concord.Tests.Readiness;

public sealed class AgendaCoverageTests
{
    private static readonly Guid Library = Guid.NewGuid();

    [Fact]
    public void Agendas_that_no_objective_serves_are_listed_as_not_met()
    {
        var reading = new PartnerAgenda(Guid.NewGuid(), Library, "Hilltop Library", "More children join the library");
        var footfall = new PartnerAgenda(Guid.NewGuid(), Library, "Hilltop Library", "Footfall up by a tenth");
        var attendance = new PartnerAgenda(Guid.NewGuid(), Guid.NewGuid(), "Hilltop School", "Better attendance");
        var objectives = new[]
        {
            new PartnershipObjective(Guid.NewGuid(), "Family reading club", [reading.Id, attendance.Id]),
            new PartnershipObjective(Guid.NewGuid(), "Homework club", [attendance.Id]),
        };

        var notMet = AgendaCoverage.NotMet([reading, footfall, attendance], objectives);

        var only = Assert.Single(notMet);
        Assert.Equal(footfall, only.Agenda);
        Assert.StartsWith("No objective serves Hilltop Library's agenda \u201cFootfall up by a tenth\u201d.", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_objectives_every_agenda_is_not_met()
    {
        var agendas = new[]
        {
            new PartnerAgenda(Guid.NewGuid(), Library, "Hilltop Library", "A"),
            new PartnerAgenda(Guid.NewGuid(), Library, "Hilltop Library", "B"),
        };

        Assert.Equal(agendas, AgendaCoverage.NotMet(agendas, []).Select(n => n.Agenda));
    }

    [Fact]
    public void Objectives_naming_unknown_agendas_do_not_cause_errors()
    {
        var agenda = new PartnerAgenda(Guid.NewGuid(), Library, "Hilltop Library", "A");

        Assert.Empty(AgendaCoverage.NotMet([agenda], [new PartnershipObjective(Guid.NewGuid(), "X", [Guid.NewGuid(), agenda.Id])]));
    }
}
