namespace Concord.Web.Features.Readiness;

/// <summary>An aim, funder requirement or outcome requirement a partner has recorded.</summary>
public sealed record PartnerAgenda(Guid Id, Guid PartnerId, string PartnerName, string Description);

/// <summary>A partnership objective and the ids of the agendas it serves.</summary>
public sealed record PartnershipObjective(Guid Id, string Title, IReadOnlyCollection<Guid> ServesAgendaIds);

/// <summary>An agenda that no objective serves, with a message ready to show.</summary>
public sealed record AgendaNotMet(PartnerAgenda Agenda, string Message);

public static class AgendaCoverage
{
    /// <summary>Agendas that no objective serves, in the order given. An objective naming an agenda id
    /// that is not in the list is ignored rather than treated as an error: agendas can be withdrawn.</summary>
    public static IReadOnlyList<AgendaNotMet> NotMet(
        IEnumerable<PartnerAgenda> agendas, IEnumerable<PartnershipObjective> objectives)
    {
        var served = objectives.SelectMany(o => o.ServesAgendaIds).ToHashSet();
        return agendas
            .Where(a => !served.Contains(a.Id))
            .Select(a => new AgendaNotMet(a,
                $"No objective serves {a.PartnerName}'s agenda \u201c{a.Description}\u201d. " +
                "Link it to an objective, add an objective for it, or agree with them that the partnership will not meet it."))
            .ToList();
    }
}
