using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;

namespace Concord.Tests.Organisations;

public sealed class OrganisationRulesTests
{
    [Theory]
    [InlineData("1234567", "1234567")]
    [InlineData("1 234 567", "1234567")]
    [InlineData("1234567-1", "1234567-1")]
    [InlineData("sc012345", "SC012345")]
    [InlineData("NIC100001", "NIC100001")]
    [InlineData("12AB", null)]
    [InlineData("123", null)]
    public void Charity_numbers_are_tidied_or_refused(string typed, string? expected) =>
        Assert.Equal(expected, OrganisationRules.NormaliseCharityNumber(typed));

    [Theory]
    [InlineData("https://example.org", "https://example.org/")]
    [InlineData("www.example.org.uk", "https://www.example.org.uk/")]
    [InlineData("http://example.org/about", "http://example.org/about")]
    [InlineData("ftp://example.org", null)]
    [InlineData("not a website", null)]
    [InlineData("localhost", null)]
    [InlineData("javascript:alert(1)", null)]
    public void Websites_must_be_http_or_https(string typed, string? expected) =>
        Assert.Equal(expected, OrganisationRules.NormaliseWebsite(typed));

    [Fact]
    public void The_last_admin_and_the_last_coordinator_stay()
    {
        Assert.True(OrganisationRules.WouldLeaveNoAdmin(OrganisationRole.Admin, null, 1));
        Assert.True(OrganisationRules.WouldLeaveNoAdmin(OrganisationRole.Admin, OrganisationRole.Staff, 1));
        Assert.False(OrganisationRules.WouldLeaveNoAdmin(OrganisationRole.Admin, null, 2));
        Assert.False(OrganisationRules.WouldLeaveNoAdmin(OrganisationRole.Staff, null, 1));
        Assert.True(PartnershipRules.WouldLeaveNoCoordinator(PartnershipRole.Coordinator, PartnershipRole.Observer, 1));
        Assert.False(PartnershipRules.WouldLeaveNoCoordinator(PartnershipRole.Coordinator, PartnershipRole.Coordinator, 1));
        Assert.False(PartnershipRules.WouldLeaveNoCoordinator(PartnershipRole.Staff, null, 1));
    }

    [Fact]
    public void A_partnership_ends_after_it_starts()
    {
        var (_, errors) = PartnershipRules.Check(new("Name", "Purpose", null, null, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), null));
        Assert.Equal("The end date must be after the start date", errors["EndDate"]);
    }

    [Theory]
    [InlineData("Coordinator", true)]
    [InlineData("coordinator", true)]
    [InlineData("0", false)]
    [InlineData("Boss", false)]
    [InlineData("", false)]
    public void Role_names_parse_by_name_only(string value, bool ok) =>
        Assert.Equal(ok, PartnershipRules.TryParseName<PartnershipRole>(value, out _));
}
