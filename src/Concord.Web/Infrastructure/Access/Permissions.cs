using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;

namespace Concord.Web.Infrastructure.Access;

/// <summary>What a person may do inside a partnership. Each is granted to roles by <see cref="Permissions"/>.</summary>
public enum PartnershipOperation
{
    /// <summary>See the partnership and everything it holds (every member).</summary>
    View,
    /// <summary>Add and update commitments and their status, tick checklist items, write draft stories.</summary>
    Contribute,
    /// <summary>Record permanent entries in the communications ledger (corrections included).</summary>
    RecordLedger,
    /// <summary>Answer the readiness reflection and record aims for the organisation the person represents.</summary>
    AnswerForOrganisation,
    /// <summary>Sign the agreement for a partner (only as that partner's lead contact).</summary>
    SignAgreement,
    /// <summary>Run the partnership: details, partners, people, agreed contact, delivery model, objectives, agreement drafts, adopting checklists.</summary>
    Manage,
    /// <summary>Download everything the partnership holds (the hand-over export).</summary>
    Export,
    /// <summary>Publish the partnership's stories to the whole network, take them back to draft, and change published ones.</summary>
    Publish,
}

/// <summary>What a person may do to an organisation's record.</summary>
public enum OrganisationOperation
{
    /// <summary>See the organisation and its people (members; network admins see every organisation).</summary>
    View,
    /// <summary>Change its details, its people's roles, invite people (organisation admins and network admins).</summary>
    Manage,
}

/// <summary>
/// The permissions table: which partnership roles may do which operation. This is the only place roles are turned into
/// rights; docs/ARCHITECTURE.md shows the same table and a test checks every route against it. Some operations also
/// have a rule about the record (an organisation's answers only by people representing it; a partner's signature only
/// by its lead contact): those are checked by the feature's command and answered 403 the same way.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<PartnershipOperation, PartnershipRole[]> Partnership = new()
    {
        [PartnershipOperation.View] = Enum.GetValues<PartnershipRole>(),
        [PartnershipOperation.Contribute] =
            [PartnershipRole.Coordinator, PartnershipRole.PartnerLead, PartnershipRole.Staff, PartnershipRole.Volunteer, PartnershipRole.SteeringMember],
        [PartnershipOperation.RecordLedger] = [PartnershipRole.Coordinator, PartnershipRole.PartnerLead, PartnershipRole.Staff],
        [PartnershipOperation.AnswerForOrganisation] = [PartnershipRole.Coordinator, PartnershipRole.PartnerLead, PartnershipRole.Staff],
        [PartnershipOperation.SignAgreement] = [PartnershipRole.Coordinator, PartnershipRole.PartnerLead],
        [PartnershipOperation.Manage] = [PartnershipRole.Coordinator],
        [PartnershipOperation.Export] = [PartnershipRole.Coordinator],
        [PartnershipOperation.Publish] = [PartnershipRole.Coordinator, PartnershipRole.PartnerLead],
    };

    private static readonly Dictionary<OrganisationOperation, OrganisationRole[]> Organisation = new()
    {
        [OrganisationOperation.View] = Enum.GetValues<OrganisationRole>(),
        [OrganisationOperation.Manage] = [OrganisationRole.Admin],
    };

    public static bool Allows(PartnershipRole role, PartnershipOperation operation) =>
        Partnership.TryGetValue(operation, out var roles) && roles.Contains(role);

    /// <summary>Network admins manage every organisation's record and people, without being a member.</summary>
    public static bool Allows(OrganisationRole? role, bool networkAdmin, OrganisationOperation operation) =>
        networkAdmin || (role is { } r && Organisation.TryGetValue(operation, out var roles) && roles.Contains(r));

    public static IReadOnlyList<PartnershipRole> RolesFor(PartnershipOperation operation) => Partnership[operation];

    public static IReadOnlyList<OrganisationRole> RolesFor(OrganisationOperation operation) => Organisation[operation];

    /// <summary>Why a role is refused, in words for the 403 page and problem.</summary>
    public static string Refusal(PartnershipRole role, PartnershipOperation operation) => operation switch
    {
        PartnershipOperation.View => "You are not a member of this partnership.",
        PartnershipOperation.Contribute => $"As {Article(role)} you can read the partnership's records but not add to them.",
        PartnershipOperation.RecordLedger => "Ledger entries are permanent: coordinators, partner leads and staff record them.",
        PartnershipOperation.AnswerForOrganisation => "Coordinators, partner leads and staff answer for the organisation they represent.",
        PartnershipOperation.SignAgreement => "A partner's lead contact signs the agreement for it.",
        PartnershipOperation.Export => "Coordinators download the partnership's records.",
        PartnershipOperation.Publish => "Coordinators and partner leads publish the partnership's stories to the network.",
        _ => "Only coordinators run the partnership's details, people and plans.",
    };

    private static string Article(PartnershipRole role)
    {
        var name = Features.Shared.Display.Name(role).ToLowerInvariant();
        return ("aeiou".Contains(name[0]) ? "an " : "a ") + name;
    }
}
