using System.Text;
using System.Text.Json;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Demo;

/// <summary>
/// Loads a demo network so people can try Concord with realistic data. All names and text are invented.
/// It grows with every capability. Running it again finds what it made before and resets the demo password.
/// </summary>
public sealed class DemoNetwork(ConcordDb db, UserManager<Account> users, TimeProvider clock, IEnumerable<IDemoSeeder> seeders)
{
    public const string NetworkName = "Brightwater Community Partnerships Programme";
    public const string Password = "brightwater-demo-walk";
    private const string Domain = "brightwater.example";

    private sealed record OrgSpec(string Key, string Name, OrganisationType Type, string? Charity, IncomeBand Income, string Address, string Website);

    private sealed record PersonSpec(string Key, string Name, NetworkRole NetworkRole, (string Org, OrganisationRole Role)[] Orgs,
        (string Partnership, PartnershipRole Role, string? Representing)[] Partnerships);

    private static readonly OrgSpec[] Orgs =
    [
        new("silverlinks", "Silverlinks Older People's Trust", OrganisationType.Charity, "1187342", IncomeBand.From100kTo1m, "14 Mill Lane, Brightwater BW1 2AB", "https://silverlinks.example"),
        new("kettle", "Kettle and Chat Befriending", OrganisationType.CommunityGroup, null, IncomeBand.Under10k, "St Anne's Hall, Brightwater BW3 4CD", "https://kettleandchat.example"),
        new("advice", "Brightwater Advice Centre", OrganisationType.Charity, "1098821", IncomeBand.From100kTo1m, "2 Market Square, Brightwater BW1 1AA", "https://brightwateradvice.example"),
        new("riverside", "Riverside Homes", OrganisationType.HousingAssociation, null, IncomeBand.Over10m, "Riverside House, Quay Street, Brightwater BW2 9EF", "https://riversidehomes.example"),
        new("academy", "Brightwater Academy", OrganisationType.SchoolOrCollege, null, IncomeBand.From1mTo10m, "College Road, Brightwater BW4 6GH", "https://brightwateracademy.example"),
        new("council", "Brightwater Borough Council Communities Team", OrganisationType.Council, null, IncomeBand.Over10m, "Civic Centre, Brightwater BW1 5JK", "https://brightwater-council.example"),
    ];

    private const string Loneliness = "Brightwater Together Against Loneliness";
    private const string Generations = "Generations Connect";

    private static readonly PersonSpec[] People =
    [
        new("nadia.okafor", "Nadia Okafor", NetworkRole.NetworkAdmin, [], []),
        new("leon.hughes", "Leon Hughes", NetworkRole.LearningTeam, [], []),
        new("cara.whitfield", "Cara Whitfield", NetworkRole.None, [("silverlinks", OrganisationRole.Admin)],
            [(Loneliness, PartnershipRole.Coordinator, "silverlinks"), (Generations, PartnershipRole.PartnerLead, "silverlinks")]),
        new("pete.lomas", "Pete Lomas", NetworkRole.None, [("kettle", OrganisationRole.Admin)],
            [(Loneliness, PartnershipRole.PartnerLead, "kettle"), (Generations, PartnershipRole.PartnerLead, "kettle")]),
        new("sam.reid", "Sam Reid", NetworkRole.None, [("advice", OrganisationRole.Staff)], [(Loneliness, PartnershipRole.Staff, "advice")]),
        new("val.mensah", "Val Mensah", NetworkRole.None, [("kettle", OrganisationRole.Volunteer)], [(Loneliness, PartnershipRole.Volunteer, "kettle")]),
        new("steph.greaves", "Dr Steph Greaves", NetworkRole.None, [], [(Loneliness, PartnershipRole.SteeringMember, null)]),
        new("owen.finch", "Owen Finch", NetworkRole.None, [], [(Loneliness, PartnershipRole.Observer, null)]),
        new("olive.brandt", "Olive Brandt", NetworkRole.None, [("riverside", OrganisationRole.Admin)], [(Loneliness, PartnershipRole.PartnerLead, "riverside")]),
        new("ian.castle", "Ian Castle", NetworkRole.None, [("advice", OrganisationRole.Admin)], [(Loneliness, PartnershipRole.PartnerLead, "advice")]),
        new("grace.adeyemi", "Grace Adeyemi", NetworkRole.None, [("academy", OrganisationRole.Staff)], [(Generations, PartnershipRole.Coordinator, "academy")]),
        new("rob.delaney", "Rob Delaney", NetworkRole.None, [("council", OrganisationRole.Staff)],
            [(Loneliness, PartnershipRole.PartnerLead, "council"), (Generations, PartnershipRole.PartnerLead, "council")]),
    ];

