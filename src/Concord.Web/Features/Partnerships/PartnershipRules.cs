namespace Concord.Web.Features.Partnerships;

/// <summary>Pure rules for a partnership's record and its people. No EF, no HTTP.</summary>
public static class PartnershipRules
{
    public sealed record Fields(string? Name, string? Purpose, string? Beneficiaries, string? Area,
        DateOnly? StartDate, DateOnly? EndDate, string? Funder);

    /// <summary>Checks and tidies a partnership's details; errors are keyed by field name.</summary>
    public static (Fields Tidy, Dictionary<string, string> Errors) Check(Fields input)
    {
        var errors = new Dictionary<string, string>();
        var name = Organisations.OrganisationRules.Tidy(input.Name);
        if (name is null)
        {
            errors["Name"] = "Enter the partnership's name";
        }
        else if (name.Length > 200)
        {
            errors["Name"] = "The name must be 200 characters or fewer";
        }

        var purpose = Organisations.OrganisationRules.Tidy(input.Purpose);
        if (purpose is null)
        {
            errors["Purpose"] = "Enter what the partnership is for";
        }
        else if (purpose.Length > 4000)
        {
            errors["Purpose"] = "The purpose must be 4,000 characters or fewer";
        }

        var beneficiaries = Organisations.OrganisationRules.Tidy(input.Beneficiaries);
        if (beneficiaries is { Length: > 2000 })
        {
            errors["Beneficiaries"] = "Who benefits must be 2,000 characters or fewer";
        }

        var area = Organisations.OrganisationRules.Tidy(input.Area);
        if (area is { Length: > 200 })
        {
            errors["Area"] = "The area must be 200 characters or fewer";
        }

        var funder = Organisations.OrganisationRules.Tidy(input.Funder);
        if (funder is { Length: > 200 })
        {
            errors["Funder"] = "The funder must be 200 characters or fewer";
        }

        if (input.StartDate is { } start && input.EndDate is { } end && end <= start)
        {
            errors["EndDate"] = "The end date must be after the start date";
        }

        return (new Fields(name, purpose, beneficiaries, area, input.StartDate, input.EndDate, funder), errors);
    }

    /// <summary>
    /// A partnership always keeps at least one coordinator: someone has to run it.
    /// True when taking <paramref name="memberRole"/> away (removal or a change to <paramref name="newRole"/>) would leave none.
    /// </summary>
    public static bool WouldLeaveNoCoordinator(PartnershipRole memberRole, PartnershipRole? newRole, int coordinators) =>
        memberRole == PartnershipRole.Coordinator && newRole != PartnershipRole.Coordinator && coordinators <= 1;

    /// <summary>Parses an enum by name, ignoring case; numbers are not accepted.</summary>
    public static bool TryParseName<T>(string? value, out T result) where T : struct, Enum
    {
        result = default;
        return !string.IsNullOrWhiteSpace(value) && !value.Trim().All(c => char.IsAsciiDigit(c) || c == '-') &&
               Enum.TryParse(value.Trim(), ignoreCase: true, out result) && Enum.IsDefined(result);
    }
}
