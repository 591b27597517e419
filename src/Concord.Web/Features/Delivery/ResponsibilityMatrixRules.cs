namespace Concord.Web.Features.Delivery;

/// <summary>The four roles of a responsibility (RACI) matrix.</summary>
public enum RaciRole
{
    /// <summary>Does the work.</summary>
    Responsible,

    /// <summary>Answers for the result and signs it off; exactly one per workstream.</summary>
    Accountable,

    /// <summary>Asked for a view before decisions.</summary>
    Consulted,

    /// <summary>Kept up to date.</summary>
    Informed,
}

public sealed record MatrixPartner(Guid Id, string Name);

public sealed record MatrixWorkstream(Guid Id, string Name);

/// <summary>One letter in the matrix. A partner may hold several roles in one workstream
/// (Accountable and Responsible together is common for small partnerships).</summary>
public sealed record RaciCell(Guid PartnerId, Guid WorkstreamId, RaciRole Role);

public enum MatrixProblemKind
{
    NoAccountable,
    MoreThanOneAccountable,
    NoResponsible,
}

public sealed record MatrixProblem(Guid WorkstreamId, MatrixProblemKind Kind, IReadOnlyList<Guid> PartnerIds, string Message);

public static class ResponsibilityMatrixRules
{
    /// <summary>
    /// Problems per workstream, in workstream order: exactly one partner must be accountable (shared
    /// accountability means nobody answers for the result) and at least one must be responsible.
    /// Cells for partners or workstreams not in the lists are ignored: they belong to partners who have
    /// left or workstreams that were removed, and must not count towards a workstream's cover.
    /// </summary>
    public static IReadOnlyList<MatrixProblem> FindProblems(
        IEnumerable<MatrixWorkstream> workstreams, IEnumerable<MatrixPartner> partners, IEnumerable<RaciCell> cells)
    {
        var partnerList = partners.ToList();
        var known = partnerList.Select(p => p.Id).ToHashSet();
        var cellsByWorkstream = cells.Where(c => known.Contains(c.PartnerId)).ToLookup(c => c.WorkstreamId);
        var problems = new List<MatrixProblem>();

        foreach (var ws in workstreams)
        {
            var wsCells = cellsByWorkstream[ws.Id].ToList();
            var accountable = PartnersWith(wsCells, RaciRole.Accountable, partnerList);
            var responsible = PartnersWith(wsCells, RaciRole.Responsible, partnerList);

            if (accountable.Count == 0)
            {
                problems.Add(new(ws.Id, MatrixProblemKind.NoAccountable, [],
                    $"Nobody is accountable for \u201c{ws.Name}\u201d. Choose one partner to be accountable."));
            }
            else if (accountable.Count > 1)
            {
                problems.Add(new(ws.Id, MatrixProblemKind.MoreThanOneAccountable, accountable.Select(p => p.Id).ToList(),
                    $"{JoinNames(accountable)} are {(accountable.Count == 2 ? "both" : "all")} accountable for \u201c{ws.Name}\u201d. " +
                    "Only one partner can be accountable: choose one, and make the others responsible or consulted."));
            }

            if (responsible.Count == 0)
            {
                problems.Add(new(ws.Id, MatrixProblemKind.NoResponsible, [],
                    $"Nobody is responsible for doing the work in \u201c{ws.Name}\u201d. Choose at least one partner to be responsible."));
            }
        }

        return problems;
    }

    // Keeps the partners' own order so messages read the same way as the matrix columns.
    private static List<MatrixPartner> PartnersWith(List<RaciCell> cells, RaciRole role, List<MatrixPartner> partners)
    {
        var ids = cells.Where(c => c.Role == role).Select(c => c.PartnerId).ToHashSet();
        return partners.Where(p => ids.Contains(p.Id)).ToList();
    }

    private static string JoinNames(List<MatrixPartner> partners) =>
        partners.Count == 2
            ? $"{partners[0].Name} and {partners[1].Name}"
            : string.Join(", ", partners.Take(partners.Count - 1).Select(p => p.Name)) + " and " + partners[^1].Name;
}
