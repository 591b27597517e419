using System.Text.RegularExpressions;

namespace Concord.Web.Features.Organisations;

/// <summary>
/// Pure rules for an organisation's record: tidying what people type and checking it is plausible.
/// Errors are keyed by field name (PascalCase) so pages and the API can both use them.
/// </summary>
public static partial class OrganisationRules
{
    public const int NameMaxLength = 200;

    /// <summary>Trims text and turns blank into null.</summary>
    public static string? Tidy(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Registered charity numbers: England and Wales (6 to 8 digits, optionally "-1" for a linked charity),
    /// Scotland ("SC" and 6 digits) and Northern Ireland ("NIC" and 6 digits, or 6 digits).
    /// Returns the tidy form, or null when it is not plausible.
    /// </summary>
    public static string? NormaliseCharityNumber(string value)
    {
        var compact = value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return CharityNumber().IsMatch(compact) ? compact : null;
    }

    /// <summary>Companies House numbers: 8 characters, digits or a 2-letter prefix (SC, NI, OC…) and 6 digits. Short all-digit numbers are padded with zeros.</summary>
    public static string? NormaliseCompanyNumber(string value)
    {
        var compact = value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is >= 6 and < 8 && compact.All(char.IsAsciiDigit))
        {
            compact = compact.PadLeft(8, '0');
        }

        return CompanyNumber().IsMatch(compact) ? compact : null;
    }

    /// <summary>An http or https address with a real-looking host. "www.example.org" is read as https.</summary>
    public static string? NormaliseWebsite(string value)
    {
        var text = value.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            !uri.Host.Contains('.', StringComparison.Ordinal) || uri.Host.StartsWith('.') || uri.Host.EndsWith('.') ||
            text.Any(char.IsWhiteSpace))
        {
            return null;
        }

        return uri.ToString();
    }

    public sealed record Fields(string? Name, string? CharityNumber, string? CompanyNumber, string? Website, string? Address);

    /// <summary>Checks and tidies the fields; returns the tidy values and any errors by field.</summary>
    public static (Fields Tidy, Dictionary<string, string> Errors) Check(Fields input)
    {
        var errors = new Dictionary<string, string>();
        var name = Tidy(input.Name);
        if (name is null)
        {
            errors["Name"] = "Enter the organisation's name";
        }
        else if (name.Length > NameMaxLength)
        {
            errors["Name"] = $"The name must be {NameMaxLength} characters or fewer";
        }

        string? charity = null;
        if (Tidy(input.CharityNumber) is { } c)
        {
            charity = NormaliseCharityNumber(c);
            if (charity is null)
            {
                errors["CharityNumber"] = "Enter a charity number in the right format, like 1234567, SC012345 or NIC100001";
            }
        }

        string? company = null;
        if (Tidy(input.CompanyNumber) is { } co)
        {
            company = NormaliseCompanyNumber(co);
            if (company is null)
            {
                errors["CompanyNumber"] = "Enter a company number in the right format, like 01234567 or SC123456";
            }
        }

        string? website = null;
        if (Tidy(input.Website) is { } w)
        {
            website = w.Length > 300 ? null : NormaliseWebsite(w);
            if (website is null)
            {
                errors["Website"] = "Enter a web address in the right format, like https://www.example.org.uk";
            }
        }

        var address = Tidy(input.Address);
        if (address is { Length: > 500 })
        {
            errors["Address"] = "The address must be 500 characters or fewer";
        }

        return (new Fields(name, charity, company, website, address), errors);
    }

    /// <summary>An organisation always keeps at least one admin, who can manage its people.</summary>
    public static bool WouldLeaveNoAdmin(OrganisationRole memberRole, OrganisationRole? newRole, int admins) =>
        memberRole == OrganisationRole.Admin && newRole != OrganisationRole.Admin && admins <= 1;

    /// <summary>A plausible e-mail address: something@something.something, no spaces.</summary>
    public static bool IsEmail(string? value) =>
        value is { Length: > 3 and <= 256 } && Email().IsMatch(value.Trim());

    [GeneratedRegex(@"^(\d{6,8}(-\d{1,2})?|SC\d{6}|NIC\d{6})$")]
    private static partial Regex CharityNumber();

    [GeneratedRegex(@"^(\d{8}|[A-Z]{2}\d{6})$")]
    private static partial Regex CompanyNumber();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
