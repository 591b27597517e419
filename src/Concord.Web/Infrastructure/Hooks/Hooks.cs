using System.Reflection;
using System.Text.Json;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concord.Web.Infrastructure.Hooks;

/// <summary>
/// One table of an export: its rows, read one at a time from the database, written as a JSON array (the app's JSON rules)
/// and as Excel-safe CSV. Features build them with <see cref="ExportTable.Of{T}"/>.
/// </summary>
public abstract class ExportTable
{
    protected ExportTable(string name, string? title)
    {
        Name = name;
        Title = title ?? Words(name);
    }

    /// <summary>The JSON property and the CSV file's name, in camelCase ("statusUpdates" → status-updates.csv).</summary>
    public string Name { get; }

    /// <summary>What the export page calls the table ("Status updates"): given, or made from the name.</summary>
    public string Title { get; }

    /// <summary>"statusUpdates" → "Status updates".</summary>
    public static string Words(string name)
    {
        var words = new System.Text.StringBuilder(name.Length + 4);
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && words.Length > 0)
            {
                words.Append(' ').Append(char.ToLowerInvariant(ch));
            }
            else
            {
                words.Append(words.Length == 0 ? char.ToUpperInvariant(ch) : ch);
            }
        }

        return words.ToString();
    }

    /// <summary>Writes the table as a named array into an open JSON object; <paramref name="writer"/> writes into <paramref name="pipe"/>.</summary>
    public abstract Task WriteJsonAsync(Utf8JsonWriter writer, System.IO.Pipelines.PipeWriter pipe, JsonSerializerOptions options, CancellationToken ct);

    public abstract Task WriteCsvAsync(Stream output, CancellationToken ct);

    public static ExportTable Of<T>(string name, Func<IAsyncEnumerable<T>> rows, IReadOnlyList<CsvColumn<T>> columns, string? title = null) =>
        new Table<T>(name, rows, columns, title);

    private sealed class Table<T>(string name, Func<IAsyncEnumerable<T>> rows, IReadOnlyList<CsvColumn<T>> columns, string? title) : ExportTable(name, title)
    {
        public override async Task WriteJsonAsync(Utf8JsonWriter writer, System.IO.Pipelines.PipeWriter pipe, JsonSerializerOptions options, CancellationToken ct)
        {
            writer.WriteStartArray(Name);
            await JsonExport.WriteItemsAsync(writer, pipe, rows(), options, ct);
            writer.WriteEndArray();
        }

        public override Task WriteCsvAsync(Stream output, CancellationToken ct) => CsvExport.WriteAsync(rows(), columns, output, ct);
    }
}

/// <summary>
/// A feature's part of a partnership's hand-over export (PRODUCT C15): found by the app, so a new feature is included by
/// implementing this, not by editing the export. The scope is the coordinator's, already checked.
/// </summary>
public interface IPartnershipExportPart
{
    /// <summary>Order in the document (lower first).</summary>
    int Order { get; }

    IEnumerable<ExportTable> Tables(PartnershipScope scope);
}

/// <summary>
/// A feature's part of what Concord holds about one account (the subject access export): what the person wrote, what
/// they are named in. Found by the app, like <see cref="IPartnershipExportPart"/>.
/// </summary>
public interface IPersonalDataPart
{
    int Order { get; }

    IEnumerable<ExportTable> Tables(Guid accountId);
}

/// <summary>What demo seeders build on: the organisations, partnerships and people the demo network made, by name and key.</summary>
public sealed record DemoContext(
    ConcordDb Db,
    TimeProvider Clock,
    IReadOnlyDictionary<string, Organisation> Organisations,
    IReadOnlyDictionary<string, Partnership> Partnerships,
    IReadOnlyDictionary<string, Guid> People);

/// <summary>A feature's part of the demo network, found by the app and run in <see cref="Order"/> after the people and partnerships exist.
/// Running the demo again must not duplicate anything (a seeder checks what it made before).</summary>
public interface IDemoSeeder
{
    int Order { get; }

    Task SeedAsync(DemoContext demo, CancellationToken ct);
}

/// <summary>
/// Marks a view component as a section of the partnership home, in <see cref="Order"/>. The home page renders every one;
/// each receives the <see cref="PartnershipScope"/> from dependency injection, never a bare id.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PartnershipHomeSectionAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}

/// <summary>The partnership home's sections, found once at start-up.</summary>
public sealed class PartnershipHomeSections(IReadOnlyList<Type> components)
{
    public IReadOnlyList<Type> Components { get; } = components;
}

public static class HookRegistration
{
    /// <summary>Finds every hook implementation in the app and registers it.</summary>
    public static IServiceCollection AddConcordHooks(this IServiceCollection services)
    {
        var types = typeof(HookRegistration).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }).ToList();
        foreach (var hook in new[] { typeof(IPartnershipExportPart), typeof(IPersonalDataPart), typeof(IDemoSeeder) })
        {
            foreach (var type in types.Where(hook.IsAssignableFrom))
            {
                services.TryAddEnumerable(ServiceDescriptor.Scoped(hook, type));
            }
        }

        var sections = types
            .Where(t => typeof(ViewComponent).IsAssignableFrom(t) && t.GetCustomAttribute<PartnershipHomeSectionAttribute>() is not null)
            .OrderBy(t => t.GetCustomAttribute<PartnershipHomeSectionAttribute>()!.Order).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        services.AddSingleton(new PartnershipHomeSections(sections));
        return services;
    }
}
