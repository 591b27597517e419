using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Shared;
using Concord.Web.Infrastructure.Access;

namespace Concord.Tests.Access;

/// <summary>The permissions table in docs/ARCHITECTURE.md is the one in the code, row for row.</summary>
public sealed class ArchitectureDocTests
{
    [Fact]
    public void The_documented_permissions_table_is_the_code_s()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "ARCHITECTURE.md"));
        var roles = Enum.GetValues<PartnershipRole>();
        Assert.Contains("| operation | " + string.Join(" | ", roles.Select(r => Display.Name(r))) + " |", doc, StringComparison.Ordinal);
        foreach (var operation in Enum.GetValues<PartnershipOperation>())
        {
            var row = $"| {operation} | " + string.Join(" | ", roles.Select(r => Permissions.Allows(r, operation) ? "yes" : "–")) + " |";
            Assert.True(doc.Contains(row, StringComparison.Ordinal), $"docs/ARCHITECTURE.md should have the row: {row}");
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Concord.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Concord.slnx not found above the test folder.");
    }
}