    public async Task<DemoResult> LoadAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = London.Today(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var network = await db.Set<Network.Network>().OrderBy(n => n.CreatedAt).FirstOrDefaultAsync(ct);
        if (network is null)
        {
            network = new Network.Network { Name = NetworkName, CreatedAt = now };
            db.Add(network);
        }

        var organisations = new Dictionary<string, Organisation>();
        foreach (var spec in Orgs)
        {
            var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Name == spec.Name, ct);
            if (organisation is null)
            {
                organisation = new Organisation
                {
                    Name = spec.Name,
                    Type = spec.Type,
                    CharityNumber = spec.Charity,
                    IncomeBand = spec.Income,
                    Address = spec.Address,
                    Website = spec.Website,
                    CreatedAt = now,
                };
                db.Add(organisation);
            }

            organisations[spec.Key] = organisation;
        }

        var partnerships = new Dictionary<string, Partnership>
        {
            [Loneliness] = await PartnershipAsync(Loneliness, organisations["silverlinks"], PartnershipStatus.Active,
                "Reduce loneliness and isolation among older people in Brightwater by joining up befriending, advice, housing and council support.",
                "People aged 65 and over living alone in Brightwater, especially those recently bereaved or newly housebound.",
                today.AddMonths(-8), today.AddMonths(28), now, ct),
            [Generations] = await PartnershipAsync(Generations, organisations["kettle"], PartnershipStatus.Forming,
                "Bring secondary school students and older neighbours together for weekly shared activities, so both groups feel more connected.",
                "Older people who attend lunch clubs, and Year 9 and Year 10 students at Brightwater Academy.",
                today.AddMonths(2), today.AddMonths(20), now, ct),
        };
        await db.SaveChangesAsync(ct);

        await PartnersAsync(partnerships[Loneliness], today.AddMonths(-8), ct,
            (organisations["silverlinks"], PartnerRole.Lead), (organisations["kettle"], PartnerRole.Delivery),
            (organisations["advice"], PartnerRole.Referral), (organisations["riverside"], PartnerRole.Delivery),
            (organisations["council"], PartnerRole.Associate));
        await PartnersAsync(partnerships[Generations], today.AddDays(-20), ct,
            (organisations["kettle"], PartnerRole.Lead), (organisations["academy"], PartnerRole.Delivery),
            (organisations["silverlinks"], PartnerRole.Delivery), (organisations["council"], PartnerRole.Associate));

