using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ReadinessDeliveryJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    private sealed record Setup(Guid PartnershipId, string PartnershipName, TestAccount Coordinator, TestAccount[] Leads, string[] Names);

    /// <summary>A partnership of three partners; each partner's lead is its lead contact; the coordinator represents the first.</summary>
    private async Task<Setup> SetUpAsync()
    {
        var app = Fixture.App;
        var tag = Guid.NewGuid().ToString("N")[..4];
        var coordinator = await app.CreateAccountAsync(twoFactor: true, name: "Amara Cole");
        var leads = new[]
        {
            await app.CreateAccountAsync(name: "Ben Ortiz"),
            await app.CreateAccountAsync(name: "Chloe Park"),
            await app.CreateAccountAsync(name: "Dev Raman"),
        };
        var names = new[] { $"Harbour Lights Trust {tag}", $"Tuesday Club {tag}", $"Quayside Housing {tag}" };
        var organisations = new List<Organisation>();
        for (var i = 0; i < 3; i++)
        {
            organisations.Add(await app.CreateOrganisationAsync(names[i], (leads[i], OrganisationRole.Admin)));
        }

        var partnership = new Partnership { Name = $"Harbour Friends {tag}", Purpose = "Less loneliness by the harbour", LeadOrganisationId = organisations[0].Id, Status = PartnershipStatus.Forming, CreatedAt = DateTimeOffset.UtcNow };
        await app.WithDbAsync(async db =>
        {
            db.Add(partnership);
            for (var i = 0; i < 3; i++)
            {
                db.Add(new Partner { PartnershipId = partnership.Id, OrganisationId = organisations[i].Id, Role = i == 0 ? PartnerRole.Lead : PartnerRole.Delivery, JoinedOn = new DateOnly(2026, 1, 1), LeadContactId = leads[i].Id });
                db.Add(new PartnershipMembership { PartnershipId = partnership.Id, AccountId = leads[i].Id, Role = PartnershipRole.PartnerLead, OrganisationId = organisations[i].Id, CreatedAt = DateTimeOffset.UtcNow });
            }

            db.Add(new PartnershipMembership { PartnershipId = partnership.Id, AccountId = coordinator.Id, Role = PartnershipRole.Coordinator, OrganisationId = organisations[0].Id, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        return new Setup(partnership.Id, partnership.Name, coordinator, leads, names);
    }

    private async Task<IPage> PageForAsync(TestAccount account)
    {
        var context = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(account);
        return page;
    }

    [Fact]
    public Task Three_partners_answer_the_reflection_and_the_divergence_is_shown() => JourneyAsync(nameof(Three_partners_answer_the_reflection_and_the_divergence_is_shown), async page =>
    {
        var s = await SetUpAsync();
        var answers = new[]
        {
            ("Older people by the harbour are isolated and we cannot reach them all alone", "A befriending team of forty volunteers and a minibus", "No"),
            ("Older people by the harbour are isolated and need weekly company", "Trust", "Partly"),
            ("Reduce rent arrears and tenancy failures on our estates", "Tenancy officers who know every older tenant", "Yes"),
        };
        for (var i = 0; i < 3; i++)
        {
            var who = i == 0 ? page : await PageForAsync(s.Leads[i]);
            if (i == 0)
            {
                await page.SignInAsync(s.Leads[0]);
            }

            await who.GotoAsync($"/partnerships/{s.PartnershipId}/readiness");
            await who.GetByRole(AriaRole.Link, new() { Name = $"Answer for {s.Names[i]}" }).ClickAsync();
            await Assertions.Expect(who.GetByRole(AriaRole.Heading, new() { Name = $"Readiness answers for {s.Names[i]}" })).ToBeVisibleAsync();
            await AssertAccessibleAsync(who);
            await who.GetByLabel("Why do you want to work in partnership at all?").FillAsync(answers[i].Item1);
            await who.GetByLabel("What added value does each partner bring?").FillAsync(answers[i].Item2);
            await who.GetByLabel(answers[i].Item3 == "Yes" ? "Yes, mainly" : answers[i].Item3, new() { Exact = true }).CheckAsync();
            if (i == 0)
            {
                // Part-way through: a draft, which does not yet count as the partner's answers.
                await who.GetByRole(AriaRole.Button, new() { Name = "Save answers" }).ClickAsync();
                await Assertions.Expect(who.GetByRole(AriaRole.Status)).ToContainTextAsync($"You saved a draft of {s.Names[i]}'s answers.");
                await Assertions.Expect(who.GetByText($"{s.Names[i]}: draft, not every question answered yet")).ToBeVisibleAsync();
                await who.GetByRole(AriaRole.Link, new() { Name = $"Finish for {s.Names[i]}" }).ClickAsync();
            }

            await who.GetByLabel("How will the people you serve benefit?").FillAsync("Fewer days alone at home");
            await who.GetByLabel("Explain your answer").FillAsync("It is our own idea");
            await who.GetByLabel("What of your own mission and values is at stake?").FillAsync("Our independence");
            await who.GetByLabel("What does a small partner bring that its size does not show?").FillAsync("Trust on the quayside");
            await who.GetByRole(AriaRole.Button, new() { Name = "Save answers" }).ClickAsync();
            await Assertions.Expect(who.GetByRole(AriaRole.Status)).ToContainTextAsync($"You saved {s.Names[i]}'s answers.");
        }

        await page.ReloadAsync();
        var divergence = page.Locator("ul.flags");
        await Assertions.Expect(divergence).ToContainTextAsync($"{s.Names[2]} says the partnership is mainly driven by a funder's wish");
        await Assertions.Expect(divergence).ToContainTextAsync("describe different reasons for partnering");
        await Assertions.Expect(divergence).ToContainTextAsync($"{s.Names[1]} has not said what added value it brings");
        await Assertions.Expect(page.GetByText("Mainly funder-driven").First).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        // Two partners who both write about isolated older people by the harbour are not flagged against each other.
        await Assertions.Expect(divergence.GetByText($"{s.Names[0]} and {s.Names[1]} describe different reasons")).ToHaveCountAsync(0);

        // Only the partner's own people answer for it.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Change for {s.Names[1]}" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/partnerships/{s.PartnershipId}");
        await Assertions.Expect(page.GetByText("points of divergence to talk about")).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_coordinator_builds_the_responsibility_matrix_and_the_leads_sign_the_agreement_then_sign_again_after_an_edit() => JourneyAsync(nameof(A_coordinator_builds_the_responsibility_matrix_and_the_leads_sign_the_agreement_then_sign_again_after_an_edit), async page =>
    {
        var s = await SetUpAsync();
        await page.SignInAsync(s.Coordinator);

        await page.GotoAsync($"/partnerships/{s.PartnershipId}/delivery");
        await AssertAccessibleAsync();
        await page.GetByLabel("Title").FillAsync("Harbour walks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the workstream" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You added the workstream");
        await Assertions.Expect(page.GetByText("Nobody is accountable for \u201cHarbour walks\u201d")).ToBeVisibleAsync();
        // One partner can be both responsible and accountable: the doer answers for the result.
        await page.GetByRole(AriaRole.Group, new() { Name = $"Roles of {s.Names[0]} in Harbour walks" }).GetByLabel("A – Accountable").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = $"Roles of {s.Names[0]} in Harbour walks" }).GetByLabel("R – Responsible").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = $"Roles of {s.Names[1]} in Harbour walks" }).GetByLabel("C – Consulted").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = $"Roles of {s.Names[2]} in Harbour walks" }).GetByLabel("I – Informed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the matrix" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You saved the responsibility matrix.");
        await Assertions.Expect(page.GetByText("Every workstream has exactly one accountable partner")).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GotoAsync($"/partnerships/{s.PartnershipId}/agreement");
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Write the agreement" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Agreement text").FillAsync("# Harbour Friends agreement\n\nWe walk together every Thursday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new version" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Version 1 is awaiting 3 signatures")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.agreement-text")).ToContainTextAsync("Harbour walks");

        async Task SignAllAsync(int version)
        {
            for (var i = 0; i < 3; i++)
            {
                var lead = await PageForAsync(s.Leads[i]);
                await lead.GotoAsync($"/partnerships/{s.PartnershipId}/agreement");
                if (i == 0)
                {
                    await AssertAccessibleAsync(lead);
                }

                await lead.GetByRole(AriaRole.Button, new() { Name = $"Sign version {version}" }).ClickAsync();
                await Assertions.Expect(lead.GetByRole(AriaRole.Status)).ToContainTextAsync("You signed the agreement.");
                await lead.Context.CloseAsync();
            }
        }

        await SignAllAsync(1);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("Version 1 is in force")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Make a new version" }).ClickAsync();
        await page.GetByLabel("Agreement text").FillAsync("# Harbour Friends agreement\n\nWe walk together every Thursday and Sunday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new version" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Enhancement").CheckAsync();
        await page.GetByLabel("Reason for the new version").FillAsync("Walkers asked for a weekend walk.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new version" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Version 2 is awaiting 3 signatures; version 1 is in force until then")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Version 1 compared with version 2" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ins")).ToContainTextAsync("Thursday and Sunday");
        await Assertions.Expect(page.Locator("del")).ToContainTextAsync("every Thursday.");
        await AssertAccessibleAsync();

        await SignAllAsync(2);
        await page.GotoAsync($"/partnerships/{s.PartnershipId}");
        await Assertions.Expect(page.GetByText("Version 2 is in force")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    });
}