        var result = new DemoResult { Network = network.Name, Password = Password };
        var accountIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var person in People)
        {
            var account = await AccountAsync(person, now);
            accountIds[account.Email!] = account.Id;
            var entry = new DemoAccount(account.Email!, account.DisplayName, person.NetworkRole.ToString(), [], [], null);
            foreach (var (orgKey, role) in person.Orgs)
            {
                var organisation = organisations[orgKey];
                if (!await db.Set<OrganisationMembership>().AnyAsync(m => m.OrganisationId == organisation.Id && m.AccountId == account.Id, ct))
                {
                    db.Add(new OrganisationMembership { OrganisationId = organisation.Id, AccountId = account.Id, Role = role, CreatedAt = now });
                }

                entry.Organisations.Add(new DemoMembership(organisation.Id, organisation.Name, role.ToString()));
            }

            foreach (var (name, role, representing) in person.Partnerships)
            {
                var partnership = partnerships[name];
                if (!await db.Set<PartnershipMembership>().AnyAsync(m => m.PartnershipId == partnership.Id && m.AccountId == account.Id, ct))
                {
                    db.Add(new PartnershipMembership
                    {
                        PartnershipId = partnership.Id,
                        AccountId = account.Id,
                        Role = role,
                        OrganisationId = representing is null ? null : organisations[representing].Id,
                        CreatedAt = now,
                    });
                }

                entry.Partnerships.Add(new DemoMembership(partnership.Id, partnership.Name, role.ToString()));
            }

            var needsTwoFactor = person.NetworkRole == NetworkRole.NetworkAdmin || person.Partnerships.Any(p => p.Role == PartnershipRole.Coordinator);
            if (needsTwoFactor)
            {
                // Roles that must use two-step verification get it switched on with a known key, so the demo can be used at once.
                var key = await users.GetAuthenticatorKeyAsync(account);
                if (string.IsNullOrEmpty(key))
                {
                    await users.ResetAuthenticatorKeyAsync(account);
                    key = await users.GetAuthenticatorKeyAsync(account);
                }

                await users.SetTwoFactorEnabledAsync(account, true);
                entry = entry with { AuthenticatorKey = key };
            }

            result.Accounts.Add(entry);
        }

        await db.SaveChangesAsync(ct);

        // Each feature's part of the demo, found by the app (IDemoSeeder), in order.
        var context = new DemoContext(db, clock, organisations,
            partnerships.Values.ToDictionary(p => p.Name, StringComparer.Ordinal),
            result.Accounts.ToDictionary(a => a.Email.Split('@')[0], a => accountIds[a.Email], StringComparer.Ordinal));
        foreach (var seeder in seeders.OrderBy(s => s.Order).ThenBy(s => s.GetType().Name, StringComparer.Ordinal))
        {
            await seeder.SeedAsync(context, ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);

        result.Organisations.AddRange(organisations.Values.Select(o => new DemoOrganisation(o.Id, o.Name, o.Type.ToString())));
        result.Partnerships.AddRange(partnerships.Values.Select(p => new DemoPartnership(p.Id, p.Name, p.Status.ToString())));
        return result;
    }

    private async Task<Partnership> PartnershipAsync(string name, Organisation lead, PartnershipStatus status, string purpose,
        string beneficiaries, DateOnly start, DateOnly end, DateTimeOffset now, CancellationToken ct)
    {
        var partnership = await db.Set<Partnership>().FirstOrDefaultAsync(p => p.Name == name, ct);
        if (partnership is null)
        {
            partnership = new Partnership
            {
                Name = name,
                Purpose = purpose,
                Beneficiaries = beneficiaries,
                Area = "Brightwater",
                StartDate = start,
                EndDate = end,
                Funder = "Brightwater Community Foundation",
                Status = status,
                LeadOrganisationId = lead.Id,
                CreatedAt = now,
            };
            db.Add(partnership);
        }

        return partnership;
    }

    private async Task PartnersAsync(Partnership partnership, DateOnly joined, CancellationToken ct, params (Organisation Org, PartnerRole Role)[] partners)
    {
        foreach (var (organisation, role) in partners)
        {
            if (!await db.Set<Partner>().AnyAsync(p => p.PartnershipId == partnership.Id && p.OrganisationId == organisation.Id, ct))
            {
                db.Add(new Partner { PartnershipId = partnership.Id, OrganisationId = organisation.Id, Role = role, JoinedOn = joined });
            }
        }
    }

    private async Task<Account> AccountAsync(PersonSpec person, DateTimeOffset now)
    {
        var email = $"{person.Key}@{Domain}";
        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            account = new Account
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = person.Name,
                NetworkRole = person.NetworkRole,
                CreatedAt = now,
            };
            Check(await users.CreateAsync(account, Password));
        }
        else
        {
            Check(await users.RemovePasswordAsync(account));
            Check(await users.AddPasswordAsync(account, Password));
        }

        return account;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo could not create an account: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed record DemoMembership(Guid Id, string Name, string Role);

public sealed record DemoAccount(string Email, string Name, string NetworkRole, List<DemoMembership> Organisations,
    List<DemoMembership> Partnerships, string? AuthenticatorKey);

public sealed record DemoOrganisation(Guid Id, string Name, string Type);

public sealed record DemoPartnership(Guid Id, string Name, string Status);

public sealed class DemoResult
{
    public string Network { get; set; } = "";
    public string Password { get; set; } = "";
    public List<DemoAccount> Accounts { get; } = [];
    public List<DemoOrganisation> Organisations { get; } = [];
    public List<DemoPartnership> Partnerships { get; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true });

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"Demo network: {Network}");
        text.AppendLine($"Every demo account's password: {Password}");
        text.AppendLine();
        foreach (var account in Accounts)
        {
            var roles = account.Partnerships.Select(p => $"{p.Role} in {p.Name}")
                .Concat(account.Organisations.Select(o => $"{o.Role} at {o.Name}"))
                .Prepend(account.NetworkRole == "None" ? null : account.NetworkRole)
                .Where(r => r is not null);
            text.AppendLine($"  {account.Email,-38} {account.Name} – {string.Join("; ", roles)}");
            if (account.AuthenticatorKey is not null)
            {
                text.AppendLine($"  {"",-38} two-step verification key: {account.AuthenticatorKey}");
            }
        }

        return text.ToString();
    }
}
